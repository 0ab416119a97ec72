import { RecordedEvent } from './event-store.port';
import { eventsUpTo, isBeyondHead } from './point-in-time';

const event = (revision: number, occurredAt: string): RecordedEvent => ({
  id: `e-${revision}`,
  streamId: 'contract-1',
  revision,
  position: revision + 1,
  type: 'Something',
  data: {},
  recordedAt: '2026-06-01T00:00:00.000Z',
  metadata: {
    actorId: 'buyer-1',
    role: 'buyer',
    tenant: 'ARA',
    commandId: `c-${revision}`,
    correlationId: `c-${revision}`,
    causationId: `c-${revision}`,
    occurredAt,
    schemaVersion: 1,
  },
});

describe('a point of a stream history', () => {
  const history = [
    event(0, '2026-01-05T09:00:00.000Z'),
    event(1, '2026-02-01T09:00:00.000Z'),
    event(2, '2026-03-01T00:00:00.000Z'),
    event(3, '2026-03-10T10:00:00.000Z'),
  ];
  const revisions = (events: RecordedEvent[]) => events.map((e) => e.revision);

  it('keeps every event up to and including a revision', () => {
    expect(revisions(eventsUpTo(history, { revision: 1 }))).toEqual([0, 1]);
    expect(revisions(eventsUpTo(history, { revision: 0 }))).toEqual([0]);
  });

  it('keeps the events that occurred at or before a moment, in business time', () => {
    expect(revisions(eventsUpTo(history, { asOf: '2026-03-01T00:00:00Z' }))).toEqual([0, 1, 2]);
    expect(revisions(eventsUpTo(history, { asOf: '2026-02-28T23:59:59.999Z' }))).toEqual([0, 1]);
    // The same moment written in another zone.
    expect(revisions(eventsUpTo(history, { asOf: '2026-03-01T01:00:00+01:00' }))).toEqual([0, 1, 2]);
  });

  it('knows nothing before the first event', () => {
    expect(eventsUpTo(history, { asOf: '2026-01-01T00:00:00Z' })).toEqual([]);
  });

  it('stops at the first event after the moment, so the answer is a state the stream went through', () => {
    const skewed = [event(0, '2026-01-05T09:00:00.000Z'), event(1, '2026-03-02T00:00:00.000Z'), event(2, '2026-02-20T00:00:00.000Z')];
    expect(revisions(eventsUpTo(skewed, { asOf: '2026-03-01T00:00:00Z' }))).toEqual([0]);
  });

  it('treats a revision the stream has not reached as unknown', () => {
    expect(isBeyondHead(history, { revision: 3 })).toBe(false);
    expect(isBeyondHead(history, { revision: 4 })).toBe(true);
    expect(isBeyondHead(history, { asOf: '2030-01-01T00:00:00Z' })).toBe(false);
    expect(eventsUpTo(history, undefined)).toHaveLength(4);
  });
});
