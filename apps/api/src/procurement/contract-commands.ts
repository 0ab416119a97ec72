import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Request, Response } from 'express';
import { CommandMeta, DecideOnContract, ProcurementCommand } from '@app/procurement';
import { CommandContext, CommandRequests, etagOf, idFromName, Principal } from '@app/shared';

export type ApiRequest = Request & { principal: Principal };

export interface CommandAnswer {
  contractId: string;
  /** Revision of the contract's stream after the command: send it back as If-Match. */
  revision: number;
  events: Array<{ id: string; type: string }>;
  /** True when this Idempotency-Key had been used: the first answer, nothing new written. */
  replayed: boolean;
}

/** Turns an HTTP request into a procurement command, sends it, and answers with the new revision (ETag). */
@Injectable()
export class ContractCommands {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly requests: CommandRequests,
  ) {}

  /** The context first, for commands whose ids derive from the command id (a retry gets the same ids). */
  context(request: ApiRequest): { context: CommandContext; expectedRevision?: number } {
    return this.requests.from(request);
  }

  /**
   * Sends a command that names what it creates after the command id (a retry names the same), and answers with
   * that id under its key beside the revision.
   */
  async sendNaming<Key extends string>(
    request: ApiRequest,
    response: Response,
    contractId: string,
    named: { key: Key; kind: string; given?: string },
    build: (meta: CommandMeta, id: string) => ProcurementCommand,
  ): Promise<CommandAnswer & Record<Key, string>> {
    const prepared = this.context(request);
    const id = named.given ?? idFromName(named.kind, prepared.context.commandId);
    const answer = await this.send(request, response, contractId, (meta) => build(meta, id), prepared);
    return { ...answer, [named.key]: id } as CommandAnswer & Record<Key, string>;
  }

  async send(
    request: ApiRequest,
    response: Response,
    contractId: string,
    build: (meta: CommandMeta, context: CommandContext) => ProcurementCommand,
    prepared = this.requests.from(request),
  ): Promise<CommandAnswer> {
    const { context, expectedRevision } = prepared;
    const meta: CommandMeta = {
      at: context.occurredAt,
      actorId: context.actorId,
      ...(context.providerId ? { providerId: context.providerId } : {}),
    };
    const result = await this.commandBus.execute(
      new DecideOnContract(contractId, build(meta, context), context, expectedRevision),
    );
    response.setHeader('ETag', etagOf(result.revision));
    return {
      contractId,
      revision: result.revision,
      events: result.events.map((event) => ({ id: event.id, type: event.type })),
      replayed: result.replayed,
    };
  }
}
