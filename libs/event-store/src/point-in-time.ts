import { RecordedEvent } from './event-store.port';

/**
 * A point of a stream's history: a stream revision, or a moment. Exactly one is given.
 *
 * "As of" a moment means business time: the `occurredAt` of each event (when the command was received and
 * the decision taken, the time the decision itself carries), not `recordedAt` (when the store committed it).
 * That is what an auditor asks when asking what the contract was on 1 March. Revisions are in decision order,
 * so the history stops at the first event that occurred after the moment: the answer is always a state the
 * stream really went through, at a revision that can be read again with `?revision=`.
 */
export type PointInTime = { revision: number; asOf?: undefined } | { asOf: string; revision?: undefined };

/** The events of a stream's history (in revision order) up to and including the point. */
export function eventsUpTo<Event extends RecordedEvent>(history: readonly Event[], point: PointInTime | undefined): Event[] {
  if (point === undefined) return [...history];
  if (point.revision !== undefined) return history.filter((event) => event.revision <= point.revision);
  const moment = Date.parse(point.asOf);
  const after = history.findIndex((event) => Date.parse(event.metadata.occurredAt) > moment);
  return after < 0 ? [...history] : history.slice(0, after);
}

/** True when the point names a revision the stream has not reached: its state there is not known yet. */
export function isBeyondHead(history: readonly RecordedEvent[], point: PointInTime | undefined): boolean {
  if (point?.revision === undefined) return false;
  const head = history.length > 0 ? history[history.length - 1].revision : -1;
  return point.revision > head;
}
