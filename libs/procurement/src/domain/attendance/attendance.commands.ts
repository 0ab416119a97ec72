import { CommandMeta } from '../terms/command-meta';
import { DeliveryTerms } from '../delivery/delivery-terms';
import { AttendanceLine } from './attendance.events';

/** A line of a sheet as sent, with its place in the file (CSV: the line, the header being line 1; JSON: its position in `lines`, from 1). */
export type NumberedAttendanceLine = AttendanceLine & { line: number };

/** A provider records the attendance sheet of a session of an order; the sheet is named after its content. */
export type RecordAttendanceCommand = {
  type: 'RecordAttendance';
  meta: CommandMeta;
  terms: DeliveryTerms;
  data: { sheetId: string; sessionId: string; contentHash: string; lines: NumberedAttendanceLine[] };
};
