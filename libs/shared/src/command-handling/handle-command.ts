import {
  EventStore,
  EventToAppend,
  RecordedEvent,
  WrongExpectedRevisionError,
} from '@app/event-store';
import { NotFoundError } from '../errors/domain-errors';
import { idFromName } from '../ids';
import { CommandContext } from './command-context';
import { Decider, DomainEvent } from './decider';
import { foldStream, rememberAppended } from './folded-streams';

export interface CommandOptions {
  /**
   * Decide again once on a concurrency conflict. Only for commands whose outcome does not depend on what
   * the caller saw (e.g. reporting a delivery), never for ones sent with an expected revision.
   */
  retryOnConflict?: boolean;
  /** The revision the caller last read (If-Match): a different current revision is a conflict (409). */
  expectedRevision?: number;
}

export interface CommandResult<Event extends DomainEvent = DomainEvent> {
  streamId: string;
  /** Revision of the stream after the command (-1: still empty). */
  revision: number;
  /** Global position of the last event written, when the command wrote any. */
  position?: number;
  events: Array<Event & { id: string }>;
  /** True when this command id had already been handled: nothing new was written. */
  replayed: boolean;
}

/**
 * The one command path: fold the stream (only its new events: see foldStream), decide, append with the
 * revision that was folded. A command id already recorded in the stream returns that first result instead of
 * deciding again.
 */
export async function handleCommand<Command, Event extends DomainEvent, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  streamId: string,
  command: Command,
  context: CommandContext,
  options: CommandOptions = {},
): Promise<CommandResult<Event>> {
  const evolve = decider.evolve as (state: State, event: { type: string; data: unknown }) => State;
  for (let attempt = 0; ; attempt++) {
    const folded = await foldStream(store, streamId, decider.initialState, evolve);
    const current = folded.revision;
    if (folded.commandIds.has(context.commandId)) {
      const history = await store.readStream(streamId);
      return replayedResult(streamId, history.filter((event) => event.metadata.commandId === context.commandId));
    }
    if (options.expectedRevision !== undefined && options.expectedRevision !== current) {
      refuseIfNotFound(decider, command, folded.state);
      throw new WrongExpectedRevisionError(streamId, options.expectedRevision, current < 0 ? 'no_stream' : current);
    }

    const decided = decider.decide(command, folded.state);
    if (decided.length === 0) return { streamId, revision: current, events: [], replayed: false };

    const toAppend = decided.map((event, index) => toStoredEvent(event, index, context));
    try {
      const appended = await store.appendToStream(streamId, toAppend, {
        expectedRevision: current < 0 ? 'no_stream' : current,
      });
      rememberAppended(store, streamId, evolve, folded, { revision: appended.revision, commandId: context.commandId, events: decided });
      return {
        streamId,
        revision: appended.revision,
        position: appended.position,
        events: decided.map((event, index) => ({ ...event, id: toAppend[index].id })),
        replayed: false,
      };
    } catch (error) {
      const retry = error instanceof WrongExpectedRevisionError && options.retryOnConflict && attempt === 0;
      if (!retry) throw error;
    }
  }
}

/**
 * Authorization before any state is revealed: a 409 names the stream's revision, so a caller for whom the
 * decider answers "not found" (another tenant's stream, a resource that does not exist, one a provider has no
 * part in) gets that 404 instead, whatever If-Match it sent. Other refusals wait for a decision on fresh state.
 */
function refuseIfNotFound<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>, command: Command, state: State): void {
  try {
    decider.decide(command, state);
  } catch (error) {
    if (error instanceof NotFoundError) throw error;
  }
}

function toStoredEvent(event: DomainEvent, index: number, context: CommandContext): EventToAppend {
  return {
    // Named after the command: a retried append of the same command is recognised by the store.
    id: idFromName('event', context.commandId, String(index)),
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: {
      actorId: context.actorId,
      role: context.role,
      tenant: context.tenant,
      commandId: context.commandId,
      correlationId: context.correlationId,
      causationId: context.causationId,
      occurredAt: context.occurredAt,
      schemaVersion: event.schemaVersion ?? 1,
    },
  };
}

function replayedResult<Event extends DomainEvent>(
  streamId: string,
  earlier: RecordedEvent[],
): CommandResult<Event> {
  const last = earlier[earlier.length - 1];
  return {
    streamId,
    revision: last.revision,
    position: last.position >= 0 ? last.position : undefined,
    events: earlier.map((event) => ({ type: event.type, data: event.data, id: event.id }) as unknown as Event & { id: string }),
    replayed: true,
  };
}
