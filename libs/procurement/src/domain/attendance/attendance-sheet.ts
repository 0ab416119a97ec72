import { createHash } from 'node:crypto';
import { CsvLineError, csvRows } from '@app/shared/csv/csv-file';
import { traineeIdProblem } from '../delivery/trainee-id';
import { NumberedAttendanceLine } from './attendance.commands';
import { ATTENDANCE_STATUSES, AttendanceStatus, HALF_DAYS, HalfDay } from './attendance.events';
import { unnumbered } from './attendance.decider';

/** The header a CSV sheet starts with, exactly; a JSON sheet's lines have the same fields. */
export const ATTENDANCE_CSV_HEADER = ['traineeId', 'date', 'halfDay', 'hours', 'status'] as const;
type Field = (typeof ATTENDANCE_CSV_HEADER)[number];

/** Most lines one sheet may hold: a month of a session of 40 trainees, in half-days. */
export const ATTENDANCE_MAX_LINES = 2_000;

export type ParsedSheet = { ok: true; lines: NumberedAttendanceLine[] } | { ok: false; errors: CsvLineError[] };

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const HOURS = /^([1-9]|1\d|2[0-4])$/;

/** Reads a CSV sheet: the header, then one line per trainee and day or half-day. Every fault is reported, and no line is kept unless every line is right. */
export function parseAttendanceCsv(text: string): ParsedSheet {
  const file = csvRows(text, ATTENDANCE_CSV_HEADER);
  if (!file.ok) return file;
  const raw = file.rows.map(({ line, record }) => {
    const values: Partial<Record<Field, unknown>> = {};
    ATTENDANCE_CSV_HEADER.forEach((field, index) => {
      if (record[index] !== undefined && record[index] !== '') values[field] = record[index];
    });
    return { line, values, extra: record.length !== ATTENDANCE_CSV_HEADER.length ? record.length : undefined };
  });
  return validated(raw, 2);
}

/** Reads the `lines` of a JSON sheet: a line's number is its position in the array, from 1. */
export function readAttendanceJson(lines: readonly unknown[]): ParsedSheet {
  const raw = lines.map((item, index) => {
    const line = index + 1;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return { line, values: {}, notObject: true };
    const values: Partial<Record<Field, unknown>> = {};
    const unknownFields = Object.keys(item).filter((field) => !(ATTENDANCE_CSV_HEADER as readonly string[]).includes(field));
    for (const field of ATTENDANCE_CSV_HEADER) {
      const value = (item as Record<string, unknown>)[field];
      if (value !== undefined && value !== null) values[field] = typeof value === 'number' && field === 'hours' ? String(value) : value;
    }
    return { line, values, unknownFields };
  });
  return validated(raw, 1);
}

/** SHA-256 of the session and the lines as recorded: the same lines are the same sheet, sent as CSV or as JSON. */
export function sheetHashOf(sessionId: string, lines: readonly NumberedAttendanceLine[]): string {
  return createHash('sha256').update(JSON.stringify({ sessionId, lines: lines.map(unnumbered) }), 'utf8').digest('hex');
}

interface RawLine {
  line: number;
  values: Partial<Record<Field, unknown>>;
  /** CSV: the number of fields, when not that of the header. */
  extra?: number;
  notObject?: boolean;
  unknownFields?: string[];
}

function validated(raw: RawLine[], firstLine: number): ParsedSheet {
  if (raw.length === 0) return { ok: false, errors: [{ line: firstLine, field: 'file', message: 'holds no lines' }] };
  if (raw.length > ATTENDANCE_MAX_LINES) {
    return { ok: false, errors: [{ line: raw[ATTENDANCE_MAX_LINES].line, field: 'file', message: `holds more than ${ATTENDANCE_MAX_LINES} lines` }] };
  }
  const errors: CsvLineError[] = [];
  const lines: NumberedAttendanceLine[] = [];
  const firstLineOf = new Map<string, number>();
  const modeOfDay = new Map<string, { mode: 'halfDay' | 'hours'; line: number }>();
  for (const { line, values, extra, notObject, unknownFields } of raw) {
    const faults: CsvLineError[] = [];
    const at = (field: string, message: string) => faults.push({ line, field, message });
    if (notObject) {
      errors.push({ line, field: 'line', message: 'must be an object' });
      continue;
    }
    if (extra !== undefined) at('row', `has ${extra} fields, expected ${ATTENDANCE_CSV_HEADER.length}`);
    for (const field of unknownFields ?? []) at(field.slice(0, 40), 'is not a field of an attendance line');
    const { traineeId, date, halfDay, hours, status } = values;
    if (traineeId === undefined) at('traineeId', 'is missing');
    else if (typeof traineeId !== 'string') at('traineeId', 'must be a string');
    else {
      const problem = traineeIdProblem(traineeId);
      // The id itself is not echoed back: it may be a social-security number.
      if (problem === 'FORMAT') at('traineeId', 'must be a pseudonymous trainee id (POST /trainee-ids): 8 to 64 letters, digits, _ or -');
      if (problem === 'LOOKS_LIKE_NIR') at('traineeId', 'must not be a social-security number (NIR): use the trainee id issued by POST /trainee-ids');
    }
    if (date === undefined) at('date', 'is missing');
    else if (typeof date !== 'string' || !DATE.test(date) || !realDay(date)) at('date', `must be a calendar day YYYY-MM-DD, got "${String(date).slice(0, 40)}"`);
    if (halfDay !== undefined && !(HALF_DAYS as readonly unknown[]).includes(halfDay)) at('halfDay', `must be AM or PM, got "${String(halfDay).slice(0, 40)}"`);
    if (hours !== undefined && (typeof hours !== 'string' || !HOURS.test(hours))) at('hours', `must be a whole number of hours from 1 to 24, got "${String(hours).slice(0, 40)}"`);
    if (halfDay !== undefined && hours !== undefined) at('hours', 'a line gives a half-day or hours, not both');
    if (halfDay === undefined && hours === undefined) at('halfDay', 'a line gives a half-day (AM or PM) or the hours of the day');
    if (status === undefined) at('status', 'is missing');
    else if (!(ATTENDANCE_STATUSES as readonly unknown[]).includes(status)) at('status', `must be ${ATTENDANCE_STATUSES.join(', ')}, got "${String(status).slice(0, 40)}"`);
    if (faults.length > 0) {
      errors.push(...faults);
      continue;
    }
    const parsed: NumberedAttendanceLine = {
      line,
      traineeId: traineeId as string,
      date: date as string,
      ...(halfDay === undefined ? {} : { halfDay: halfDay as HalfDay }),
      ...(hours === undefined ? {} : { hours: Number(hours) }),
      status: status as AttendanceStatus,
    };
    const day = `${parsed.traineeId}|${parsed.date}`;
    const key = `${day}|${parsed.halfDay ?? 'day'}`;
    const first = firstLineOf.get(key);
    if (first !== undefined) {
      errors.push({ line, field: 'row', message: `repeats this trainee on ${parsed.date}${parsed.halfDay ? ` ${parsed.halfDay}` : ''}, already given on line ${first}` });
      continue;
    }
    const mode = modeOfDay.get(day);
    const lineMode = parsed.halfDay === undefined ? 'hours' : 'halfDay';
    if (mode && mode.mode !== lineMode) {
      errors.push({ line, field: lineMode, message: `gives this trainee's ${parsed.date} in ${lineMode === 'hours' ? 'hours' : 'half-days'}; line ${mode.line} gives it in ${mode.mode === 'hours' ? 'hours' : 'half-days'}` });
      continue;
    }
    firstLineOf.set(key, line);
    modeOfDay.set(day, { mode: lineMode, line });
    lines.push(parsed);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, lines };
}

/** A day that exists in the calendar (not 2026-02-30). */
function realDay(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00.000Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}
