import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEventStore } from '../embedded/embedded-event-store';
import { aMetadata } from '../testing/event-store.contract';
import { LogFollower } from './log-follower';

const events = (count: number) => Array.from({ length: count }, (_, i) => ({ id: randomUUID(), type: 'Counted', data: { i }, metadata: aMetadata() }));

describe('following the global log on demand', () => {
  let folder: string;
  let store: EmbeddedEventStore;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'log-follower-'));
    store = EmbeddedEventStore.open({ file: join(folder, 'events.db') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('hands every event once and in order, across pages, and what is appended after on the next catch-up', async () => {
    await store.appendToStream('counter-a', events(6_000), { expectedRevision: 'no_stream' });
    const seen: number[] = [];
    const follower = new LogFollower(store, (event) => seen.push(event.position));

    await follower.catchUp();
    expect(seen).toEqual(Array.from({ length: 6_000 }, (_, i) => i + 1));

    await store.appendToStream('counter-b', events(2), { expectedRevision: 'no_stream' });
    await follower.catchUp();
    expect(seen.slice(-3)).toEqual([6_000, 6_001, 6_002]);
    expect(seen).toHaveLength(6_002);
  });

  it('runs one catch-up for the callers that arrive while it runs', async () => {
    await store.appendToStream('counter-a', events(3), { expectedRevision: 'no_stream' });
    const seen: number[] = [];
    const follower = new LogFollower(store, (event) => seen.push(event.position));
    const first = follower.catchUp();
    expect(follower.catchUp()).toBe(first);
    await Promise.all([first, follower.catchUp()]);
    expect(seen).toEqual([1, 2, 3]);
  });
});
