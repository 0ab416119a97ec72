/**
 * Absent days in a row that make a trainee at risk of dropping out when the lot's attendance clause sets no
 * other number: three training days, half a week of a full-time session. A product default, not a legal figure.
 */
export const DEFAULT_ABSENCE_RUN_DAYS = 3;

/** What the lot's ATTENDANCE clause (or a contract-wide one) sets for the delivery of an order. */
export interface AttendanceTerms {
  clauseId: string;
  /** TRAINEE_HOUR: the hours delivered are those the attendance sheets record, and no more. */
  attendanceRequired: boolean;
  absenceRunDays: number;
}
