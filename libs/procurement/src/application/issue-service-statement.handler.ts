import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { CommandResult, handleCommand } from '@app/shared';
import { IssueServiceStatementCommand } from '../domain/delivery/delivery.commands';
import { deliveryDecider, deliveryStream } from '../domain/delivery/delivery.decider';
import { DeliveryEvent } from '../domain/delivery/delivery.events';
import { IssueServiceStatement } from './issue-service-statement.command';
import { metaOf, orderDeliveryTerms, principalOf } from './order-delivery-terms';
import { deliveryOptions } from './report-delivery.handler';

/** Computes the statement on the order's delivery stream, at the prices and clauses in force. */
@CommandHandler(IssueServiceStatement)
export class IssueServiceStatementHandler implements ICommandHandler<IssueServiceStatement> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(request: IssueServiceStatement): Promise<CommandResult<DeliveryEvent>> {
    const { contractId, orderId, statementId, periodStart, periodEnd, context, expectedRevision } = request;
    const terms = await orderDeliveryTerms(this.store, contractId, orderId, principalOf(context));
    const command: IssueServiceStatementCommand = {
      type: 'IssueServiceStatement',
      meta: metaOf(context),
      terms,
      data: { statementId, periodStart, periodEnd },
    };
    return handleCommand(this.store, deliveryDecider, deliveryStream(orderId), command, context, deliveryOptions(expectedRevision));
  }
}
