import { AttendanceEvent, RULES } from '@app/procurement';
import { FacetExplain } from './facet-explain';

export const ATTENDANCE_EXPLAIN: FacetExplain<AttendanceEvent> = {
  AttendanceRecorded: (event) => {
    const d = event.data;
    const counts = attendanceCounts(d.lines);
    const derived = d.hoursDerived ? '; the trainee hours delivered are those it records (attendance clause)' : '';
    return [
      `Order ${d.orderId}: attendance sheet of session ${d.sessionId} recorded, ${d.lines.length} line(s) for ${counts.trainees} trainee(s) from ${counts.firstDay} to ${counts.lastDay}${derived}`,
      { ...(d.hoursDerived ? { article: RULES.HOURS_NOT_BACKED_BY_ATTENDANCE } : {}), figures: { sheetId: d.sheetId, contentHash: d.contentHash, lines: counts.byStatus } },
    ];
  },
  AbsenceRunDetected: (event) => {
    const d = event.data;
    return [
      `Order ${d.orderId}: a trainee of session ${d.sessionId} absent ${d.days} recorded days in a row (${d.firstDay} to ${d.lastDay}), at risk of dropping out`,
      {
        ...(d.clauseId === null ? {} : { clauseId: d.clauseId }),
        reason: d.clauseId === null ? `${d.threshold} absent days in a row, the default threshold` : `${d.threshold} absent days in a row, the attendance clause's threshold`,
        figures: { sheetId: d.sheetId, firstDay: d.firstDay, lastDay: d.lastDay, days: d.days, threshold: d.threshold },
      },
    ];
  },
};

/** What a sheet holds, without naming anyone: trainees, days covered, lines by status. */
function attendanceCounts(lines: Array<{ traineeId: string; date: string; status: string }>): {
  trainees: number;
  firstDay: string;
  lastDay: string;
  byStatus: Record<string, number>;
} {
  const dates = lines.map((line) => line.date).sort();
  const byStatus: Record<string, number> = { PRESENT: 0, ABSENT: 0, JUSTIFIED_ABSENCE: 0 };
  for (const line of lines) byStatus[line.status] = (byStatus[line.status] ?? 0) + 1;
  return { trainees: new Set(lines.map((line) => line.traineeId)).size, firstDay: dates[0], lastDay: dates[dates.length - 1], byStatus };
}
