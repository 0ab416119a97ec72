/**
 * Writes a tenant's offer of training in LHEO 2.3 to standard output, checked against the official XSD, for the
 * regional Carif-Oref base; the lots left out (their description lacks what LHEO requires) are named on stderr.
 *   npm run -s export:lheo -- --tenant ARA [--changed-since 2026-03-01T08:00:00Z] > offre.xml
 */
import { parseArgs } from 'node:util';
import { runCli, withContractExports, writeOut } from './cli';

const USAGE = 'usage: npm run -s export:lheo -- --tenant TENANT [--changed-since YYYY-MM-DD | YYYY-MM-DDTHH:MM:SSZ]';
const DAY_OR_MOMENT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { tenant: { type: 'string' }, 'changed-since': { type: 'string' } } });
  const { tenant, 'changed-since': changedSince } = values;
  const since = changedSince === undefined ? undefined : new Date(changedSince.length === 10 ? `${changedSince}T00:00:00Z` : changedSince);
  if (!tenant || (changedSince !== undefined && (!DAY_OR_MOMENT.test(changedSince) || Number.isNaN(since!.getTime())))) {
    console.error(USAGE);
    return 2;
  }
  return withContractExports(async (exports) => {
    const offer = await exports.lheoOfTenant(tenant, since?.toISOString());
    for (const { contractId, lotId, missing } of offer.leftOut) console.error(`left out: lot ${lotId} of contract ${contractId} lacks ${missing.join(', ')}`);
    // Nothing changed, or nothing to publish: LHEO has no empty document, so none is written.
    if (offer.xml === undefined) {
      console.error('no formation to publish');
      return 0;
    }
    await writeOut(offer.xml);
    return 0;
  });
}

runCli(main);
