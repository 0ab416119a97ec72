/**
 * Writes a tenant's contracts (or one contract) in a published format to standard output, checked against its
 * official schema: OCDS 1.1 release packages or DECP 2022 records.
 *   npm run -s audit:export -- --format ocds|decp --tenant ARA [--contract <contractId>] > export.json
 */
import { parseArgs } from 'node:util';
import { runCli, withContractExports, writeOut } from './cli';

const USAGE = 'usage: npm run -s audit:export -- --format ocds|decp --tenant TENANT [--contract CONTRACT_ID]';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { format: { type: 'string' }, tenant: { type: 'string' }, contract: { type: 'string' } } });
  const { format, tenant, contract } = values;
  if ((format !== 'ocds' && format !== 'decp') || !tenant) {
    console.error(USAGE);
    return 2;
  }
  return withContractExports(async (exports) => {
    const document =
      format === 'ocds'
        ? contract
          ? await exports.ocdsOfContract(contract, tenant)
          : await exports.ocdsOfTenant(tenant)
        : contract
          ? await exports.decpOfContract(contract, tenant)
          : await exports.decpOfTenant(tenant);
    await writeOut(`${JSON.stringify(document, null, 2)}\n`);
    return 0;
  });
}

runCli(main);
