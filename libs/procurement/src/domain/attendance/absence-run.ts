import { AttendanceLine } from './attendance.events';

/** A day on which every line of the trainee is an unjustified absence (a justified one is not a dropout sign). */
export function isAbsentDay(lines: readonly AttendanceLine[]): boolean {
  return lines.length > 0 && lines.every((line) => line.status === 'ABSENT');
}

/**
 * The runs of at least `threshold` absent days in a row among the days recorded for one trainee, in date order.
 * Days with no line (no training that day, a weekend) do not break a run; a day with any presence or justified
 * absence does.
 */
export function absenceRunsOf(days: ReadonlyArray<{ date: string; lines: readonly AttendanceLine[] }>, threshold: number): Array<{ firstDay: string; lastDay: string; days: number }> {
  const runs: Array<{ firstDay: string; lastDay: string; days: number }> = [];
  let current: { firstDay: string; lastDay: string; days: number } | undefined;
  for (const day of [...days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))) {
    if (!isAbsentDay(day.lines)) {
      current = undefined;
      continue;
    }
    current = current ? { ...current, lastDay: day.date, days: current.days + 1 } : { firstDay: day.date, lastDay: day.date, days: 1 };
    if (current.days >= threshold) {
      if (runs[runs.length - 1]?.firstDay === current.firstDay) runs[runs.length - 1] = current;
      else runs.push(current);
    }
  }
  return runs;
}
