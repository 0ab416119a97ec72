/**
 * Audit figures: time to reconstruct a contract of 10,000 events as of a date (target < 50 ms), and the
 * verification rate (hash chains, re-decided decisions) over a log written through the real deciders.
 *   npm run bench:audit                     (1,000,000 events verified)
 *   BENCH_VERIFY_EVENTS=200000 npm run bench:audit
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyAll } from '../libs/audit/src/verification';
import { EmbeddedEventStore } from '../libs/event-store/src/embedded/embedded-event-store';
import type { EventToAppend } from '../libs/event-store/src/event-store.port';
import { eventsUpTo } from '../libs/event-store/src/point-in-time';
import { foldAt, SNAPSHOT_INTERVAL } from '../libs/event-store/src/snapshots/fold-at';
import { SnapshotStore } from '../libs/event-store/src/snapshots/snapshot-store';
import { contractFold } from '../libs/procurement/src/application/contract-fold';
import { ContractState, evolveContract, initialContractState, ProcurementEvent } from '../libs/procurement/src/domain/contract/contract.state';
import { ProcurementCommand, decideProcurement } from '../libs/procurement/src/domain/procurement.decider';

const CONTRACT_EVENTS = 10_000;
const VERIFY_EVENTS = Number(process.env.BENCH_VERIFY_EVENTS ?? 1_000_000);
const ORDERS_PER_CONTRACT = 20;

/** Writes one contract's life through the deciders: opening, orders, then session moves and volume changes. */
async function writeContract(store: EmbeddedEventStore, events: number, startDay: number): Promise<string> {
  const contractId = randomUUID();
  const stream = `contract-${contractId}`;
  let state: ContractState = initialContractState();
  let revision = -1;
  let pending: EventToAppend[] = [];
  let time = Date.UTC(2026, 0, 5) + startDay * 86_400_000;
  const flush = async () => {
    if (pending.length === 0) return;
    await store.appendToStream(stream, pending, { expectedRevision: revision < 0 ? 'no_stream' : revision });
    revision += pending.length;
    pending = [];
  };
  const run = async (build: (at: string) => ProcurementCommand) => {
    time += 60_000;
    const at = new Date(time).toISOString();
    const decided = decideProcurement(build(at), state);
    const commandId = randomUUID();
    for (const event of decided) {
      state = evolveContract(state, event);
      // As the command path records it: the version the decider wrote the event in.
      const schemaVersion = ('schemaVersion' in event ? event.schemaVersion : undefined) ?? 1;
      const metadata = { actorId: 'buyer-1', role: 'buyer' as const, tenant: 'ARA', commandId, correlationId: commandId, causationId: commandId, occurredAt: at, schemaVersion };
      pending.push({ id: randomUUID(), type: event.type, data: event.data as unknown as Record<string, unknown>, metadata });
    }
    if (pending.length >= 500) await flush();
  };
  const meta = (at: string) => ({ at, actorId: 'buyer-1' });
  await run((at) => ({
    type: 'DraftContract',
    meta: meta(at),
    data: { contractId, tenant: 'ARA', title: 'Parcours 2026-2029', mode: 'FRAMEWORK_AGREEMENT', awardProcedure: { procedure: 'OPEN_TENDER' }, cpvCode: '80530000-8', startDate: '2026-01-01', endDate: '2029-12-31', initialValueCents: 500_000_000, maximumValueCents: 900_000_000_000, singleLotJustification: 'One domain, one territory' },
  }));
  await run((at) => ({
    type: 'DefineLot',
    meta: meta(at),
    data: { lotId: 'LOT-1', title: 'Parcours', scope: { domainCode: '31054', territoryCodes: ['69'], targetPublics: [] }, workUnits: [{ type: 'PATHWAY', unitPriceCents: 300_000, initialQuantity: 10_000, minQuantity: 0, maxQuantity: 1_000_000 }], maximumValueCents: 900_000_000_000 },
  }));
  await run((at) => ({ type: 'AddClause', meta: meta(at), data: { clauseId: 'VOL-1', lotId: 'LOT-1', terms: { type: 'VOLUME', unitType: 'PATHWAY', percent: 20 } } }));
  await run((at) => ({ type: 'AddClause', meta: meta(at), data: { clauseId: 'CAL-1', terms: { type: 'CALENDAR', maxShiftDays: 30 } } }));
  await run((at) => ({ type: 'PublishContract', meta: meta(at) }));
  await run((at) => ({ type: 'AwardLot', meta: meta(at), data: { lotId: 'LOT-1', awardee: { kind: 'PROVIDER', providerId: 'of-a' } } }));
  await run((at) => ({ type: 'ActivateContract', meta: meta(at) }));
  for (let o = 0; o < ORDERS_PER_CONTRACT; o++) {
    await run((at) => ({
      type: 'IssueOrder',
      meta: meta(at),
      data: {
        orderId: `order-${o}`,
        lotId: 'LOT-1',
        lines: [{ unitType: 'PATHWAY', quantity: 100 }],
        sessions: [{ sessionId: 'S-1', startDate: '2027-03-01', endDate: '2027-06-30', place: 'Lyon', capacity: 12, modality: 'IN_PERSON' }],
        periodStart: '2027-01-01',
        periodEnd: '2029-12-31',
      },
    }));
  }
  for (let n = 0; revision + pending.length + 1 < events; n++) {
    const orderId = `order-${n % ORDERS_PER_CONTRACT}`;
    if (n % 2 === 0) {
      // Back and forth within the volume clause, so it never runs out.
      const delta = Math.floor(n / ORDERS_PER_CONTRACT) % 2 === 0 ? 1 : -1;
      await run((at) => ({ type: 'AdjustOrder', meta: meta(at), data: { orderId, clauseId: 'VOL-1', reason: 'Liste d’attente', adjustment: { kind: 'CHANGE_QUANTITY', unitType: 'PATHWAY', delta } } }));
    } else {
      const day = String(1 + (n % 20)).padStart(2, '0');
      await run((at) => ({ type: 'AdjustOrder', meta: meta(at), data: { orderId, clauseId: 'CAL-1', reason: 'Saison de recrutement', adjustment: { kind: 'MOVE_SESSION', sessionId: 'S-1', startDate: `2027-03-${day}`, endDate: '2027-06-30' } } }));
    }
  }
  await flush();
  return contractId;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'bench-audit-'));
  try {
    const store = EmbeddedEventStore.open({ file: join(folder, 'events.db') });
    const contractId = await writeContract(store, CONTRACT_EVENTS, 0);
    const stream = await store.readStream(`contract-${contractId}`);
    const percentile90 = Math.floor(stream.length * 0.9);
    const asOf = stream[percentile90].metadata.occurredAt;

    const time = async (fold: () => Promise<ContractState>): Promise<{ ms: number; state: ContractState }> => {
      const started = process.hrtime.bigint();
      const state = await fold();
      return { ms: Number(process.hrtime.bigint() - started) / 1e6, state };
    };
    // The whole stream read, cut and folded: how the api answered before snapshots (and verification still folds).
    const fullFold = async (moment: string) =>
      eventsUpTo(await store.readStream(`contract-${contractId}`), { asOf: moment }).reduce(
        (state, event) => evolveContract(state, { type: event.type, data: event.data } as ProcurementEvent),
        initialContractState(),
      );
    // As the api answers ?asOf=: from the last snapshot at or before the moment, then the tail of the stream.
    const snapshots = SnapshotStore.open(join(folder, 'snapshots.db'));
    const fromSnapshot = async (moment: string) => (await foldAt(store, snapshots, `contract-${contractId}`, contractFold, { asOf: moment })).state;
    const cold = await time(() => fromSnapshot(asOf));
    // The longest tail: as of the event just before the next snapshot, the fold starts from the one before.
    const nextSnapshot = Math.ceil((percentile90 + 1) / SNAPSHOT_INTERVAL) * SNAPSHOT_INTERVAL - 1;
    const worstAsOf = stream[nextSnapshot - 1].metadata.occurredAt;
    const full: number[] = [];
    const warm: number[] = [];
    const worst: number[] = [];
    for (let i = 0; i < 21; i++) {
      full.push((await time(() => fullFold(asOf))).ms);
      warm.push((await time(() => fromSnapshot(asOf))).ms);
      worst.push((await time(() => fromSnapshot(worstAsOf))).ms);
    }
    for (const moment of [asOf, worstAsOf]) {
      if (JSON.stringify(await fromSnapshot(moment)) !== JSON.stringify(await fullFold(moment))) throw new Error(`the state from snapshots differs from the full fold as of ${moment}`);
    }
    const asOfMs = Math.max(median(warm.slice(1)), median(worst.slice(1)));
    console.log(`machine: ${cpus().length} x ${cpus()[0]?.model.trim()}, node ${process.version}, load average ${loadavg()[0].toFixed(1)}`);
    console.log(`as-of reconstruction of a contract of ${stream.length.toLocaleString('en-US')} events, median of 20 runs (states checked equal to the full fold):`);
    console.log(`  whole stream read + cut + fold, as of its 90th percentile:          ${median(full.slice(1)).toFixed(1)} ms`);
    console.log(`  first read as of the 90th percentile, no snapshot yet (keeps them): ${cold.ms.toFixed(1)} ms`);
    console.log(`  from the last snapshot + tail, as of the 90th percentile:           ${median(warm.slice(1)).toFixed(1)} ms`);
    console.log(`  from the last snapshot + tail, longest tail (${SNAPSHOT_INTERVAL - 1} events):         ${median(worst.slice(1)).toFixed(1)} ms`);
    console.log(`  target < 50 ms (the slower of the two): ${asOfMs < 50 ? 'MET' : 'NOT MET'}`);
    snapshots.close();

    let written = stream.length;
    for (let c = 1; written < VERIFY_EVENTS; c++) {
      await writeContract(store, Math.min(CONTRACT_EVENTS, VERIFY_EVENTS - written), c);
      written = await store.headPosition();
    }
    const started = process.hrtime.bigint();
    const report = await verifyAll(store);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const events = await store.headPosition();
    console.log(
      `verification of ${events.toLocaleString('en-US')} events (hash chains + every decision re-decided): ${seconds.toFixed(1)} s = ${Math.round(events / seconds).toLocaleString('en-US')} events/s, ${report.ok ? 'all verified' : `FAILED: ${JSON.stringify(report.firstFailure)}`}`,
    );
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
