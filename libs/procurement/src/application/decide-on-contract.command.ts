import { Command } from '@nestjs/cqrs';
import { CommandContext, CommandResult } from '@app/shared';
import { ProcurementEvent } from '../domain/contract/contract.state';
import { ProcurementCommand } from '../domain/procurement.decider';

/** Any procurement command, addressed to the contract whose stream holds its consistency boundary. */
export class DecideOnContract extends Command<CommandResult<ProcurementEvent>> {
  constructor(
    readonly contractId: string,
    readonly command: ProcurementCommand,
    readonly context: CommandContext,
    readonly expectedRevision?: number,
  ) {
    super();
  }
}
