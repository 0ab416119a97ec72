import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from '../event-store.errors';
import { EventMetadata, EventStore, EventToAppend, RecordedEvent } from '../event-store.port';

/**
 * The behaviour every event store adapter must have. Each adapter's spec calls this with a factory; the
 * suite only uses streams it creates itself, so it can run against a shared server.
 */
export function eventStoreContract(
  adapterName: string,
  openStore: () => Promise<EventStore>,
  closeStore: (store: EventStore) => Promise<void> = (store) => store.close(),
): void {
  describe(`${adapterName} event store (contract)`, () => {
    let store: EventStore;
    let run: string;

    beforeAll(async () => {
      store = await openStore();
    });
    afterAll(async () => {
      await closeStore(store);
    });
    beforeEach(() => {
      run = randomUUID().slice(0, 8);
    });

    const streamName = (name: string) => `${name}-${run}`;

    describe('appending', () => {
      it('numbers the events of a new stream from revision 0 and keeps every field', async () => {
        const stream = streamName('contract');
        const events = [anEvent('ContractDrafted', { n: 1 }), anEvent('LotDefined', { n: 2 })];

        const result = await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });

        expect(result.revision).toBe(1);
        const stored = await store.readStream(stream);
        expect(stored.map((e) => [e.revision, e.id, e.type, e.data])).toEqual([
          [0, events[0].id, 'ContractDrafted', { n: 1 }],
          [1, events[1].id, 'LotDefined', { n: 2 }],
        ]);
        expect(stored[0].metadata).toEqual(events[0].metadata);
        expect(stored[0].streamId).toBe(stream);
        expect(new Date(stored[0].recordedAt).toISOString()).toBe(stored[0].recordedAt);
        const [all] = await store.readAll({ fromPosition: result.position, maxCount: 1 });
        expect(all.id).toBe(events[1].id);
        expect(all.position).toBe(result.position);
      });

      it('appends after the expected revision and refuses a stale one, writing nothing', async () => {
        const stream = streamName('order');
        await store.appendToStream(stream, [anEvent('A')], { expectedRevision: 'no_stream' });
        const second = await store.appendToStream(stream, [anEvent('B')], { expectedRevision: 0 });
        expect(second.revision).toBe(1);

        const stale = store.appendToStream(stream, [anEvent('C')], { expectedRevision: 0 });

        await expect(stale).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expect(stale).rejects.toMatchObject({ streamId: stream, expected: 0, actual: 1 });
        expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['A', 'B']);
      });

      it('checks no_stream, stream_exists and any', async () => {
        const stream = streamName('lot');
        await expect(
          store.appendToStream(stream, [anEvent('A')], { expectedRevision: 'stream_exists' }),
        ).rejects.toMatchObject({ expected: 'stream_exists', actual: 'no_stream' });
        await store.appendToStream(stream, [anEvent('A')], { expectedRevision: 'no_stream' });
        await expect(
          store.appendToStream(stream, [anEvent('B')], { expectedRevision: 'no_stream' }),
        ).rejects.toMatchObject({ expected: 'no_stream', actual: 0 });
        await store.appendToStream(stream, [anEvent('B')], { expectedRevision: 'stream_exists' });
        const any = await store.appendToStream(stream, [anEvent('C')], { expectedRevision: 'any' });
        expect(any.revision).toBe(2);
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('treats a re-append of the same event ids as the same append: no duplicate, same result', async () => {
        const stream = streamName('amendment');
        const events = [anEvent('AmendmentProposed'), anEvent('AmendmentSigned')];
        const first = await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });

        const again = await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });

        expect(again).toEqual(first);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('lets exactly one of two writers with the same expected revision win', async () => {
        const stream = streamName('race');
        await store.appendToStream(stream, [anEvent('A')], { expectedRevision: 'no_stream' });

        const outcomes = await Promise.allSettled([
          store.appendToStream(stream, [anEvent('FromWriter1')], { expectedRevision: 0 }),
          store.appendToStream(stream, [anEvent('FromWriter2')], { expectedRevision: 0 }),
        ]);

        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(rejected).toHaveLength(1);
        expect(rejected[0].reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('accepts many concurrent appends to different streams, each at its own position', async () => {
        const streams = Array.from({ length: 50 }, (_, i) => streamName(`many${i}`));

        const results = await Promise.all(
          streams.map((s) => store.appendToStream(s, [anEvent('A'), anEvent('B')], { expectedRevision: 'no_stream' })),
        );

        expect(results.every((r) => r.revision === 1)).toBe(true);
        expect(new Set(results.map((r) => r.position)).size).toBe(streams.length);
      });
    });

    describe('reading', () => {
      it('reads a stream from a revision, with a count, forwards and backwards', async () => {
        const stream = streamName('read');
        await store.appendToStream(stream, ['E0', 'E1', 'E2', 'E3', 'E4'].map((t) => anEvent(t)), {
          expectedRevision: 'no_stream',
        });

        const types = (events: RecordedEvent[]) => events.map((e) => e.type);
        expect(types(await store.readStream(stream, { fromRevision: 2 }))).toEqual(['E2', 'E3', 'E4']);
        expect(types(await store.readStream(stream, { fromRevision: 1, maxCount: 2 }))).toEqual(['E1', 'E2']);
        expect(types(await store.readStream(stream, { direction: 'backwards', maxCount: 2 }))).toEqual(['E4', 'E3']);
        expect(types(await store.readStream(stream, { direction: 'backwards', fromRevision: 1 }))).toEqual([
          'E1',
          'E0',
        ]);
      });

      it('reads an unknown stream as empty', async () => {
        expect(await store.readStream(streamName('never-written'))).toEqual([]);
      });

      it('reads all streams in global commit order', async () => {
        const a = streamName('all-a');
        const b = streamName('all-b');
        const first = await store.appendToStream(a, [anEvent('A0')], { expectedRevision: 'no_stream' });
        await store.appendToStream(b, [anEvent('B0'), anEvent('B1')], { expectedRevision: 'no_stream' });
        await store.appendToStream(a, [anEvent('A1')], { expectedRevision: 0 });

        const ours = (await store.readAll({ fromPosition: first.position })).filter(
          (e) => e.streamId === a || e.streamId === b,
        );

        expect(ours.map((e) => e.type)).toEqual(['A0', 'B0', 'B1', 'A1']);
        const positions = ours.map((e) => e.position);
        expect([...positions].sort((x, y) => x - y)).toEqual(positions);
        expect(new Set(positions).size).toBe(positions.length);
        expect(await store.headPosition()).toBeGreaterThanOrEqual(ours[ours.length - 1].position);
        const page = await store.readAll({ fromPosition: first.position, maxCount: 2 });
        expect(page).toHaveLength(2);
        expect(page[0].position).toBe(first.position);
        const next = await store.readAll({ afterPosition: first.position, maxCount: 1 });
        expect(next).toEqual([page[1]]);
      });

      it('replays the same events as readAll, page by page after a checkpoint', async () => {
        const a = streamName('replay-a');
        const b = streamName('replay-b');
        const first = await store.appendToStream(a, [anEvent('R0', { n: 0 })], { expectedRevision: 'no_stream' });
        await store.appendToStream(b, [anEvent('R1', { n: 1 }), anEvent('R2', { n: 2 })], { expectedRevision: 'no_stream' });
        await store.appendToStream(a, [anEvent('R3', { n: 3 })], { expectedRevision: 0 });
        const ours = (events: RecordedEvent[]) => events.filter((e) => e.streamId === a || e.streamId === b);
        // Without the hash, which a replay may leave out; data and metadata read through their accessors.
        const plain = (event: RecordedEvent) => {
          const { hash: _hash, ...fields } = event;
          return { ...fields, data: event.data, metadata: event.metadata };
        };

        const firstPage = await store.replayAll({ fromPosition: first.position, maxCount: 2 });
        const rest = await store.replayAll({ afterPosition: firstPage[1].position });

        expect(firstPage).toHaveLength(2);
        const replayed = ours([...firstPage, ...rest]);
        expect(replayed.map((e) => e.type)).toEqual(['R0', 'R1', 'R2', 'R3']);
        expect(replayed.map(plain)).toEqual(ours(await store.readAll({ fromPosition: first.position })).map(plain));
      });
    });

    describe('subscribing to all', () => {
      it('delivers history then live events in order, with no gap and no duplicate, while appends go on', async () => {
        const streams = [streamName('sub-a'), streamName('sub-b'), streamName('sub-c')];
        // Subscriptions start after a position the store returned: a marker event just before ours.
        const marker = await store.appendToStream(streamName('sub-marker'), [anEvent('Marker')], {
          expectedRevision: 'no_stream',
        });
        const start = await store.appendToStream(streams[0], [anEvent('S0')], { expectedRevision: 'no_stream' });
        for (let i = 1; i < 20; i++) {
          await store.appendToStream(streams[i % 3], [anEvent(`H${i}`)], { expectedRevision: 'any' });
        }
        const subscription = store.subscribeToAll({ fromPosition: marker.position });
        const live = (async () => {
          for (let i = 0; i < 60; i++) {
            await store.appendToStream(streams[i % 3], [anEvent(`L${i}`)], { expectedRevision: 'any' });
          }
        })();

        const received: RecordedEvent[] = [];
        for await (const event of subscription) {
          if (!streams.includes(event.streamId)) continue;
          received.push(event);
          if (received.length === 80) break;
        }
        await live;
        await subscription.close();

        const expected = await store.readAll({ fromPosition: start.position });
        expect(received.map((e) => e.id)).toEqual(
          expected.filter((e) => streams.includes(e.streamId)).map((e) => e.id),
        );
        expect(new Set(received.map((e) => e.id)).size).toBe(80);
        for (const stream of streams) {
          const revisions = received.filter((e) => e.streamId === stream).map((e) => e.revision);
          expect(revisions).toEqual(revisions.map((_, i) => i));
        }
      });

      it('resumes strictly after a checkpoint position', async () => {
        const stream = streamName('checkpoint');
        const checkpoint = await store.appendToStream(stream, [anEvent('C0')], { expectedRevision: 'no_stream' });
        const next = anEvent('C1');
        await store.appendToStream(stream, [next], { expectedRevision: 0 });

        const subscription = store.subscribeToAll({ fromPosition: checkpoint.position });
        let first: RecordedEvent | undefined;
        for await (const event of subscription) {
          if (event.streamId !== stream) continue;
          first = event;
          break;
        }
        await subscription.close();

        expect(first?.id).toBe(next.id);
      });

      it('stops delivering once closed', async () => {
        const stream = streamName('closed');
        const subscription = store.subscribeToAll({ fromPosition: 'start' });
        const iterator = subscription[Symbol.asyncIterator]();
        const pending = (async () => {
          for (;;) {
            const next = await iterator.next();
            if (next.done) return 'done';
            if (next.value.streamId === stream) return 'delivered';
          }
        })();
        await subscription.close();
        await store.appendToStream(stream, [anEvent('AfterClose')], { expectedRevision: 'no_stream' });

        expect(await pending).toBe('done');
      });
    });
  });
}

export function aMetadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  const commandId = randomUUID();
  return {
    actorId: 'buyer-1',
    role: 'buyer',
    tenant: 'ARA',
    commandId,
    correlationId: commandId,
    causationId: commandId,
    occurredAt: '2026-01-15T09:00:00.000Z',
    schemaVersion: 1,
    ...overrides,
  };
}

export function anEvent(type: string, data: Record<string, unknown> = {}): EventToAppend {
  return { id: randomUUID(), type, data, metadata: aMetadata() };
}
