import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject } from 'class-validator';
import { ATTENDANCE_MAX_LINES } from '@app/procurement';

/**
 * A JSON attendance sheet: its lines ({ traineeId, date, halfDay: AM|PM or hours, status }) are checked one by
 * one, like a CSV sheet's rows, so that every fault is answered with its line and field.
 */
export class AttendanceSheetDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ATTENDANCE_MAX_LINES)
  @IsObject({ each: true })
  lines!: Array<Record<string, unknown>>;
}
