import { specify } from '@app/shared/testing/decider-specification';
import { ALICE, BAPTISTE, CHLOE, deliveryTerms, report, REPORTED_AT, sessionEnded, sessionStarted, traineeEntered, traineeLeftEarly } from '../testing/delivery-fixtures';
import { CONTRACT_ID, PATHWAY_PROVIDER, providerMeta, SESSION_ID } from '../testing/fixtures';
import { DeliveryTerms } from '../delivery/delivery-terms';
import { deliveryDecider } from '../delivery/delivery.decider';
import { DeliveryEvent } from '../delivery/delivery.events';
import { RecordAttendanceCommand, NumberedAttendanceLine } from './attendance.commands';
import { AttendanceLine, AttendanceStatus } from './attendance.events';

const ORDER_ID = 'order-lyon-spring';
const of = { contractId: CONTRACT_ID, orderId: ORDER_ID };
const given = (history: DeliveryEvent[]) => specify(deliveryDecider).given(history);

/** The order with trainee hours on a session of 7 hours a day, and the attendance clause when given. */
function attendanceTerms(options: { required?: boolean; absenceRunDays?: number; dailyHours?: number | null } = {}): DeliveryTerms {
  const base = deliveryTerms();
  const dailyHours = options.dailyHours === undefined ? 7 : options.dailyHours;
  return {
    ...base,
    sessions: { [SESSION_ID]: { ...base.sessions[SESSION_ID], ...(dailyHours === null ? {} : { dailyHours }) } },
    workUnits: { TRAINEE_HOUR: { unitPriceCents: 1_500, orderedQuantity: 4_000 } },
    ...(options.required === undefined ? {} : { attendance: { clauseId: 'ATT-1', attendanceRequired: options.required, absenceRunDays: options.absenceRunDays ?? 3 } }),
  };
}

const line = (traineeId: string, date: string, status: AttendanceStatus, at: { halfDay?: 'AM' | 'PM'; hours?: number } = {}): AttendanceLine => ({
  traineeId,
  date,
  ...at,
  status,
});

function sheet(lines: AttendanceLine[], options: { terms?: DeliveryTerms; sheetId?: string; at?: string; providerId?: string } = {}): RecordAttendanceCommand {
  const numbered: NumberedAttendanceLine[] = lines.map((l, index) => ({ ...l, line: index + 2 }));
  return {
    type: 'RecordAttendance',
    meta: providerMeta(options.at ?? REPORTED_AT, options.providerId ?? PATHWAY_PROVIDER),
    terms: options.terms ?? attendanceTerms(),
    data: { sheetId: options.sheetId ?? 'sheet-1', sessionId: SESSION_ID, contentHash: `hash-${options.sheetId ?? 'sheet-1'}`, lines: numbered },
  };
}

function recorded(lines: AttendanceLine[], sheetId = 'sheet-1', hoursDerived = false, recordedAt = REPORTED_AT): DeliveryEvent {
  return { type: 'AttendanceRecorded', data: { ...of, sheetId, sessionId: SESSION_ID, contentHash: `hash-${sheetId}`, recordedAt, lines, hoursDerived } };
}

const hoursOf = (traineeId: string, date: string, hours: number): DeliveryEvent => ({ type: 'HoursDelivered', data: { ...of, traineeId, date, hours }, schemaVersion: 2 });

const entered = [sessionStarted('2026-03-09'), traineeEntered(ALICE, '2026-03-09'), traineeEntered(BAPTISTE, '2026-03-09')];

describe('an attendance sheet is recorded whole', () => {
  const week = [line(ALICE, '2026-03-09', 'PRESENT', { halfDay: 'AM' }), line(ALICE, '2026-03-09', 'ABSENT', { halfDay: 'PM' }), line(BAPTISTE, '2026-03-09', 'JUSTIFIED_ABSENCE', { hours: 7 })];

  it('records the lines as sent, without their place in the file, and no hours when the lot does not require attendance', () => {
    given(entered).when(sheet(week)).then([recorded(week)]);
    given(entered).when(sheet(week, { terms: attendanceTerms({ required: false }) })).then([recorded(week)]);
  });

  it('records nothing when the same sheet is sent again', () => {
    given([...entered, recorded(week)]).when(sheet(week)).then([]);
  });

  it('takes a day already recorded with the same lines, records only the new days, and refuses other lines for it', () => {
    const first = [line(ALICE, '2026-03-09', 'PRESENT', { hours: 7 })];
    const again = [...first, line(ALICE, '2026-03-10', 'PRESENT', { hours: 7 })];
    given([...entered, recorded(first)]).when(sheet(again, { sheetId: 'sheet-2' })).then([recorded(again, 'sheet-2')]);
    given([...entered, recorded(first)]).when(sheet(first, { sheetId: 'sheet-2' })).then([]);
    given([...entered, recorded(first)])
      .when(sheet([line(ALICE, '2026-03-09', 'ABSENT', { hours: 7 })], { sheetId: 'sheet-2' }))
      .thenRefuses('ATTENDANCE_SHEET_REFUSED', { errors: [{ line: 2, field: 'date', code: 'ATTENDANCE_CONFLICTS_WITH_EARLIER_SHEET', message: expect.stringContaining('sheet-1') }] });
  });

  it('refuses the whole sheet with every fault, its line, field and rule', () => {
    const history = [...entered, traineeEntered(CHLOE, '2026-03-16'), sessionEnded('2026-06-26')];
    const otherSession: DeliveryEvent = { type: 'TraineeEntered', data: { ...of, traineeId: 'trainee-other000', sessionId: 'session-other', enteredOn: '2026-03-09', publics: { qpvResident: false, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: false }, targeting: 'NOT_RECORDED' } };
    given([...history, otherSession])
      .when(
        sheet([
          line(ALICE, '2026-03-09', 'PRESENT', { hours: 7 }),
          line('trainee-nobody00', '2026-03-09', 'PRESENT', { hours: 7 }),
          line(CHLOE, '2026-03-13', 'PRESENT', { hours: 7 }),
          line(ALICE, '2026-03-06', 'PRESENT', { hours: 7 }),
          line(ALICE, '2026-06-29', 'PRESENT', { hours: 7 }),
          line(BAPTISTE, '2026-03-10', 'PRESENT', { hours: 8 }),
          line('trainee-other000', '2026-03-10', 'PRESENT', { hours: 7 }),
        ]),
      )
      .thenRefuses('ATTENDANCE_SHEET_REFUSED', {
        sessionId: SESSION_ID,
        errors: [
          { line: 3, field: 'traineeId', code: 'TRAINEE_NOT_ENTERED', message: 'names no trainee who entered this order' },
          { line: 4, field: 'date', code: 'TRAINEE_NOT_ENTERED', message: 'is before the trainee entered, on 2026-03-16' },
          { line: 5, field: 'date', code: 'TRAINEE_NOT_ENTERED', message: 'is before the trainee entered, on 2026-03-09' },
          { line: 5, field: 'date', code: 'SESSION_NOT_STARTED', message: `is before session ${SESSION_ID} started, on 2026-03-09` },
          { line: 6, field: 'date', code: 'SESSION_ALREADY_ENDED', message: `is after session ${SESSION_ID} ended, on 2026-06-26` },
          { line: 7, field: 'hours', code: 'HOURS_EXCEED_DAY', message: `at most 7 hours a day in session ${SESSION_ID}` },
          { line: 8, field: 'traineeId', code: 'TRAINEE_NOT_IN_SESSION', message: `names a trainee of session session-other, not ${SESSION_ID}` },
        ],
      });
  });

  it('takes the last day of the order period and today, not the day after either', () => {
    const started = [sessionStarted('2026-03-09'), traineeEntered(ALICE, '2026-03-09')];
    given(started).when(sheet([line(ALICE, '2026-03-20', 'PRESENT', { hours: 7 })], { at: '2026-03-20T18:00:00.000Z' }))
      .then([recorded([line(ALICE, '2026-03-20', 'PRESENT', { hours: 7 })], 'sheet-1', false, '2026-03-20T18:00:00.000Z')]);
    given(started)
      .when(sheet([line(ALICE, '2026-03-21', 'PRESENT', { hours: 7 })], { at: '2026-03-20T18:00:00.000Z' }))
      .thenRefuses('ATTENDANCE_SHEET_REFUSED', { errors: [{ line: 2, field: 'date', code: 'DELIVERY_DATE_IN_FUTURE', message: 'is after today (2026-03-20)' }] });
    const lastDay = { ...attendanceTerms(), periodEnd: '2026-03-20' };
    given(started).when(sheet([line(ALICE, '2026-03-20', 'ABSENT', { halfDay: 'AM' })], { terms: lastDay })).then([recorded([line(ALICE, '2026-03-20', 'ABSENT', { halfDay: 'AM' })])]);
    given(started)
      .when(sheet([line(ALICE, '2026-03-21', 'ABSENT', { halfDay: 'AM' })], { terms: lastDay }))
      .thenRefuses('ATTENDANCE_SHEET_REFUSED', { errors: [{ line: 2, field: 'date', code: 'DELIVERY_OUTSIDE_ORDER_PERIOD' }] });
  });

  it('is sent by a provider performing the order, for a session of the order', () => {
    given(entered).when(sheet([line(ALICE, '2026-03-09', 'PRESENT', { hours: 7 })], { providerId: 'provider-other' })).thenRefuses('NOT_PROVIDER_OF_ORDER');
    const command = sheet([line(ALICE, '2026-03-09', 'PRESENT', { hours: 7 })]);
    given(entered).when({ ...command, data: { ...command.data, sessionId: 'session-unknown' } }).thenRefuses('SESSION_NOT_FOUND');
  });
});

describe('hours derived from attendance, under the lot’s attendance clause', () => {
  const required = attendanceTerms({ required: true });

  it('delivers the hours attended: a whole day, half a 7-hour day rounded down, hours given, nothing for an absence', () => {
    const lines = [
      line(ALICE, '2026-03-09', 'PRESENT', { halfDay: 'AM' }),
      line(ALICE, '2026-03-09', 'PRESENT', { halfDay: 'PM' }),
      line(ALICE, '2026-03-10', 'PRESENT', { halfDay: 'AM' }),
      line(ALICE, '2026-03-10', 'ABSENT', { halfDay: 'PM' }),
      line(BAPTISTE, '2026-03-09', 'PRESENT', { hours: 6 }),
      line(BAPTISTE, '2026-03-10', 'ABSENT', { hours: 7 }),
    ];
    given(entered)
      .when(sheet(lines, { terms: required }))
      .then([recorded(lines, 'sheet-1', true), hoursOf(ALICE, '2026-03-09', 7), hoursOf(ALICE, '2026-03-10', 3), hoursOf(BAPTISTE, '2026-03-09', 6)]);
  });

  it('derives nothing for an order without trainee hours', () => {
    const pathways = { ...required, workUnits: deliveryTerms().workUnits };
    const lines = [line(ALICE, '2026-03-09', 'PRESENT', { hours: 7 })];
    given(entered).when(sheet(lines, { terms: pathways })).then([recorded(lines)]);
  });

  it('refuses a half-day present when the session has no daily schedule to value it', () => {
    given(entered)
      .when(sheet([line(ALICE, '2026-03-09', 'ABSENT', { halfDay: 'AM' }), line(ALICE, '2026-03-09', 'PRESENT', { halfDay: 'PM' })], { terms: attendanceTerms({ required: true, dailyHours: null }) }))
      .thenRefuses('ATTENDANCE_SHEET_REFUSED', { errors: [{ line: 3, field: 'halfDay', code: 'HALF_DAY_WITHOUT_DAILY_SCHEDULE' }] });
  });

  it('takes a report of the hours attended, or fewer, and refuses one hour more with the figures', () => {
    const attended = [...entered, recorded([line(ALICE, '2026-03-10', 'PRESENT', { hours: 6 })], 'sheet-1', true), hoursOf(ALICE, '2026-03-10', 6)];
    const hours = (count: number, date = '2026-03-10') => report({ kind: 'HOURS_DELIVERED', traineeId: ALICE, date, hours: count }, { terms: required });
    given(attended).when(hours(6)).then([]);
    given(attended)
      .when(hours(7))
      .thenRefuses('HOURS_NOT_BACKED_BY_ATTENDANCE', { traineeId: ALICE, date: '2026-03-10', reportedHours: 7, attendedHours: 6, attendanceRecorded: true, sheetId: 'sheet-1', clauseId: 'ATT-1' });
    given(attended)
      .when(hours(1, '2026-03-11'))
      .thenRefuses('HOURS_NOT_BACKED_BY_ATTENDANCE', { traineeId: ALICE, date: '2026-03-11', reportedHours: 1, attendedHours: 0, attendanceRecorded: false });
    // Fewer hours than attended, on a day whose hours were derived: the record stands.
    given(attended).when(hours(5)).thenRefuses('CONFLICTS_WITH_EARLIER_REPORT');
  });

  it('leaves hours reported without a sheet alone when the clause does not require attendance', () => {
    given(entered)
      .when(report({ kind: 'HOURS_DELIVERED', traineeId: ALICE, date: '2026-03-10', hours: 7 }, { terms: attendanceTerms({ required: false }) }))
      .then([hoursOf(ALICE, '2026-03-10', 7)]);
  });
});

describe('absences in a row signal a dropout risk', () => {
  const absent = (traineeId: string, ...dates: string[]) => dates.map((date) => line(traineeId, date, 'ABSENT', { hours: 7 }));
  const run = (firstDay: string, lastDay: string, days: number, threshold = 3, clauseId: string | null = 'ATT-1', sheetId = 'sheet-1'): DeliveryEvent => ({
    type: 'AbsenceRunDetected',
    data: { ...of, sheetId, traineeId: ALICE, sessionId: SESSION_ID, firstDay, lastDay, days, threshold, clauseId },
  });
  const terms = attendanceTerms({ required: false, absenceRunDays: 3 });

  it('signals a trainee absent on the threshold’s number of recorded days in a row, not one day fewer', () => {
    given(entered).when(sheet(absent(ALICE, '2026-03-09', '2026-03-10'), { terms })).then([recorded(absent(ALICE, '2026-03-09', '2026-03-10'))]);
    // Friday, then Monday and Tuesday: days without a line (the weekend) do not break the run.
    const lines = absent(ALICE, '2026-03-13', '2026-03-16', '2026-03-17');
    given(entered).when(sheet(lines, { terms })).then([recorded(lines), run('2026-03-13', '2026-03-17', 3)]);
  });

  it('uses three days when the contract has no attendance clause', () => {
    const lines = absent(ALICE, '2026-03-09', '2026-03-10', '2026-03-11');
    given(entered).when(sheet(lines)).then([recorded(lines), run('2026-03-09', '2026-03-11', 3, 3, null)]);
  });

  it('is broken by a presence or a justified absence, and not made by a half-day absent', () => {
    const broken = [
      ...absent(ALICE, '2026-03-09', '2026-03-10'),
      line(ALICE, '2026-03-11', 'JUSTIFIED_ABSENCE', { hours: 7 }),
      ...absent(ALICE, '2026-03-12'),
      line(ALICE, '2026-03-13', 'ABSENT', { halfDay: 'AM' }),
      line(ALICE, '2026-03-13', 'PRESENT', { halfDay: 'PM' }),
      ...absent(ALICE, '2026-03-16'),
    ];
    given(entered).when(sheet(broken, { terms })).then([recorded(broken)]);
  });

  it('counts the days of earlier sheets, signals a run once however long it grows, and a new run again', () => {
    const before = [...entered, recorded(absent(ALICE, '2026-03-09', '2026-03-10'))];
    const third = absent(ALICE, '2026-03-11');
    given(before).when(sheet(third, { terms, sheetId: 'sheet-2' })).then([recorded(third, 'sheet-2'), run('2026-03-09', '2026-03-11', 3, 3, 'ATT-1', 'sheet-2')]);
    const signalled = [...before, recorded(third, 'sheet-2'), run('2026-03-09', '2026-03-11', 3, 3, 'ATT-1', 'sheet-2')];
    given(signalled).when(sheet(absent(ALICE, '2026-03-12'), { terms, sheetId: 'sheet-3' })).then([recorded(absent(ALICE, '2026-03-12'), 'sheet-3')]);
    const back = [line(ALICE, '2026-03-12', 'PRESENT', { hours: 7 }), ...absent(ALICE, '2026-03-13', '2026-03-16', '2026-03-17')];
    given(signalled).when(sheet(back, { terms, sheetId: 'sheet-3' })).then([recorded(back, 'sheet-3'), run('2026-03-13', '2026-03-17', 3, 3, 'ATT-1', 'sheet-3')]);
  });

  it('does not signal a trainee who has left the pathway', () => {
    const lines = absent(ALICE, '2026-03-09', '2026-03-10', '2026-03-11');
    given([...entered, traineeLeftEarly(ALICE, '2026-03-11')]).when(sheet(lines, { terms })).then([recorded(lines)]);
  });
});
