import { aMetadata } from '@app/event-store/testing/event-store.contract';
import { ProcurementEvent } from '@app/procurement';
import {
  acceptAmendment,
  activeContract,
  changeQuantity,
  CONTRACT_ID,
  euros,
  notifyAmendment,
  orderOpenDays,
  orderPathways,
  PATHWAY_LOT,
  PATHWAY_PROVIDER,
  proposeAmendment,
  recorded,
  signAmendment,
  VOLUME_PATHWAY_CLAUSE,
} from '@app/procurement/domain/testing/fixtures';
import { idFromName } from '@app/shared';
import { DomainEventType, Projection } from './projection';
import { Projector } from './projector';
import { ReadModelDatabase } from './sqlite/read-model-database';
import { useReadModelWorkbench } from './testing/read-model-workbench';

describe('read models', () => {
  const bench = useReadModelWorkbench('projections');

  /** Appends a history to the contract's stream, one append per event, as commands would. */
  async function write(history: ProcurementEvent[], from = 0): Promise<void> {
    for (let i = from; i < history.length; i++) {
      const event = history[i];
      await bench.store.appendToStream(
        `contract-${CONTRACT_ID}`,
        [{ id: idFromName('fixture', String(i)), type: event.type, data: event.data as Record<string, unknown>, metadata: aMetadata() }],
        { expectedRevision: i === 0 ? 'no_stream' : i - 1 },
      );
    }
  }

  const dump = (database: ReadModelDatabase) =>
    Object.fromEntries(
      ['lot_consumption', 'contract_budget', 'provider_inbox'].map((table) => [
        table,
        database.db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all(),
      ]),
    );

  const history = () => {
    const withOrders = recorded(
      activeContract(),
      orderPathways('order-1', 40),
      orderOpenDays('order-2', 100),
      changeQuantity('order-1', VOLUME_PATHWAY_CLAUSE, 'PATHWAY', 15),
      proposeAmendment({ amendmentId: 'amendment-1', change: { kind: 'VOLUME', lotId: PATHWAY_LOT, unitType: 'PATHWAY', newMaxQuantity: 140 } }),
      signAmendment('amendment-1'),
      notifyAmendment('amendment-1'),
    );
    return { withOrders, accepted: recorded(withOrders, acceptAmendment('amendment-1', PATHWAY_PROVIDER)) };
  };

  it('shows what was ordered per lot against its maximum, the committed budget and the pending amendments', async () => {
    const { withOrders } = history();
    await write(withOrders);
    const projector = bench.projectorOn('g1');

    expect(await projector.catchUp()).toBe(withOrders.length);

    const tables = dump(projector.database);
    expect(tables.lot_consumption).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ lot_id: PATHWAY_LOT, unit_type: 'PATHWAY', ordered_quantity: 55, max_quantity: 130, ordered_value_cents: 55 * euros(5_000) }),
        expect.objectContaining({ unit_type: 'OPEN_DAY', ordered_quantity: 100, ordered_value_cents: 100 * euros(1_000) }),
      ]),
    );
    expect(tables.contract_budget).toEqual([
      expect.objectContaining({ contract_id: CONTRACT_ID, committed_cents: 55 * euros(5_000) + 100 * euros(1_000), amendments_in_force: 0 }),
    ]);
    expect(tables.provider_inbox).toEqual([expect.objectContaining({ provider_id: PATHWAY_PROVIDER, amendment_id: 'amendment-1' })]);
  });

  it('applies an accepted amendment: the inbox empties and the lot maximum and budget move', async () => {
    const { accepted } = history();
    await write(accepted);
    const projector = bench.projectorOn('g1');
    await projector.catchUp();

    const tables = dump(projector.database);
    expect(tables.provider_inbox).toEqual([]);
    expect(tables.lot_consumption).toEqual(expect.arrayContaining([expect.objectContaining({ unit_type: 'PATHWAY', max_quantity: 140 })]));
    expect(tables.contract_budget).toEqual([expect.objectContaining({ amendments_in_force: 1, maximum_value_cents: euros(1_100_000) + 10 * euros(5_000) })]);
  });

  it('applies each event once, however often it is replayed and by however many projectors', async () => {
    const { withOrders } = history();
    await write(withOrders);
    const first = bench.projectorOn('shared');
    const second = bench.projectorOn('shared');
    await first.catchUp();
    const once = dump(first.database);

    expect(await second.catchUp()).toBe(0);
    expect(await first.catchUp()).toBe(0);
    expect(dump(second.database)).toEqual(once);
  });

  it('following the log live ends where a rebuild from position 0 ends', async () => {
    const { accepted } = history();
    await write(accepted.slice(0, 10));
    const live = bench.projectorOn('live');
    await live.catchUp();
    live.start();
    await write(accepted, 10);
    const head = await bench.store.headPosition();
    for (let i = 0; i < 200 && live.database.checkpoint() < head; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await live.stop();

    const rebuilt = bench.projectorOn('rebuilt');
    await rebuilt.catchUp();
    expect(live.database.checkpoint()).toBe(head);
    expect(dump(live.database)).toEqual(dump(rebuilt.database));
  });

  it('following the log live, applies the events already at hand in one transaction', async () => {
    // Each ping records the checkpoint its transaction started from: one value for events applied together.
    const pings: Projection = {
      name: 'pings',
      version: 1,
      schema: 'CREATE TABLE pings (position INTEGER PRIMARY KEY, checkpoint_before INTEGER NOT NULL)',
      // A test event the product never records, so outside DomainEventType.
      handles: new Set(['Pinged']) as ReadonlySet<string> as ReadonlySet<DomainEventType>,
      apply(db, event) {
        const { position: checkpoint } = db.prepare('SELECT position FROM projection_checkpoint').get() as { position: number };
        db.prepare('INSERT INTO pings VALUES (?, ?)').run(event.position, checkpoint);
      },
    };
    const live = new Projector(bench.store, bench.files.open('pings', [pings]), [pings]);
    live.start();
    const ping = (i: number) => ({ id: idFromName('ping', String(i)), type: 'Pinged', data: { i }, metadata: aMetadata() });
    await bench.store.appendToStream('pings-1', Array.from({ length: 50 }, (_, i) => ping(i)), { expectedRevision: 'no_stream' });
    const head = await bench.store.headPosition();
    for (let i = 0; i < 200 && live.database.checkpoint() < head; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await live.stop();

    const rows = live.database.db.prepare('SELECT checkpoint_before FROM pings').pluck().all();
    live.database.close();
    expect(rows).toHaveLength(50);
    expect(new Set(rows)).toEqual(new Set([0]));
  });

  it('serves the previous generation until a rebuilt one is promoted', () => {
    const before = bench.files.current();
    const next = bench.files.newGeneration();
    expect(bench.files.current()).toBe(before);
    bench.files.promote(next);
    expect(bench.files.current()).toBe(next);
  });
});
