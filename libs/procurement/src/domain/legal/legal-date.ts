import { RuleViolation } from '@app/shared/errors/domain-errors';

/** YYYY-MM-DD, optionally followed by a time and an offset (ISO 8601 extended format). */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * The calendar day (YYYY-MM-DD) of an ISO date or date-time, *as written*. A legal date is a calendar day in
 * the buyer's time zone, and the domain has no time-zone data, so no conversion is made: callers pass the
 * buyer's local day (for a Région, Europe/Paris), not a UTC instant that may fall on the previous day.
 */
export function calendarDayOf(isoDate: string): string {
  const match = ISO_DATE.exec(isoDate);
  const year = match ? Number(match[1]) : NaN;
  const month = match ? Number(match[2]) : NaN;
  const day = match ? Number(match[3]) : NaN;
  if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RuleViolation('INVALID_LEGAL_DATE', `"${isoDate}" is not an ISO 8601 calendar date`, 'ISO 8601', {
      date: isoDate,
    });
  }
  return `${match[1]}-${match[2]}-${match[3]}`;
}

/** The day before a YYYY-MM-DD day: the last day of a period that ends when the next one starts. */
export function previousCalendarDay(isoDay: string): string {
  const [year, month, day] = calendarDayOf(isoDay).split('-').map(Number);
  if (day > 1) return `${pad(year, 4)}-${pad(month, 2)}-${pad(day - 1, 2)}`;
  if (month > 1) return `${pad(year, 4)}-${pad(month - 1, 2)}-${pad(daysInMonth(year, month - 1), 2)}`;
  return `${pad(year - 1, 4)}-12-31`;
}
