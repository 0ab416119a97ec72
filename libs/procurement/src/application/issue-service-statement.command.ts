import { Command } from '@nestjs/cqrs';
import { CommandContext, CommandResult } from '@app/shared';
import { DeliveryEvent } from '../domain/delivery/delivery.events';

/** A buyer states the service done (état de service fait) on an order for a period. */
export class IssueServiceStatement extends Command<CommandResult<DeliveryEvent>> {
  constructor(
    readonly contractId: string,
    readonly orderId: string,
    readonly statementId: string,
    readonly periodStart: string,
    readonly periodEnd: string,
    readonly context: CommandContext,
    readonly expectedRevision?: number,
  ) {
    super();
  }
}
