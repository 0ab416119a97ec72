import { Command } from '@nestjs/cqrs';
import { CommandContext, CommandResult } from '@app/shared';
import { NumberedAttendanceLine } from '../domain/attendance/attendance.commands';
import { DeliveryEvent } from '../domain/delivery/delivery.events';

/** A provider records the attendance sheet of a session of an order of a contract, its lines already read and checked for form. */
export class RecordAttendance extends Command<CommandResult<DeliveryEvent>> {
  constructor(
    readonly contractId: string,
    readonly orderId: string,
    readonly sessionId: string,
    readonly sheet: { sheetId: string; contentHash: string; lines: NumberedAttendanceLine[] },
    readonly context: CommandContext,
    readonly expectedRevision?: number,
  ) {
    super();
  }
}
