import { Response } from 'express';
import { EventStore } from '@app/event-store';
import { CommandRequest, CommandResult, Decider, DomainEvent, etagOf, foldStream, handleCommand } from '@app/shared';

/**
 * Runs a command on a stream of its own (a programme, a provider's register entry, a contract's payments) with
 * the request's context and If-Match, and answers 201, or 200 when the Idempotency-Key replays the first answer,
 * with the stream's new revision as ETag.
 */
export async function sendOnStream<Command, Event extends DomainEvent, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  streamId: string,
  { context, expectedRevision }: CommandRequest,
  command: Command,
  response: Response,
): Promise<CommandResult<Event>> {
  const result = await handleCommand(store, decider, streamId, command, context, expectedRevision === undefined ? {} : { expectedRevision });
  response.status(result.replayed ? 200 : 201);
  response.setHeader('ETag', etagOf(result.revision));
  return result;
}

/** A stream's state folded by its decider, and its revision (-1: no such stream), as the command path keeps it folded. */
export function foldOnStream<Command, Event extends DomainEvent, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  streamId: string,
): Promise<{ state: State; revision: number }> {
  return foldStream(store, streamId, decider.initialState, decider.evolve as (state: State, event: { type: string; data: unknown }) => State);
}
