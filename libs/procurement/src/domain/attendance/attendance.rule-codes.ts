/**
 * Stable codes of the rules that refuse attendance sheets and the hours they do not back. Part of the procurement
 * RULES table (contract/rule-codes.ts).
 */
export const ATTENDANCE_RULES = {
  ATTENDANCE_SHEET_REFUSED:
    'An attendance sheet is recorded whole or not at all: every line names a trainee of the session on a day of its run, within the order, and agrees with the days already recorded',
  TRAINEE_NOT_IN_SESSION: 'A session’s attendance sheet names the trainees who entered that session',
  ATTENDANCE_CONFLICTS_WITH_EARLIER_SHEET: 'A trainee’s day is recorded once: the same lines again change nothing, other lines are refused',
  HALF_DAY_WITHOUT_DAILY_SCHEDULE:
    'A half-day present is worth half the session’s daily schedule: without one, the sheet gives the hours attended',
  HOURS_NOT_BACKED_BY_ATTENDANCE:
    'Décret 2012-1246 (GBCP) art. 31: hours are paid on service done; under the lot’s attendance clause, a trainee’s hours on a day are at most those the attendance sheet records',
} as const;
