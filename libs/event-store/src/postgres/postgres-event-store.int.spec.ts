import { Client } from 'pg';
import { PartialDuplicateAppendError } from '../event-store.errors';
import { RecordedEvent } from '../event-store.port';
import { anEvent, eventStoreContract } from '../testing/event-store.contract';
import { migrate, openPool, PostgresLocation } from './postgres-connection';
import { PostgresEventStore } from './postgres-event-store';
import { aTestLocation, dropTestSchemas } from './testing/test-schema';

const locations: PostgresLocation[] = [];
function aLocation(): PostgresLocation {
  const location = aTestLocation('events');
  locations.push(location);
  return location;
}
afterAll(() => dropTestSchemas(locations));

eventStoreContract('PostgreSQL', () => PostgresEventStore.open({ ...aLocation(), pollIntervalMs: 100 }));

describe('PostgreSQL event store', () => {
  async function raw(location: PostgresLocation): Promise<Client> {
    const client = new Client({ connectionString: location.url, options: `-c search_path=${location.schema}` });
    await client.connect();
    return client;
  }

  it('refuses a batch that repeats some stored events but not all, writing nothing', async () => {
    const store = await PostgresEventStore.open(aLocation());
    const stored = anEvent('A');
    await store.appendToStream('s', [stored], { expectedRevision: 'no_stream' });

    await expect(store.appendToStream('s', [stored, anEvent('B')], { expectedRevision: 'any' })).rejects.toBeInstanceOf(PartialDuplicateAppendError);
    expect((await store.readStream('s')).map((e) => e.type)).toEqual(['A']);
    await store.close();
  });

  it('groups appends made in the same tick into one transaction without mixing their outcomes, and the chains verify', async () => {
    const store = await PostgresEventStore.open(aLocation());
    await store.appendToStream('shared', [anEvent('Start')], { expectedRevision: 'no_stream' });

    const outcomes = await Promise.allSettled([
      store.appendToStream('shared', [anEvent('Winner')], { expectedRevision: 0 }),
      store.appendToStream('shared', [anEvent('Loser')], { expectedRevision: 0 }),
      store.appendToStream('other', [anEvent('Other')], { expectedRevision: 'no_stream' }),
    ]);

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await store.readAll()).map((e) => e.type)).toEqual(['Start', 'Winner', 'Other']);
    expect(await store.verifyIntegrity()).toEqual({ ok: true, eventsChecked: 3, streamsChecked: 2 });
    await store.close();
  });

  it('keeps one order and one chain for two processes appending to the same streams', async () => {
    const location = aLocation();
    const [one, two] = await Promise.all([PostgresEventStore.open(location), PostgresEventStore.open(location)]);
    const appendMany = (store: PostgresEventStore, writer: string) =>
      Promise.all(Array.from({ length: 40 }, (_, i) => store.appendToStream(`order-${i % 4}`, [anEvent(`${writer}${i}`)], { expectedRevision: 'any' })));

    await Promise.all([appendMany(one, 'one'), appendMany(two, 'two')]);

    const all = await one.readAll();
    expect(all).toHaveLength(80);
    expect(all.map((e) => e.position)).toEqual(all.map((_, i) => i + 1));
    expect((await two.verifyIntegrity()).ok).toBe(true);
    await Promise.all([one.close(), two.close()]);
  });

  it('names the event whose stored data was rewritten, and a deleted newest event', async () => {
    const location = aLocation();
    const store = await PostgresEventStore.open(location);
    for (let i = 0; i < 10; i++) await store.appendToStream(`order-${i % 3}`, [anEvent('OrderIssued', { quantity: i })], { expectedRevision: 'any' });
    const client = await raw(location);

    await client.query(`UPDATE events SET data = '{"quantity":999}' WHERE position = 5`);
    expect((await store.verifyIntegrity()).firstFailure).toMatchObject({ position: 5, streamId: 'order-1', revision: 1, reason: expect.stringMatching(/rewritten/) });
    await client.query(`UPDATE events SET data = '{"quantity":4}' WHERE position = 5`);
    expect((await store.verifyIntegrity()).ok).toBe(true);
    await client.query('DELETE FROM events WHERE position = 10');
    expect((await store.verifyIntegrity()).firstFailure?.reason).toMatch(/removed/);

    await client.end();
    await store.close();
  });

  it('never skips an event committed after a later position was delivered: it waits for the transaction still in flight', async () => {
    // Two writers that do not take the chain head's lock (as a sequence-numbered store would have): the one with
    // the lower position commits last. A subscription that jumped the gap would deliver 2 and never 1.
    const location = aLocation();
    const store = await PostgresEventStore.open({ ...location, pollIntervalMs: 20 });
    const [slow, fast] = [await raw(location), await raw(location)];
    const insert = (client: Client, position: number, type: string) =>
      client.query(
        `INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata, recorded_at, hash, global_hash)
         VALUES ($1, $2, 0, $2, $3, '{}', '{}', '2026-01-15T09:00:00.000Z', '', '')`,
        [position, `late-${type}`, type],
      );
    await slow.query('BEGIN');
    await slow.query('SELECT pg_current_xact_id()');
    await insert(slow, 1, 'CommittedLate');
    await fast.query('BEGIN');
    await insert(fast, 2, 'CommittedFirst');
    await fast.query('COMMIT');

    const subscription = store.subscribeToAll({ fromPosition: 'start' });
    const received: RecordedEvent[] = [];
    const reading = (async () => {
      for await (const event of subscription) {
        received.push(event);
        if (received.length === 2) return;
      }
    })();
    // The subscription reads several times while the slow transaction is open (its poll is 20 ms).
    const { rows } = await fast.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
    expect(rows[0].n).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await slow.query('COMMIT');
    await reading;
    await subscription.close();

    expect(received.map((e) => [e.position, e.type])).toEqual([
      [1, 'CommittedLate'],
      [2, 'CommittedFirst'],
    ]);
    await Promise.all([slow.end(), fast.end()]);
    await store.close();
  });

  it('runs its migrations once when processes start together, and refuses a schema newer than it knows', async () => {
    const location = aLocation();
    const stores = await Promise.all([1, 2, 3].map(() => PostgresEventStore.open(location)));
    await Promise.all(stores.map((store) => store.close()));
    const client = await raw(location);
    expect((await client.query('SELECT version FROM event_store_migrations')).rows).toEqual([{ version: 1 }]);
    await client.query('INSERT INTO event_store_migrations (version) VALUES (99)');
    await client.end();

    await expect(PostgresEventStore.open(location)).rejects.toThrow(/version 99; this build knows up to 1/);
  });

  it('lets two components create the same new schema at once, each with its own migrations', async () => {
    // The event store and the personal-key store of two apis starting together on an empty database.
    for (let round = 0; round < 5; round += 1) {
      const location = aLocation();
      const pools = [openPool(location, 1), openPool(location, 1), openPool(location, 1), openPool(location, 1)];
      await Promise.all(
        pools.map((pool, i) => migrate(pool, location.schema, i % 2 === 0 ? 'first_migrations' : 'second_migrations', [{ version: 1, sql: `CREATE TABLE IF NOT EXISTS t${i % 2} (id integer)` }])),
      );
      await Promise.all(pools.map((pool) => pool.end()));
      const client = await raw(location);
      expect((await client.query('SELECT version FROM first_migrations')).rows).toEqual([{ version: 1 }]);
      expect((await client.query('SELECT version FROM second_migrations')).rows).toEqual([{ version: 1 }]);
      await client.end();
    }
  });
});
