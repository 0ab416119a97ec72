import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { CommandResult, handleCommand } from '@app/shared';
import { RecordAttendanceCommand } from '../domain/attendance/attendance.commands';
import { deliveryDecider, deliveryStream } from '../domain/delivery/delivery.decider';
import { DeliveryEvent } from '../domain/delivery/delivery.events';
import { metaOf, orderDeliveryTerms, principalOf } from './order-delivery-terms';
import { RecordAttendance } from './record-attendance.command';
import { deliveryOptions } from './report-delivery.handler';

/** Checks a sheet against the order's terms as the contract's stream gives them, on the order's delivery stream. */
@CommandHandler(RecordAttendance)
export class RecordAttendanceHandler implements ICommandHandler<RecordAttendance> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ contractId, orderId, sessionId, sheet, context, expectedRevision }: RecordAttendance): Promise<CommandResult<DeliveryEvent>> {
    const terms = await orderDeliveryTerms(this.store, contractId, orderId, principalOf(context));
    const command: RecordAttendanceCommand = { type: 'RecordAttendance', meta: metaOf(context), terms, data: { ...sheet, sessionId } };
    return handleCommand(this.store, deliveryDecider, deliveryStream(orderId), command, context, deliveryOptions(expectedRevision));
  }
}
