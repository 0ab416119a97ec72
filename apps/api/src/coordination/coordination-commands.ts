import { Inject, Injectable } from '@nestjs/common';
import { Response } from 'express';
import { CoordinationMeta } from '@app/coordination';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { CommandContext, CommandRequest, CommandResult, Decider, DomainEvent, etagOf, foldStream, handleCommand } from '@app/shared';

/** Sends a coordination command down the one command path, and answers with the stream's new revision (ETag). */
@Injectable()
export class CoordinationCommands {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async send<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    prepared: CommandRequest,
    response: Response,
    build: (meta: CoordinationMeta, context: CommandContext) => Command,
  ): Promise<CommandResult<Event>> {
    const { context, expectedRevision } = prepared;
    const meta: CoordinationMeta = { at: context.occurredAt, actorId: context.actorId, role: context.role };
    const result = await handleCommand(this.store, decider, streamId, build(meta, context), context, { expectedRevision });
    response.setHeader('ETag', etagOf(result.revision));
    return result;
  }

  /** The folded state of a stream and its revision (-1: no such stream), as the command path keeps it folded. */
  async load<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>, streamId: string): Promise<{ state: State; revision: number }> {
    const { state, revision } = await foldStream(this.store, streamId, decider.initialState, decider.evolve as (state: State, event: { type: string; data: unknown }) => State);
    return { state, revision };
  }
}
