import { EventStore } from '@app/event-store';

/** A stream folded up to a revision, with the ids of the commands its events came from. */
export interface FoldedStream<State> {
  /** -1 while the stream is empty. */
  revision: number;
  state: State;
  /** Only ever grows (ids of events read or appended), so it is shared between the folds of one stream. */
  commandIds: Set<string>;
}

type Evolve<State> = (state: State, event: { type: string; data: unknown }) => State;

/** Streams kept folded in memory between commands; past this many, the least recently used are dropped. */
const MAX_STREAMS = 2_000;

/** Per store, per fold (an `evolve` function): stream id → folded stream, in order of use. */
const folded = new WeakMap<EventStore, WeakMap<object, Map<string, FoldedStream<unknown>>>>();

function streamsOf(store: EventStore, evolve: object): Map<string, FoldedStream<unknown>> {
  let byFold = folded.get(store);
  if (!byFold) folded.set(store, (byFold = new WeakMap()));
  let streams = byFold.get(evolve);
  if (!streams) byFold.set(evolve, (streams = new Map()));
  return streams;
}

/**
 * The stream folded up to its current revision. Only the events appended since the last fold (by this
 * process or any other) are read, so a command on a long stream costs what its new events cost, not the
 * whole history. Events are facts and never change, which is what makes the kept fold safe to reuse.
 */
export async function foldStream<State>(store: EventStore, streamId: string, initialState: () => State, evolve: Evolve<State>): Promise<FoldedStream<State>> {
  const streams = streamsOf(store, evolve);
  const kept = streams.get(streamId) as FoldedStream<State> | undefined;
  const newer = await store.readStream(streamId, { fromRevision: kept ? kept.revision + 1 : 0 });
  if (kept && newer.length === 0) {
    remember(streams, streamId, kept);
    return kept;
  }
  const commandIds = kept?.commandIds ?? new Set<string>();
  let state = kept?.state ?? initialState();
  for (const event of newer) {
    state = evolve(state, { type: event.type, data: event.data });
    commandIds.add(event.metadata.commandId);
  }
  const fold = { revision: newer.length > 0 ? newer[newer.length - 1].revision : -1, state, commandIds };
  remember(streams, streamId, fold);
  return fold;
}

/** Keeps the fold of events just appended after `before` (with the expected revision, so nothing came between). */
export function rememberAppended<State>(
  store: EventStore,
  streamId: string,
  evolve: Evolve<State>,
  before: FoldedStream<State>,
  appended: { revision: number; commandId: string; events: Array<{ type: string; data: unknown }> },
): void {
  const state = appended.events.reduce(evolve, before.state);
  before.commandIds.add(appended.commandId);
  remember(streamsOf(store, evolve), streamId, { revision: appended.revision, state, commandIds: before.commandIds });
}

function remember(streams: Map<string, FoldedStream<unknown>>, streamId: string, fold: FoldedStream<unknown>): void {
  const current = streams.get(streamId);
  // A concurrent command may have kept a later fold already: never go back.
  if (current && current.revision > fold.revision) return;
  streams.delete(streamId);
  streams.set(streamId, fold);
  if (streams.size > MAX_STREAMS) streams.delete(streams.keys().next().value!);
}
