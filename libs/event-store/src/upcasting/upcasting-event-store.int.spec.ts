import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEventStore } from '../embedded/embedded-event-store';
import { EventStore, EventToAppend, RecordedEvent } from '../event-store.port';
import { Upcasters } from './upcasters';
import { eventsAsStored, UpcastingEventStore, withUpcasters } from './upcasting-event-store';

const upcasters = new Upcasters([{ type: 'Greeted', fromVersion: 1, upcast: ({ name, ...data }) => ({ ...data, names: [name] }) }]);

function greeted(id: string, data: Record<string, unknown>, schemaVersion: number): EventToAppend {
  return { id, type: 'Greeted', data, metadata: { actorId: 'a', role: 'buyer', tenant: 'ARA', commandId: id, correlationId: id, causationId: id, occurredAt: '2026-01-05T09:00:00.000Z', schemaVersion } };
}

describe('UpcastingEventStore', () => {
  let folder: string;
  let stored: EmbeddedEventStore;
  let store: EventStore;

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'upcasting-'));
    stored = EmbeddedEventStore.open({ file: join(folder, 'events.db') });
    store = withUpcasters(stored, upcasters);
    await store.appendToStream('greetings-1', [greeted('00000000-0000-4000-8000-000000000001', { name: 'Ada' }, 1), greeted('00000000-0000-4000-8000-000000000002', { names: ['Grace'] }, 2)], { expectedRevision: 'no_stream' });
  });

  afterEach(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const names = (events: RecordedEvent[]) => events.map((event) => event.data);

  it('reads every event in its current shape, by stream, in global order and replayed', async () => {
    const current = [{ names: ['Ada'] }, { names: ['Grace'] }];
    expect(names(await store.readStream('greetings-1'))).toEqual(current);
    expect(names(await store.readAll())).toEqual(current);
    expect(names(await store.replayAll())).toEqual(current);
  });

  it('delivers subscribed events in their current shape', async () => {
    const subscription = store.subscribeToAll({ fromPosition: 'start' });
    const seen: unknown[] = [];
    for await (const event of subscription) {
      seen.push(event.data);
      if (seen.length === 2) break;
    }
    await subscription.close();
    expect(seen).toEqual([{ names: ['Ada'] }, { names: ['Grace'] }]);
  });

  it('leaves the log as stored: the adapter reads the old shape, and its chain still verifies', async () => {
    expect(names(await eventsAsStored(store).readStream('greetings-1'))).toEqual([{ name: 'Ada' }, { names: ['Grace'] }]);
    const [old] = await store.readStream('greetings-1');
    const [asStored] = await stored.readStream('greetings-1');
    expect(old.hash).toBe(asStored.hash);
    expect(old.metadata.schemaVersion).toBe(1);
    expect(await store.verifyIntegrity()).toMatchObject({ ok: true, eventsChecked: 2 });
  });

  it('wraps a store once', () => {
    expect(withUpcasters(store, upcasters)).toBe(store);
    expect(store).toBeInstanceOf(UpcastingEventStore);
    expect(eventsAsStored(stored)).toBe(stored);
  });
});
