import { Command } from '@nestjs/cqrs';
import { CommandContext, CommandResult } from '@app/shared';
import { DeliveryReport } from '../domain/delivery/delivery.commands';
import { DeliveryEvent } from '../domain/delivery/delivery.events';

/** Personal attributes reported with a fact, in clear: the handler seals them before the decider sees them. */
export interface ReportedPersonalData {
  surveyContact?: string;
}

/** A provider reports one fact of the delivery of an order of a contract. */
export class ReportDelivery extends Command<CommandResult<DeliveryEvent>> {
  constructor(
    readonly contractId: string,
    readonly orderId: string,
    readonly report: DeliveryReport,
    readonly context: CommandContext,
    readonly expectedRevision?: number,
    readonly personalData: ReportedPersonalData = {},
  ) {
    super();
  }
}
