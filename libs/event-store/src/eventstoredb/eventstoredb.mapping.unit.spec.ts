import {
  ANY,
  AppendExpectedRevision,
  CurrentRevision,
  NO_STREAM,
  Position,
  ResolvedEvent,
  STREAM_EXISTS,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { WrongExpectedRevisionError } from '../event-store.errors';
import { ExpectedRevision } from '../event-store.port';
import { aMetadata, anEvent } from '../testing/event-store.contract';
import {
  toEsdbEvent,
  toEsdbExpectedRevision,
  toEsdbPosition,
  toPortPosition,
  toRecordedEvent,
  toWrongExpectedRevisionError,
} from './eventstoredb.mapping';

const MAX_UINT64 = 2n ** 64n - 1n;

function aWrongExpectedVersion(
  streamName: string,
  expected: AppendExpectedRevision,
  current: CurrentRevision,
): WrongExpectedVersionError {
  // The shape the client builds from an append response (see fromWrongExpectedVersion in CommandError.js).
  return new WrongExpectedVersionError(undefined, { streamName, expected, current });
}

interface RecordedOverrides {
  id?: string;
  streamId?: string;
  type?: string;
  revision?: bigint;
  created?: Date;
  data?: unknown;
  metadata?: unknown;
  isJson?: boolean;
  position?: Position;
}

/** A resolved event as the client hands it over after reading a JSON event (no link). */
function aResolvedEvent(overrides: RecordedOverrides = {}): ResolvedEvent {
  const event = {
    streamId: 'contract-1',
    id: '0b7c6c83-7c1b-4a43-9b0e-0ab5bd4e1f2a',
    revision: 3n,
    type: 'ContractDrafted',
    created: new Date('2026-01-15T09:00:01.234Z'),
    data: { amount: 1200 },
    metadata: aMetadata(),
    isJson: true,
    position: { commit: 4096n, prepare: 4096n },
    ...overrides,
  };
  return { event } as unknown as ResolvedEvent;
}

describe('EventStoreDB mapping', () => {
  describe('expected revisions', () => {
    it('passes a revision number to the client as a bigint of the same value', () => {
      const revision = toEsdbExpectedRevision(7);
      expect(typeof revision).toBe('bigint');
      expect(revision).toBe(7n);
      expect(toEsdbExpectedRevision(0)).toBe(0n);
    });

    it.each([
      ['any', ANY],
      ['no_stream', NO_STREAM],
      ['stream_exists', STREAM_EXISTS],
    ] as const)('passes %s as the client constant of the same meaning', (port, client) => {
      expect(toEsdbExpectedRevision(port)).toBe(client);
    });
  });

  describe('wrong expected version', () => {
    it("turns the client's error into the port's error with the stream, and revisions as numbers", () => {
      const error = toWrongExpectedRevisionError(aWrongExpectedVersion('order-42', 3n, 5n));

      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamId: 'order-42', expected: 3, actual: 5 });
      expect(typeof error.expected).toBe('number');
      expect(typeof error.actual).toBe('number');
      expect(error.message).toBe('Stream order-42 is at revision 5, expected 3');
    });

    it('reports a stream that does not exist as no_stream', () => {
      const error = toWrongExpectedRevisionError(aWrongExpectedVersion('lot-1', STREAM_EXISTS, NO_STREAM));

      expect(error).toMatchObject({ streamId: 'lot-1', expected: 'stream_exists', actual: 'no_stream' });
    });

    it('keeps no_stream as the expectation when the stream already exists at revision 0', () => {
      const error = toWrongExpectedRevisionError(aWrongExpectedVersion('lot-2', NO_STREAM, 0n));

      expect(error).toMatchObject({ streamId: 'lot-2', expected: 'no_stream', actual: 0 });
    });

    it.each<[bigint, ExpectedRevision]>([
      [-1n, 'no_stream'],
      [-2n, 'any'],
      [-4n, 'stream_exists'],
    ])('reads the wire code %p of older servers as %p', (code, expected) => {
      const error = toWrongExpectedRevisionError(aWrongExpectedVersion('s', code, -1n));
      expect(error).toMatchObject({ expected, actual: 'no_stream' });
    });

    it.each<ExpectedRevision>([0, 12, 'no_stream', 'stream_exists'])(
      'gives back the expectation %p the writer passed, through the client and back',
      (expected) => {
        const error = toWrongExpectedRevisionError(
          aWrongExpectedVersion('s', toEsdbExpectedRevision(expected), 99n),
        );
        expect(error.expected).toBe(expected);
        expect(error.actual).toBe(99);
      },
    );
  });

  describe('events to append', () => {
    it('keeps the id, type, data and metadata, as a JSON event', () => {
      const event = anEvent('LotDefined', { lot: 2, label: 'Plâtrerie', items: [1, 2] });

      const esdbEvent = toEsdbEvent(event);

      expect(esdbEvent).toEqual({
        id: event.id,
        contentType: 'application/json',
        type: 'LotDefined',
        data: { lot: 2, label: 'Plâtrerie', items: [1, 2] },
        metadata: event.metadata,
      });
    });
  });

  describe('recorded events', () => {
    it('maps every field: revision and prepare position as numbers, creation time as ISO-8601', () => {
      const metadata = aMetadata({ actorId: 'provider-9', role: 'provider' });
      const resolved = aResolvedEvent({
        id: 'c5a0f5b5-3e4e-4c39-8a3b-6c2f9b1b7d10',
        streamId: 'contract-9',
        type: 'ContractSigned',
        revision: 11n,
        created: new Date('2026-02-01T10:20:30.456Z'),
        data: { signedBy: 'buyer-1' },
        metadata,
        position: { commit: 9000n, prepare: 8800n },
      });

      const event = toRecordedEvent(resolved);

      expect(event).toEqual({
        id: 'c5a0f5b5-3e4e-4c39-8a3b-6c2f9b1b7d10',
        streamId: 'contract-9',
        type: 'ContractSigned',
        revision: 11,
        position: 8800,
        recordedAt: '2026-02-01T10:20:30.456Z',
        data: { signedBy: 'buyer-1' },
        metadata,
      });
      expect(typeof event?.revision).toBe('number');
      expect(typeof event?.position).toBe('number');
    });

    it('leaves out a resolved event that only holds a link (its target was deleted)', () => {
      const link = aResolvedEvent({ type: '$>', isJson: false, data: new Uint8Array([48, 64, 115]) }).event;
      const linkOnly = { link } as unknown as ResolvedEvent;

      expect(toRecordedEvent(linkOnly)).toBeUndefined();
    });

    it('leaves out binary events, which the port does not carry', () => {
      const binary = aResolvedEvent({ isJson: false, data: new Uint8Array([1, 2, 3]) });

      expect(toRecordedEvent(binary)).toBeUndefined();
      expect(toRecordedEvent(aResolvedEvent())).toBeDefined();
    });

    it('gives position -1 when the server sent none', () => {
      expect(toRecordedEvent(aResolvedEvent({ position: undefined }))?.position).toBe(-1);
    });

    it('gives position -1 when the server sent the max uint64 placeholder (stream reads)', () => {
      const event = toRecordedEvent(aResolvedEvent({ position: { commit: MAX_UINT64, prepare: MAX_UINT64 } }));

      expect(event?.position).toBe(-1);
      expect(event?.revision).toBe(3);
    });
  });

  describe('positions', () => {
    it('reads the prepare position as the port position', () => {
      expect(toPortPosition({ commit: 1500n, prepare: 1200n })).toBe(1200);
      expect(toPortPosition({ commit: 0n, prepare: 0n })).toBe(0);
    });

    it('gives -1 for a missing position or the max uint64 placeholder', () => {
      expect(toPortPosition(undefined)).toBe(-1);
      expect(toPortPosition({ commit: MAX_UINT64, prepare: MAX_UINT64 })).toBe(-1);
    });

    it('turns a port position into the (commit, prepare) pair with both set to it, as bigints', () => {
      const position = toEsdbPosition(123456);

      expect(position).toEqual({ commit: 123456n, prepare: 123456n });
      expect(typeof position.commit).toBe('bigint');
      expect(typeof position.prepare).toBe('bigint');
    });

    it('round-trips a port position through the client position', () => {
      for (const position of [0, 1, 4096, 2 ** 40 + 17]) {
        expect(toPortPosition(toEsdbPosition(position))).toBe(position);
      }
    });
  });
});
