/**
 * Attendance sheets (feuilles d'émargement) of a session, on the delivery stream of its order. Trainees appear
 * only under their pseudonymous id.
 */

export const ATTENDANCE_STATUSES = ['PRESENT', 'ABSENT', 'JUSTIFIED_ABSENCE'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const HALF_DAYS = ['AM', 'PM'] as const;
export type HalfDay = (typeof HALF_DAYS)[number];

/**
 * One line of a sheet: a trainee on a day, for a half-day (morning or afternoon) or for a number of hours
 * (attended when present, missed when absent).
 */
export interface AttendanceLine {
  traineeId: string;
  date: string;
  halfDay?: HalfDay;
  hours?: number;
  status: AttendanceStatus;
}

interface OfOrder {
  contractId: string;
  orderId: string;
}

/**
 * A provider's attendance sheet for a session, recorded whole: its lines as sent (in order), named after their
 * content (`sheetId`, `contentHash`), so the same sheet sent again is the same sheet. `hoursDerived`: the lot's
 * attendance clause makes the sheet the source of the trainee hours delivered (the HoursDelivered events that
 * follow it in the same command).
 */
export type AttendanceRecorded = {
  type: 'AttendanceRecorded';
  data: OfOrder & { sheetId: string; sessionId: string; contentHash: string; recordedAt: string; lines: AttendanceLine[]; hoursDerived: boolean };
};

/**
 * A trainee absent (unjustified) on `days` recorded days in a row, from `firstDay` to `lastDay`, reached the
 * threshold of the lot's attendance clause (or the default): a dropout-risk signal for the adjustment loop.
 * `clauseId`: the attendance clause that set the threshold, null for the default.
 */
export type AbsenceRunDetected = {
  type: 'AbsenceRunDetected';
  data: OfOrder & { sheetId: string; traineeId: string; sessionId: string; firstDay: string; lastDay: string; days: number; threshold: number; clauseId: string | null };
};

export type AttendanceEvent = AttendanceRecorded | AbsenceRunDetected;
