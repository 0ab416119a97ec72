import { Command } from '@nestjs/cqrs';
import { CommandContext, CommandResult } from '@app/shared';
import { DeliveryReport } from '../domain/delivery/delivery.commands';
import { DeliveryEvent } from '../domain/delivery/delivery.events';

/** A provider reports one fact of the delivery of an order of a contract. */
export class ReportDelivery extends Command<CommandResult<DeliveryEvent>> {
  constructor(
    readonly contractId: string,
    readonly orderId: string,
    readonly report: DeliveryReport,
    readonly context: CommandContext,
    readonly expectedRevision?: number,
  ) {
    super();
  }
}
