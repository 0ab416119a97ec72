import { refuse } from '../contract/refuse';
import { RuleCode } from '../contract/rule-codes';
import { DeliveryTerms, OrderedSession } from '../delivery/delivery-terms';
import { HOURS_DELIVERED_SCHEMA_VERSION, HoursDelivered } from '../delivery/delivery.events';
import { DeliveryState, hoursKey } from '../delivery/delivery.state';
import { dayOf } from '../terms/command-meta';
import { absenceRunsOf, isAbsentDay } from './absence-run';
import { RecordAttendanceCommand, NumberedAttendanceLine } from './attendance.commands';
import { AbsenceRunDetected, AttendanceEvent, AttendanceLine } from './attendance.events';
import { attendanceDayKey, initialAttendanceState } from './attendance.state';
import { DEFAULT_ABSENCE_RUN_DAYS } from './attendance-terms';

/** One fault of a sheet: the line and field at fault, the rule broken and why. */
export interface AttendanceFault {
  line: number;
  field: string;
  code: RuleCode;
  message: string;
}

/** The most hours a trainee is credited with on a day of a session (the delivery decider's bound). */
export type DailyBound = (terms: DeliveryTerms, sessionId: string) => { maximum: number; bound: string };

/**
 * Records a session's attendance sheet whole, or refuses it whole with every fault (line, field, rule). A day of
 * a trainee is recorded once: the same day again, with the same lines, is not recorded again, and with other
 * lines is a fault. Under an attendance clause requiring it, the hours attended on each new day are delivered
 * (HoursDelivered, in the same append). A trainee still in the pathway whose absences (unjustified) run over the
 * threshold of recorded days in a row is signalled (AbsenceRunDetected) once per run.
 */
export function decideAttendance(command: RecordAttendanceCommand, state: DeliveryState, dailyBound: DailyBound): Array<AttendanceEvent | HoursDelivered> {
  const { terms, meta, data } = command;
  const providerId = meta.providerId;
  if (!providerId || !terms.providerIds.includes(providerId)) {
    refuse('NOT_PROVIDER_OF_ORDER', `Order ${terms.orderId} is not performed by this provider`, { providerId: providerId ?? null });
  }
  const attendance = state.attendance ?? initialAttendanceState();
  if (attendance.sheets[data.sheetId]) return [];
  const session = sessionOf(terms, data.sessionId);
  if (data.lines.length === 0) refuse('ATTENDANCE_SHEET_REFUSED', 'The sheet holds no lines', { errors: [] });
  const today = dayOf(meta.at);
  const deriving = hoursDerived(terms);
  const { maximum } = dailyBound(terms, session.sessionId);
  const faults: AttendanceFault[] = [];
  const newDays: NumberedAttendanceLine[][] = [];
  const derived: Array<{ traineeId: string; date: string; hours: number }> = [];

  for (const [key, dayLines] of numberedDaysOf(data.lines)) {
    const before = faults.length;
    for (const line of dayLines) faults.push(...lineFaults(line, state, terms, session.sessionId, today, maximum));
    if (faults.length > before) continue;
    const first = dayLines[0];
    const recorded = attendance.days[key];
    if (recorded) {
      if (canonical(recorded.lines) !== canonical(dayLines.map(unnumbered))) {
        faults.push(fault(first, 'date', 'ATTENDANCE_CONFLICTS_WITH_EARLIER_SHEET', `${first.date} of this trainee was recorded differently on sheet ${recorded.sheetId}`));
      }
      continue;
    }
    newDays.push(dayLines);
    if (!deriving) continue;
    const attended = attendedHours(dayLines, session.dailyHours);
    if (attended === undefined) {
      const halfDay = dayLines.find((line) => line.halfDay !== undefined && line.status === 'PRESENT')!;
      faults.push(fault(halfDay, 'halfDay', 'HALF_DAY_WITHOUT_DAILY_SCHEDULE', `the order sets no daily schedule for session ${session.sessionId}: give the hours attended`));
      continue;
    }
    if (attended === 0) continue;
    const reported = state.hours[hoursKey(first.traineeId, first.date)];
    if (reported && reported.hours !== attended) {
      faults.push(fault(first, 'hours', 'CONFLICTS_WITH_EARLIER_REPORT', `${reported.hours} hours were already delivered to this trainee on ${first.date}; the sheet gives ${attended}`));
      continue;
    }
    if (!reported) derived.push({ traineeId: first.traineeId, date: first.date, hours: attended });
  }
  if (faults.length > 0) {
    refuse('ATTENDANCE_SHEET_REFUSED', `The sheet has ${faults.length} fault(s); nothing was recorded`, { sessionId: session.sessionId, errors: faults });
  }
  if (newDays.length === 0) return [];

  const of = { contractId: terms.contractId, orderId: terms.orderId };
  const lines = data.lines.map(unnumbered);
  return [
    {
      type: 'AttendanceRecorded',
      data: { ...of, sheetId: data.sheetId, sessionId: session.sessionId, contentHash: data.contentHash, recordedAt: meta.at, lines, hoursDerived: deriving },
    },
    ...derived.map(
      (hours): HoursDelivered => ({ type: 'HoursDelivered', data: { ...of, ...hours }, schemaVersion: HOURS_DELIVERED_SCHEMA_VERSION }),
    ),
    ...absenceRunsReached(command, state, newDays),
  ];
}

/** Under the lot's attendance clause, hours of TRAINEE_HOUR come from the sheets. */
export function hoursDerived(terms: DeliveryTerms): boolean {
  return terms.attendance?.attendanceRequired === true && terms.workUnits.TRAINEE_HOUR !== undefined;
}

/**
 * Hours attended on a day: those of a line given in hours when present; for half-days, half the session's daily
 * schedule per half-day present, rounded down to the whole hour (hours are paid whole). Undefined when a present
 * half-day cannot be valued (no daily schedule).
 */
export function attendedHours(lines: readonly AttendanceLine[], dailyHours: number | undefined): number | undefined {
  let hours = 0;
  let halfDaysPresent = 0;
  for (const line of lines) {
    if (line.status !== 'PRESENT') continue;
    if (line.hours !== undefined) hours += line.hours;
    else halfDaysPresent += 1;
  }
  if (halfDaysPresent === 0) return hours;
  if (dailyHours === undefined) return undefined;
  return hours + Math.floor((dailyHours * halfDaysPresent) / 2);
}

/**
 * Under an attendance clause requiring it, hours reported for a trainee on a day are at most the hours the
 * sheets record as attended that day (none recorded: 0). Refused with the figures otherwise.
 */
export function checkHoursBackedByAttendance(terms: DeliveryTerms, state: DeliveryState, traineeId: string, date: string, hours: number): void {
  const clause = terms.attendance;
  if (!clause?.attendanceRequired) return;
  const day = state.attendance?.days[attendanceDayKey(traineeId, date)];
  const attended = day ? (attendedHours(day.lines, terms.sessions[day.sessionId]?.dailyHours) ?? 0) : 0;
  if (hours > attended) {
    refuse('HOURS_NOT_BACKED_BY_ATTENDANCE', `${hours} hours reported on ${date}; the attendance sheets back ${attended}`, {
      traineeId,
      date,
      reportedHours: hours,
      attendedHours: attended,
      attendanceRecorded: day !== undefined,
      ...(day ? { sheetId: day.sheetId, lines: day.lines } : {}),
      clauseId: clause.clauseId,
    });
  }
}

/** The faults of one line against the trainee, the session's run, the order's period and the day's bound. */
function lineFaults(line: NumberedAttendanceLine, state: DeliveryState, terms: DeliveryTerms, sessionId: string, today: string, maximum: number): AttendanceFault[] {
  const faults: AttendanceFault[] = [];
  const trainee = state.trainees[line.traineeId];
  if (!trainee) faults.push(fault(line, 'traineeId', 'TRAINEE_NOT_ENTERED', 'names no trainee who entered this order'));
  else if (trainee.sessionId !== sessionId) faults.push(fault(line, 'traineeId', 'TRAINEE_NOT_IN_SESSION', `names a trainee of session ${trainee.sessionId}, not ${sessionId}`));
  else {
    if (line.date < trainee.enteredOn) faults.push(fault(line, 'date', 'TRAINEE_NOT_ENTERED', `is before the trainee entered, on ${trainee.enteredOn}`));
    const exitedOn = trainee.leftEarly?.on ?? trainee.completedOn;
    if (exitedOn !== undefined && line.date > exitedOn) faults.push(fault(line, 'date', 'TRAINEE_ALREADY_EXITED', `is after the trainee left the pathway, on ${exitedOn}`));
  }
  if (line.date < terms.periodStart || line.date > terms.periodEnd) {
    faults.push(fault(line, 'date', 'DELIVERY_OUTSIDE_ORDER_PERIOD', `is outside the order period ${terms.periodStart} to ${terms.periodEnd}`));
  }
  if (line.date > today) faults.push(fault(line, 'date', 'DELIVERY_DATE_IN_FUTURE', `is after today (${today})`));
  const delivered = state.sessions[sessionId] ?? {};
  if (delivered.startedOn === undefined || line.date < delivered.startedOn) {
    faults.push(fault(line, 'date', 'SESSION_NOT_STARTED', delivered.startedOn === undefined ? `session ${sessionId} has not started` : `is before session ${sessionId} started, on ${delivered.startedOn}`));
  }
  if (delivered.endedOn !== undefined && line.date > delivered.endedOn) {
    faults.push(fault(line, 'date', 'SESSION_ALREADY_ENDED', `is after session ${sessionId} ended, on ${delivered.endedOn}`));
  }
  if (line.hours !== undefined && line.hours > maximum) faults.push(fault(line, 'hours', 'HOURS_EXCEED_DAY', `at most ${maximum} hours a day in session ${sessionId}`));
  return faults;
}

/**
 * The runs of absent days that reach the threshold for the first time with this sheet, for the trainees of its
 * new days still in the pathway: a run overlapping one already signalled is the same run.
 */
function absenceRunsReached(command: RecordAttendanceCommand, state: DeliveryState, newDays: NumberedAttendanceLine[][]): AbsenceRunDetected[] {
  const { terms, data } = command;
  const threshold = terms.attendance?.absenceRunDays ?? DEFAULT_ABSENCE_RUN_DAYS;
  const attendance = state.attendance ?? initialAttendanceState();
  const trainees = [...new Set(newDays.filter((lines) => isAbsentDay(lines)).map((lines) => lines[0].traineeId))].sort();
  return trainees.flatMap((traineeId) => {
    const trainee = state.trainees[traineeId];
    if (trainee.leftEarly || trainee.completedOn !== undefined) return [];
    const recorded = Object.values(attendance.days).filter((day) => day.traineeId === traineeId);
    const added = newDays.filter((lines) => lines[0].traineeId === traineeId).map((lines) => ({ date: lines[0].date, lines }));
    const signalled = attendance.absenceRuns[traineeId] ?? [];
    return absenceRunsOf([...recorded, ...added], threshold)
      .filter((run) => !signalled.some((earlier) => run.firstDay <= earlier.lastDay && earlier.firstDay <= run.lastDay))
      .map(
        (run): AbsenceRunDetected => ({
          type: 'AbsenceRunDetected',
          data: {
            contractId: terms.contractId,
            orderId: terms.orderId,
            sheetId: data.sheetId,
            traineeId,
            sessionId: trainee.sessionId,
            ...run,
            threshold,
            clauseId: terms.attendance?.clauseId ?? null,
          },
        }),
      );
  });
}

function sessionOf(terms: DeliveryTerms, sessionId: string): OrderedSession {
  const session = terms.sessions[sessionId];
  if (!session) refuse('SESSION_NOT_FOUND', `No session ${sessionId} in order ${terms.orderId}`, { sessionId });
  if (session.cancelled) refuse('SESSION_CANCELLED', `Session ${sessionId} is cancelled`, { sessionId });
  return session;
}

function numberedDaysOf(lines: readonly NumberedAttendanceLine[]): Map<string, NumberedAttendanceLine[]> {
  const days = new Map<string, NumberedAttendanceLine[]>();
  for (const line of lines) {
    const key = attendanceDayKey(line.traineeId, line.date);
    days.set(key, [...(days.get(key) ?? []), line]);
  }
  return days;
}

/** A line as recorded: its fields in one order, without its place in the file. */
export function unnumbered({ traineeId, date, halfDay, hours, status }: AttendanceLine): AttendanceLine {
  return { traineeId, date, ...(halfDay === undefined ? {} : { halfDay }), ...(hours === undefined ? {} : { hours }), status };
}

function canonical(lines: readonly AttendanceLine[]): string {
  return JSON.stringify(lines.map(unnumbered));
}

function fault(line: NumberedAttendanceLine, field: string, code: RuleCode, message: string): AttendanceFault {
  return { line: line.line, field, code, message };
}
