import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEventStore, EventMetadata, EventStore } from '@app/event-store';
import { contractFold, contractStream, deliveryStream, evolveDelivery, ExistingContract, initialDeliveryState, readingCurrentShapes, UPCASTERS } from '@app/procurement';
import { Projector, PROJECTIONS, ReadModelDatabase, ReadModelFiles } from '@app/projections';
import { idFromName } from '@app/shared';
import { verifyAll } from './verification';

/**
 * A log written with the shapes events had before their version bumps (test/fixtures/v1-history.json, rebuilt
 * from `git log -p` of each event file) replays through the aggregates, verifies, and projects exactly as the
 * same history written in today's shapes: the log is read through the upcasters, never rewritten.
 */
interface FixtureEvent {
  streamId: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}
const FIXTURE = JSON.parse(readFileSync(join(__dirname, '../../../test/fixtures/v1-history.json'), 'utf8')) as { contractId: string; orderId: string; events: FixtureEvent[] };

async function write(store: EventStore, events: FixtureEvent[]): Promise<void> {
  for (const [i, { streamId, type, data, metadata }] of events.entries()) {
    await store.appendToStream(streamId, [{ id: idFromName('v1-history', String(i)), type, data, metadata }], { expectedRevision: 'any' });
  }
}

/** Every table and view, every row, in a fixed order. */
function dump(database: ReadModelDatabase): Record<string, unknown[]> {
  const names = database.db
    .prepare(`SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' AND name NOT IN ('projection_checkpoint', 'projection_versions') ORDER BY name`)
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    names.map((name) => {
      const columns = database.db.prepare(`SELECT * FROM ${name} LIMIT 0`).columns().map((column) => column.name);
      return [name, database.db.prepare(`SELECT * FROM ${name} ORDER BY ${columns.join(', ')}`).all()];
    }),
  );
}

describe('a log of version 1 events', () => {
  let folder: string;
  let stored: EmbeddedEventStore;
  let store: EventStore;
  const opened: ReadModelDatabase[] = [];

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'v1-history-'));
    stored = EmbeddedEventStore.open({ file: join(folder, 'events.db') });
    store = readingCurrentShapes(stored);
    await write(stored, FIXTURE.events);
  });

  afterEach(async () => {
    opened.splice(0).forEach((database) => database.close());
    await stored.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function projected(from: EventStore, generation: string): Promise<Record<string, unknown[]>> {
    const database = new ReadModelFiles(folder).open(generation, PROJECTIONS);
    opened.push(database);
    await new Projector(from, database, PROJECTIONS).catchUp();
    return dump(database);
  }

  it('is stored as written: the old shapes are in the log', async () => {
    const left = (await stored.readStream(deliveryStream(FIXTURE.orderId))).filter((event) => event.type === 'TraineeLeftEarly');
    expect(left.map((event) => [event.metadata.schemaVersion, 'destination' in event.data, event.data.reason])).toEqual([
      [1, false, 'EMPLOYMENT'],
      [1, false, 'HEALTH'],
    ]);
    const entered = (await stored.readStream(deliveryStream(FIXTURE.orderId))).filter((event) => event.type === 'TraineeEntered');
    expect(entered.map((event) => [event.metadata.schemaVersion, 'targeting' in event.data])).toEqual([
      [1, false],
      [1, false],
    ]);
  });

  it('reads each version 1 entry with its targeting data NOT_RECORDED, its publics and its recorded version kept', async () => {
    const entered = (await store.readStream(deliveryStream(FIXTURE.orderId))).filter((event) => event.type === 'TraineeEntered');
    expect(entered.map((event) => [event.metadata.schemaVersion, event.data.traineeId, event.data.targeting, event.data.publics])).toEqual([
      [1, 'trainee-1', 'NOT_RECORDED', { qpvResident: true, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: false }],
      [1, 'trainee-2', 'NOT_RECORDED', { qpvResident: true, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: true }],
    ]);
  });

  it('verifies: intact chains, today’s events decided again, the version 1 ones folded as recorded', async () => {
    const report = await verifyAll(store);
    expect(report.firstFailure).toBeUndefined();
    expect(report.ok).toBe(true);
    expect(report.integrity).toMatchObject({ ok: true, eventsChecked: FIXTURE.events.length });
    expect(report.decisions).toMatchObject({ events: FIXTURE.events.length, failed: 0 });
    expect(report.decisions.byType).toMatchObject({
      AmendmentProposed: { decided: 0, folded: 1, failed: 0 },
      TraineeLeftEarly: { decided: 0, folded: 2, failed: 0 },
      TraineeEntered: { decided: 0, folded: 2, failed: 0 },
      ContractClosed: { decided: 0, folded: 1, failed: 0 },
    });
    expect(report.decisions.decided).toBeGreaterThan(0);
  });

  it('replays through the contract and the delivery folds in today’s shape', async () => {
    const contract = (await store.readStream(contractStream(FIXTURE.contractId))).reduce(contractFold.evolve, contractFold.initial()) as ExistingContract;
    expect(contract.status).toBe('CLOSED');
    const [amendment] = Object.values(contract.amendments);
    expect(amendment).toMatchObject({ amountChangeCents: 1_000_000, declaredAmountChangeCents: 1_000_000, computation: { method: 'DECLARED_BEFORE_COMPUTATION' } });
    expect(contract.clauses['REV-1'].terms).toEqual({ type: 'PRICE_REVISION', recordedAsText: { indexName: 'INSEE 001763', formula: 'P = P0 x (0.15 + 0.85 x I/I0)', frequencyMonths: 12 } });
    expect(contract.orders[FIXTURE.orderId].quantities).toEqual({ PATHWAY: 55 });

    const delivery = (await store.readStream(deliveryStream(FIXTURE.orderId))).reduce((state, event) => evolveDelivery(state, event as never), initialDeliveryState());
    expect(delivery.trainees['trainee-1'].leftEarly).toMatchObject({ destination: 'EMPLOYMENT' });
    expect(delivery.trainees['trainee-2'].leftEarly).toMatchObject({ destination: 'WITHOUT_SOLUTION', reason: 'HEALTH' });
    // Entered before the targeting data were asked: read as not recorded, never given a level, band or sex.
    expect([delivery.trainees['trainee-1'].targeting, delivery.trainees['trainee-2'].targeting]).toEqual(['NOT_RECORDED', 'NOT_RECORDED']);
  });

  it('projects the same read models as the history written in today’s shapes', async () => {
    const upcastFolder = mkdtempSync(join(tmpdir(), 'v1-history-upcast-'));
    const current = EmbeddedEventStore.open({ file: join(upcastFolder, 'events.db') });
    try {
      // The same events, each as the upcasters read it, written at today's version.
      await write(
        current,
        FIXTURE.events.map((event, i) => {
          const read = UPCASTERS.upcast({ ...event, id: String(i), revision: 0, position: i + 1, recordedAt: event.metadata.occurredAt });
          return { ...event, data: read.data, metadata: { ...event.metadata, schemaVersion: UPCASTERS.currentVersion(event.type) } };
        }),
      );
      const fromV1 = await projected(store, 'from-v1');
      expect(fromV1.lot_delivery.find((row) => (row as { lot_id: string }).lot_id === 'LOT-1')).toEqual(expect.objectContaining({ left_early: 2, left_early_to_employment: 1, left_early_to_without_solution: 1, positive_exits: 1 }));
      // Counted in the five flags' shares, left out of those of the targeting data (NULL: not stated, never guessed).
      const notStated = { no_qualification: null, infra_bac: null, under_26: null, aged_45_and_over: null, women: null, illiterate: null };
      expect(fromV1.targeting_entries).toEqual([
        expect.objectContaining({ trainee_id: 'trainee-1', lot_id: 'LOT-1', qpv_resident: 1, young_neet: 0, ...notStated }),
        expect.objectContaining({ trainee_id: 'trainee-2', lot_id: 'LOT-1', qpv_resident: 1, young_neet: 1, ...notStated }),
      ]);
      expect(fromV1).toEqual(await projected(current, 'from-current'));
    } finally {
      await current.close();
      rmSync(upcastFolder, { recursive: true, force: true });
    }
  });
});
