import { AttendanceEvent, AttendanceLine } from './attendance.events';

/** One trainee's day as a sheet recorded it: a day is recorded once, whole, on one sheet. */
export interface AttendanceDay {
  traineeId: string;
  sessionId: string;
  date: string;
  sheetId: string;
  lines: AttendanceLine[];
}

export interface AttendanceState {
  /** Sheets recorded, by sheet id. */
  sheets: Record<string, { sessionId: string; recordedAt: string; lineCount: number }>;
  /** Keyed by attendanceDayKey(traineeId, date). */
  days: Record<string, AttendanceDay>;
  /** Absence runs already signalled, per trainee: a run that overlaps one of them is the same run. */
  absenceRuns: Record<string, Array<{ firstDay: string; lastDay: string }>>;
}

export const initialAttendanceState = (): AttendanceState => ({ sheets: {}, days: {}, absenceRuns: {} });

export function attendanceDayKey(traineeId: string, date: string): string {
  return `${traineeId}@${date}`;
}

/** The lines of a sheet grouped by trainee and day, in the order they were given. */
export function daysOf(lines: readonly AttendanceLine[]): Map<string, AttendanceLine[]> {
  const days = new Map<string, AttendanceLine[]>();
  for (const line of lines) {
    const key = attendanceDayKey(line.traineeId, line.date);
    days.set(key, [...(days.get(key) ?? []), line]);
  }
  return days;
}

/** Folds one attendance fact. Never refuses: events are facts. */
export function evolveAttendance(state: AttendanceState | undefined, event: AttendanceEvent): AttendanceState {
  const attendance = state ?? initialAttendanceState();
  switch (event.type) {
    case 'AttendanceRecorded': {
      const { sheetId, sessionId, recordedAt, lines } = event.data;
      const days = { ...attendance.days };
      for (const [key, dayLines] of daysOf(lines)) {
        // A day already recorded (the same lines, on an earlier sheet) keeps its sheet.
        if (days[key]) continue;
        days[key] = { traineeId: dayLines[0].traineeId, sessionId, date: dayLines[0].date, sheetId, lines: dayLines };
      }
      return { ...attendance, sheets: { ...attendance.sheets, [sheetId]: { sessionId, recordedAt, lineCount: lines.length } }, days };
    }
    case 'AbsenceRunDetected': {
      const { traineeId, firstDay, lastDay } = event.data;
      return { ...attendance, absenceRuns: { ...attendance.absenceRuns, [traineeId]: [...(attendance.absenceRuns[traineeId] ?? []), { firstDay, lastDay }] } };
    }
  }
}
