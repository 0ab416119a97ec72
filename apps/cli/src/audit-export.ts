/**
 * Writes a tenant's contracts (or one contract) in a published format to standard output, checked against its
 * official schema: OCDS 1.1 release packages or DECP 2022 records.
 *   npm run -s audit:export -- --format ocds|decp --tenant ARA [--contract <contractId>] > export.json
 */
import { parseArgs } from 'node:util';
import { ContractExports } from '../../../libs/audit/src/exports/contract-exports';
import { openConfiguredEventStore } from '../../../libs/event-store/src/event-store.module';
import { readingCurrentShapes } from '../../../libs/procurement/src/application/current-shapes';
import { buyerSiretsOf, validateEnvironment } from '../../../libs/shared/src/config/environment';

const USAGE = 'usage: npm run -s audit:export -- --format ocds|decp --tenant TENANT [--contract CONTRACT_ID]';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { format: { type: 'string' }, tenant: { type: 'string' }, contract: { type: 'string' } } });
  const { format, tenant, contract } = values;
  if ((format !== 'ocds' && format !== 'decp') || !tenant) {
    console.error(USAGE);
    return 2;
  }
  const env = validateEnvironment(process.env);
  const store = readingCurrentShapes(openConfiguredEventStore(env));
  try {
    const exports = new ContractExports(store, { ocidPrefix: env.OCDS_OCID_PREFIX, buyerSirets: buyerSiretsOf(env.DECP_BUYER_SIRETS) });
    const document =
      format === 'ocds'
        ? contract
          ? await exports.ocdsOfContract(contract, tenant)
          : await exports.ocdsOfTenant(tenant)
        : contract
          ? await exports.decpOfContract(contract, tenant)
          : await exports.decpOfTenant(tenant);
    await new Promise((resolve) => process.stdout.write(`${JSON.stringify(document, null, 2)}\n`, resolve));
    return 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
