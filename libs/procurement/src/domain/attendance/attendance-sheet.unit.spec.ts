import { ATTENDANCE_MAX_LINES, parseAttendanceCsv, readAttendanceJson, sheetHashOf } from './attendance-sheet';

const HEADER = 'traineeId,date,halfDay,hours,status';
const ALICE = 'tr-bcdfghjkmnpqrstvwxzbcdfgh';
const BAPTISTE = 'tr-zxwvtsrqpnmkjhgfdcbzxwvts';

describe('reading an attendance sheet', () => {
  it('reads a CSV sheet of half-days and hours, numbering lines from the header', () => {
    const parsed = parseAttendanceCsv(`${HEADER}\n${ALICE},2026-03-09,AM,,PRESENT\r\n${ALICE},2026-03-09,PM,,ABSENT\n\n${BAPTISTE},2026-03-09,,7,JUSTIFIED_ABSENCE\n`);
    expect(parsed).toEqual({
      ok: true,
      lines: [
        { line: 2, traineeId: ALICE, date: '2026-03-09', halfDay: 'AM', status: 'PRESENT' },
        { line: 3, traineeId: ALICE, date: '2026-03-09', halfDay: 'PM', status: 'ABSENT' },
        { line: 5, traineeId: BAPTISTE, date: '2026-03-09', hours: 7, status: 'JUSTIFIED_ABSENCE' },
      ],
    });
  });

  it('reports every fault with its line and field, and keeps no line', () => {
    const parsed = parseAttendanceCsv(
      [
        HEADER,
        `${ALICE},2026-02-30,AM,,PRESENT`,
        `${ALICE},2026-03-09,MIDDAY,,LATE`,
        `${ALICE},2026-03-10,AM,7,PRESENT`,
        `${ALICE},2026-03-11,,,PRESENT`,
        `${ALICE},2026-03-12,,0,PRESENT`,
        `${ALICE},2026-03-12,,25,PRESENT`,
        `${ALICE},2026-03-13,AM,,PRESENT,extra`,
        `,2026-03-13,AM,,`,
      ].join('\n'),
    );
    expect(parsed).toEqual({
      ok: false,
      errors: [
        { line: 2, field: 'date', message: 'must be a calendar day YYYY-MM-DD, got "2026-02-30"' },
        { line: 3, field: 'halfDay', message: 'must be AM or PM, got "MIDDAY"' },
        { line: 3, field: 'status', message: 'must be PRESENT, ABSENT, JUSTIFIED_ABSENCE, got "LATE"' },
        { line: 4, field: 'hours', message: 'a line gives a half-day or hours, not both' },
        { line: 5, field: 'halfDay', message: 'a line gives a half-day (AM or PM) or the hours of the day' },
        { line: 6, field: 'hours', message: 'must be a whole number of hours from 1 to 24, got "0"' },
        { line: 7, field: 'hours', message: 'must be a whole number of hours from 1 to 24, got "25"' },
        { line: 8, field: 'row', message: 'has 6 fields, expected 5' },
        { line: 9, field: 'traineeId', message: 'is missing' },
        { line: 9, field: 'status', message: 'is missing' },
      ],
    });
  });

  it('refuses a line repeating a trainee’s half-day or day, and a day given both in half-days and in hours', () => {
    const parsed = parseAttendanceCsv([HEADER, `${ALICE},2026-03-09,AM,,PRESENT`, `${ALICE},2026-03-09,AM,,ABSENT`, `${ALICE},2026-03-09,,3,PRESENT`].join('\n'));
    expect(parsed).toEqual({
      ok: false,
      errors: [
        { line: 3, field: 'row', message: 'repeats this trainee on 2026-03-09 AM, already given on line 2' },
        { line: 4, field: 'hours', message: "gives this trainee's 2026-03-09 in hours; line 2 gives it in half-days" },
      ],
    });
  });

  it('refuses a social-security number in place of a trainee id without echoing it', () => {
    const parsed = parseAttendanceCsv(`${HEADER}\n1850675123456,2026-03-09,AM,,PRESENT`);
    expect(parsed.ok).toBe(false);
    expect(JSON.stringify(parsed)).not.toContain('1850675123456');
    expect(parsed).toMatchObject({ errors: [{ line: 2, field: 'traineeId', message: expect.stringContaining('social-security number') }] });
  });

  it('refuses another header, an empty sheet, and more lines than a sheet holds', () => {
    expect(parseAttendanceCsv('trainee,date,status\nx,y,z')).toEqual({ ok: false, errors: [{ line: 1, field: 'header', message: `must be ${HEADER}` }] });
    expect(parseAttendanceCsv(`${HEADER}\n`)).toEqual({ ok: false, errors: [{ line: 2, field: 'file', message: 'holds no lines' }] });
    const lines = (count: number) => Array.from({ length: count }, (_, i) => ({ traineeId: `trainee-${String(i).padStart(5, '0')}`, date: '2026-03-09', hours: 7, status: 'PRESENT' }));
    expect(readAttendanceJson(lines(ATTENDANCE_MAX_LINES)).ok).toBe(true);
    expect(readAttendanceJson(lines(ATTENDANCE_MAX_LINES + 1))).toEqual({ ok: false, errors: [{ line: ATTENDANCE_MAX_LINES + 1, field: 'file', message: `holds more than ${ATTENDANCE_MAX_LINES} lines` }] });
  });

  it('reads JSON lines numbered by their position, with the same faults, and names the same sheet as the CSV of the same lines', () => {
    const json = readAttendanceJson([
      { traineeId: ALICE, date: '2026-03-09', halfDay: 'AM', status: 'PRESENT' },
      { traineeId: BAPTISTE, date: '2026-03-09', hours: 7, status: 'ABSENT' },
    ]);
    const csv = parseAttendanceCsv(`${HEADER}\n${ALICE},2026-03-09,AM,,PRESENT\n${BAPTISTE},2026-03-09,,7,ABSENT`);
    expect(json).toMatchObject({ ok: true, lines: [{ line: 1 }, { line: 2 }] });
    if (!json.ok || !csv.ok) throw new Error('both sheets are well formed');
    expect(sheetHashOf('S-1', json.lines)).toBe(sheetHashOf('S-1', csv.lines));
    expect(sheetHashOf('S-2', json.lines)).not.toBe(sheetHashOf('S-1', json.lines));
    expect(readAttendanceJson(['x', { traineeId: ALICE, date: '2026-03-09', hours: 7.5, status: 'PRESENT', name: 'Alice' }])).toEqual({
      ok: false,
      errors: [
        { line: 1, field: 'line', message: 'must be an object' },
        { line: 2, field: 'name', message: 'is not a field of an attendance line' },
        { line: 2, field: 'hours', message: 'must be a whole number of hours from 1 to 24, got "7.5"' },
      ],
    });
  });
});
