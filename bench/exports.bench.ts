/**
 * Export figures: time and size of the OCDS release package and the DECP record of one contract of many
 * decisions (written through the real deciders), each checked against its official schema as the api does.
 *   npm run bench:exports                          (a contract of 10,000 events)
 *   BENCH_EXPORT_EVENTS=2000 npm run bench:exports
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContractExports } from '../libs/audit/src/exports/contract-exports';
import { EmbeddedEventStore } from '../libs/event-store/src/embedded/embedded-event-store';
import type { EventToAppend } from '../libs/event-store/src/event-store.port';
import { ContractState, evolveContract, initialContractState } from '../libs/procurement/src/domain/contract/contract.state';
import { ProcurementCommand, decideProcurement } from '../libs/procurement/src/domain/procurement.decider';

const EVENTS = Number(process.env.BENCH_EXPORT_EVENTS ?? 10_000);
const ORDERS = 20;

/** A framework agreement, 20 orders, then volume adjustments back and forth within the clause. */
async function writeContract(store: EmbeddedEventStore): Promise<string> {
  const contractId = randomUUID();
  let state: ContractState = initialContractState();
  let revision = -1;
  let pending: EventToAppend[] = [];
  let time = Date.UTC(2026, 0, 5);
  const flush = async () => {
    if (pending.length === 0) return;
    await store.appendToStream(`contract-${contractId}`, pending, { expectedRevision: revision < 0 ? 'no_stream' : revision });
    revision += pending.length;
    pending = [];
  };
  const run = async (build: (meta: { at: string; actorId: string }) => ProcurementCommand) => {
    time += 60_000;
    const at = new Date(time).toISOString();
    const commandId = randomUUID();
    for (const event of decideProcurement(build({ at, actorId: 'buyer-1' }), state)) {
      state = evolveContract(state, event);
      const metadata = { actorId: 'buyer-1', role: 'buyer' as const, tenant: 'ARA', commandId, correlationId: commandId, causationId: commandId, occurredAt: at, schemaVersion: 1 };
      pending.push({ id: randomUUID(), type: event.type, data: event.data as unknown as Record<string, unknown>, metadata });
    }
    if (pending.length >= 500) await flush();
  };
  await run((meta) => ({
    type: 'DraftContract',
    meta,
    data: { contractId, tenant: 'ARA', title: 'Parcours 2026-2029', mode: 'FRAMEWORK_AGREEMENT', awardProcedure: { procedure: 'OPEN_TENDER' }, cpvCode: '80530000-8', startDate: '2026-01-01', endDate: '2029-12-31', initialValueCents: 500_000_000, maximumValueCents: 900_000_000_000, singleLotJustification: 'One domain, one territory' },
  }));
  await run((meta) => ({
    type: 'DefineLot',
    meta,
    data: { lotId: 'LOT-1', title: 'Parcours', scope: { domainCode: '31054', territoryCodes: ['69'], targetPublics: [] }, workUnits: [{ type: 'PATHWAY', unitPriceCents: 300_000, initialQuantity: 10_000, minQuantity: 0, maxQuantity: 1_000_000 }], maximumValueCents: 900_000_000_000 },
  }));
  await run((meta) => ({ type: 'AddClause', meta, data: { clauseId: 'VOL-1', lotId: 'LOT-1', terms: { type: 'VOLUME', unitType: 'PATHWAY', percent: 20 } } }));
  await run((meta) => ({ type: 'PublishContract', meta }));
  await run((meta) => ({ type: 'AwardLot', meta, data: { lotId: 'LOT-1', awardee: { kind: 'PROVIDER', providerId: '12345678900011' } } }));
  await run((meta) => ({ type: 'ActivateContract', meta }));
  for (let o = 0; o < ORDERS; o++) {
    await run((meta) => ({
      type: 'IssueOrder',
      meta,
      data: { orderId: `order-${o}`, lotId: 'LOT-1', lines: [{ unitType: 'PATHWAY', quantity: 100 }], sessions: [], periodStart: '2027-01-01', periodEnd: '2029-12-31' },
    }));
  }
  for (let n = 0; revision + pending.length + 1 < EVENTS; n++) {
    const delta = Math.floor(n / ORDERS) % 2 === 0 ? 1 : -1;
    await run((meta) => ({ type: 'AdjustOrder', meta, data: { orderId: `order-${n % ORDERS}`, clauseId: 'VOL-1', reason: 'Liste d’attente', adjustment: { kind: 'CHANGE_QUANTITY', unitType: 'PATHWAY', delta } } }));
  }
  await flush();
  return contractId;
}

async function timed<T>(what: () => Promise<T>): Promise<[T, number]> {
  const started = process.hrtime.bigint();
  const result = await what();
  return [result, Number(process.hrtime.bigint() - started) / 1e6];
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'bench-exports-'));
  try {
    const store = EmbeddedEventStore.open({ file: join(folder, 'events.db') });
    const contractId = await writeContract(store);
    const exports = new ContractExports(store, { ocidPrefix: 'ocds-000000', buyerSirets: { ARA: '23690001100012' } });
    const [ocds, ocdsMs] = await timed(() => exports.ocdsOfContract(contractId, 'ARA'));
    const [decp, decpMs] = await timed(() => exports.decpOfContract(contractId, 'ARA'));
    const mib = (value: unknown) => (Buffer.byteLength(JSON.stringify(value)) / 1024 / 1024).toFixed(1);
    console.log(`machine: ${cpus().length} x ${cpus()[0]?.model.trim()}, node ${process.version}`);
    console.log(`OCDS package of a contract of ${ocds.releases.length.toLocaleString('en-US')} decisions (read, map, schema check): ${ocdsMs.toFixed(0)} ms, ${mib(ocds)} MiB of JSON`);
    console.log(`DECP record of the same contract (read, fold, schema check): ${decpMs.toFixed(0)} ms, ${mib(decp)} MiB`);
    console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
    await store.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
