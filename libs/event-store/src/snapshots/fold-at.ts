import { EventStore, RecordedEvent } from '../event-store.port';
import { PointInTime } from '../point-in-time';
import { Snapshot, SnapshotStore } from './snapshot-store';

/** How a stream folds into a state, and the version of that code (snapshots of another version are ignored). */
export interface StreamFold<State> {
  version: string;
  initial: () => State;
  evolve: (state: State, event: RecordedEvent) => State;
}

export interface FoldedAt<State> {
  state: State;
  /** The last revision folded (-1: no event, e.g. a moment before the stream began). */
  revision: number;
}

/** A snapshot is kept every this many events of a stream (after revisions 499, 999, …). */
export const SNAPSHOT_INTERVAL = 500;
/** As of a moment the tail is read a little at a time: the first event after the moment ends the read. */
const MOMENT_PAGE = 100;

/**
 * The state of a stream at a point of its history (now when no point is given): the same state as folding
 * `eventsUpTo(history, point)` from the start, but starting from the last snapshot at or before the point
 * and reading only the events after it. "At or before" a moment means a snapshot whose events all occurred
 * at or before it, so the first event after the moment (where the history stops) always lies in the tail.
 * Snapshots passed on the way and not kept yet are saved. Without a snapshot store (a process keeping none),
 * the whole history up to the point is folded.
 */
export async function foldAt<State>(
  store: EventStore,
  snapshots: SnapshotStore | undefined,
  streamId: string,
  fold: StreamFold<State>,
  point?: PointInTime,
): Promise<FoldedAt<State>> {
  const moment = point?.asOf === undefined ? undefined : Date.parse(point.asOf);
  const start = snapshots?.latest<State>(streamId, fold.version, {
    ...(point?.revision === undefined ? {} : { atOrBeforeRevision: point.revision }),
    ...(moment === undefined ? {} : { occurredAtOrBeforeMs: moment }),
  });
  let state = start ? start.state : fold.initial();
  let revision = start ? start.revision : -1;
  let maxOccurredMs = start ? start.maxOccurredMs : Number.MIN_SAFE_INTEGER;
  const passed: Array<Snapshot<State>> = [];
  reading: for (;;) {
    const wanted =
      point?.revision !== undefined ? Math.min(SNAPSHOT_INTERVAL, point.revision - revision) : moment !== undefined ? MOMENT_PAGE : SNAPSHOT_INTERVAL;
    if (wanted <= 0) break;
    const page = await store.readStream(streamId, { fromRevision: revision + 1, maxCount: wanted });
    for (const event of page) {
      const occurredMs = Date.parse(event.metadata.occurredAt);
      if (moment !== undefined && occurredMs > moment) break reading;
      state = fold.evolve(state, event);
      revision = event.revision;
      maxOccurredMs = Math.max(maxOccurredMs, occurredMs);
      if ((revision + 1) % SNAPSHOT_INTERVAL === 0) passed.push({ streamId, foldVersion: fold.version, revision, maxOccurredMs, state });
    }
    if (page.length < wanted) break;
  }
  try {
    snapshots?.save(passed);
  } catch {
    // A cache that cannot be written (disk full, file locked too long) must not fail the read: the next read
    // folds these events again and tries to keep them again.
  }
  return { state, revision };
}
