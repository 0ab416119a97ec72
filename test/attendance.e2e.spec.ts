import request from 'supertest';
import { deliveryStream } from '@app/procurement';
import { FixedClock, idFromName } from '@app/shared';
import { aMetadata } from '../libs/event-store/src/testing/event-store.contract';
import { callerOf, eventually, RunningApiWithWorker, startApiWithWorker, tokensFor } from './support/http-harness';
import { anActiveFramework } from './support/procurement-fixtures';
import { pseudonym } from './support/trainee-ids';

/** Trainee hours at 15 €, 4,000 expected, at most 8,000. */
const HOURS_LOT = {
  lotId: 'LOT-1',
  title: 'Remise à niveau numérique',
  scope: { domainCode: '15064', territoryCodes: ['69'], targetPublics: ['LOW_QUALIFIED_JOB_SEEKERS'] },
  workUnits: [{ type: 'TRAINEE_HOUR', unitPriceCents: 1_500, initialQuantity: 4_000, minQuantity: 1_000, maxQuantity: 8_000 }],
  maximumValueCents: 20_000_000,
};
/** The lot's hours are those its attendance sheets record; three absent days in a row make a trainee at risk. */
const ATTENDANCE_CLAUSE = { clauseId: 'ATT-1', lotId: 'LOT-1', terms: { type: 'ATTENDANCE', attendanceRequired: true, absenceRunDays: 3 } };
const DROPOUT_CLAUSE = { clauseId: 'DROP-1', lotId: 'LOT-1', terms: { type: 'DROPOUT', maxRemoteWeeks: 6 } };

const ALICE = pseudonym('attendance-alice');
const BAPTISTE = pseudonym('attendance-baptiste');
const WEEK = ['2026-04-06', '2026-04-07', '2026-04-08', '2026-04-09', '2026-04-10'];
const HEADER = 'traineeId,date,halfDay,hours,status';

/**
 * Attendance sheets behind delivery, over real HTTP with the api and the worker on one data folder and real
 * Redis: a provider's sheet with faults is refused whole, a good one is recorded once however often it is sent,
 * the trainee hours are those it records, a report of more is refused with the figures, and a run of absences
 * makes the adjustment loop propose remote continuation.
 */
describe('attendance sheets (end to end)', () => {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00.000Z'));
  let running: RunningApiWithWorker;
  let tokens: Record<string, string>;
  let as: ReturnType<typeof callerOf>;

  beforeAll(async () => {
    running = await startApiWithWorker('attendance', { clock });
    tokens = await tokensFor({
      buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
      provider: { sub: 'of-a-user', role: 'provider', tenant: 'ARA', providerId: 'of-a' },
      otherProvider: { sub: 'of-b-user', role: 'provider', tenant: 'ARA', providerId: 'of-b' },
      auditor: { sub: 'auditor-1', role: 'auditor', tenant: 'ARA' },
    });
    as = callerOf(running.app, tokens);
  });
  afterAll(() => running?.close());

  const upload = (who: string, url: string, body: string | object, contentType = typeof body === 'string' ? 'text/csv' : 'application/json') =>
    request(running.app.getHttpServer())
      .post(url)
      .auth(tokens[who], { type: 'bearer' })
      .set('Content-Type', contentType)
      .send(body as string);

  it('refuses a sheet with faults whole, records a good one once, derives the hours, refuses unbacked hours and raises the risk proposal', async () => {
    const contractId = await anActiveFramework(as, { lots: [HOURS_LOT], clauses: [ATTENDANCE_CLAUSE, DROPOUT_CLAUSE] });
    const base = `/contracts/${contractId}`;
    const order = await as('buyer')
      .post(`${base}/orders`, {
        lotId: 'LOT-1',
        lines: [{ unitType: 'TRAINEE_HOUR', quantity: 2_000 }],
        sessions: [{ sessionId: 'S-1', startDate: '2026-04-06', endDate: '2026-07-03', place: 'Lyon 8e', capacity: 12, modality: 'IN_PERSON', dailyHours: 7 }],
        periodStart: '2026-04-01',
        periodEnd: '2026-12-31',
      })
      .expect(201);
    const orderId = order.body.orderId as string;
    const deliveries = `${base}/orders/${orderId}/deliveries`;
    const sheetUrl = `${base}/orders/${orderId}/sessions/S-1/attendance`;
    // What a sheet writes is on the order's delivery stream; the worker may meanwhile propose adjustments elsewhere.
    const deliveryEvents = async () => (await running.store.readStream(deliveryStream(orderId))).length;
    await as('buyer').put(`${base}/adjustment-policy`, { waitingListThreshold: 3, highFillRatePercent: 90, lowFillRatePercent: 0 }).expect(200);

    clock.set(new Date('2026-04-06T08:00:00.000Z'));
    const publics = { qpvResident: false, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: false };
    await as('provider').post(deliveries, { kind: 'SESSION_STARTED', sessionId: 'S-1', on: '2026-04-06' }).expect(201);
    for (const traineeId of [ALICE, BAPTISTE]) {
      await as('provider').post(deliveries, { kind: 'TRAINEE_ENTERED', traineeId, sessionId: 'S-1', enteredOn: '2026-04-06', publics }).expect(201);
    }
    clock.set(new Date('2026-04-10T17:00:00.000Z'));

    // Faults of form: every one with its line and field (400), nothing written.
    const before = await deliveryEvents();
    const malformed = await upload('provider', sheetUrl, [HEADER, `${ALICE},2026-04-06,AM,,PRESENT`, `${ALICE},2026-04-31,AM,,PRESENT`, `${BAPTISTE},2026-04-06,EVENING,,LATE`, `${ALICE},2026-04-06,AM,,ABSENT`].join('\n')).expect(400);
    expect(malformed.body).toMatchObject({
      code: 'INVALID_ATTENDANCE_SHEET',
      errors: [
        { line: 3, field: 'date', message: expect.stringContaining('calendar day') },
        { line: 4, field: 'halfDay', message: expect.stringContaining('AM or PM') },
        { line: 4, field: 'status', message: expect.stringContaining('PRESENT, ABSENT, JUSTIFIED_ABSENCE') },
        { line: 5, field: 'row', message: 'repeats this trainee on 2026-04-06 AM, already given on line 2' },
      ],
    });
    // Faults against the delivery (422), in a JSON sheet: a trainee who never entered, a day before the session, a day to come.
    const refused = await upload('provider', sheetUrl, {
      lines: [
        { traineeId: ALICE, date: '2026-04-06', halfDay: 'AM', status: 'PRESENT' },
        { traineeId: pseudonym('attendance-nobody'), date: '2026-04-06', hours: 7, status: 'PRESENT' },
        { traineeId: ALICE, date: '2026-04-03', hours: 7, status: 'PRESENT' },
        { traineeId: BAPTISTE, date: '2026-04-13', hours: 7, status: 'ABSENT' },
      ],
    }).expect(422);
    expect(refused.body).toMatchObject({
      code: 'ATTENDANCE_SHEET_REFUSED',
      details: {
        sessionId: 'S-1',
        errors: [
          { line: 2, field: 'traineeId', code: 'TRAINEE_NOT_ENTERED' },
          { line: 3, field: 'date', code: 'TRAINEE_NOT_ENTERED' },
          { line: 3, field: 'date', code: 'SESSION_NOT_STARTED' },
          { line: 4, field: 'date', code: 'DELIVERY_DATE_IN_FUTURE' },
        ],
      },
    });
    expect(await deliveryEvents()).toBe(before);
    // Only the provider performing the order sends its sheets.
    await upload('otherProvider', sheetUrl, `${HEADER}\n${ALICE},2026-04-06,AM,,PRESENT`).expect(404);

    // A good week: Alice present every half-day, Baptiste absent from Monday to Wednesday, back on Thursday.
    const good = [
      HEADER,
      ...WEEK.flatMap((date) => [`${ALICE},${date},AM,,PRESENT`, `${ALICE},${date},PM,,PRESENT`]),
      ...WEEK.map((date, day) => `${BAPTISTE},${date},,7,${day < 3 ? 'ABSENT' : 'PRESENT'}`),
    ].join('\n');
    const recorded = await upload('provider', sheetUrl, good).expect(201);
    expect(recorded.body).toMatchObject({ sessionId: 'S-1', lineCount: 15, replayed: false });
    const types = (recorded.body.events as Array<{ type: string }>).map((event) => event.type);
    expect(types).toEqual(['AttendanceRecorded', ...Array(7).fill('HoursDelivered'), 'AbsenceRunDetected']);

    // The same sheet again, as CSV or as the same lines in JSON: nothing new, the first answer.
    const written = await deliveryEvents();
    const again = await upload('provider', sheetUrl, good).expect(200);
    expect(again.body).toMatchObject({ sheetId: recorded.body.sheetId, replayed: true, events: recorded.body.events });
    const asJson = {
      lines: good
        .split('\n')
        .slice(1)
        .map((row) => {
          const [traineeId, date, halfDay, hours, status] = row.split(',');
          return { traineeId, date, ...(halfDay ? { halfDay } : { hours: Number(hours) }), status };
        }),
    };
    expect((await upload('provider', sheetUrl, asJson).expect(200)).body).toMatchObject({ sheetId: recorded.body.sheetId, replayed: true });
    expect(await deliveryEvents()).toBe(written);

    // The hours delivered are those attended: 7 a day for Alice, Thursday and Friday for Baptiste.
    const delivery = (await as('buyer').get(deliveries).expect(200)).body.delivery;
    const hours = Object.values(delivery.hours as Record<string, { traineeId: string; date: string; hours: number }>);
    expect(hours.filter((entry) => entry.traineeId === ALICE).map((entry) => [entry.date, entry.hours])).toEqual(WEEK.map((date) => [date, 7]));
    expect(hours.filter((entry) => entry.traineeId === BAPTISTE).map((entry) => [entry.date, entry.hours])).toEqual([
      ['2026-04-09', 7],
      ['2026-04-10', 7],
    ]);

    // More hours than the sheets back are refused with the figures, per trainee and day.
    const unbacked = await as('provider').post(deliveries, { kind: 'HOURS_DELIVERED', traineeId: ALICE, date: '2026-04-06', hours: 8 }).expect(422);
    expect(unbacked.body).toMatchObject({ code: 'HOURS_NOT_BACKED_BY_ATTENDANCE', details: { traineeId: ALICE, date: '2026-04-06', reportedHours: 8, attendedHours: 7, clauseId: 'ATT-1' } });
    const absent = await as('provider').post(deliveries, { kind: 'HOURS_DELIVERED', traineeId: BAPTISTE, date: '2026-04-07', hours: 7 }).expect(422);
    expect(absent.body).toMatchObject({ code: 'HOURS_NOT_BACKED_BY_ATTENDANCE', details: { reportedHours: 7, attendedHours: 0, attendanceRecorded: true } });
    // The hours the sheet backs, reported again, change nothing.
    expect((await as('provider').post(deliveries, { kind: 'HOURS_DELIVERED', traineeId: ALICE, date: '2026-04-06', hours: 7 }).expect(201)).body.events).toEqual([]);

    // The week is stated from the hours the sheet delivered: 5 × 7 for Alice, 2 × 7 for Baptiste, at 15 €.
    clock.set(new Date('2026-04-11T09:00:00.000Z'));
    const statement = (await as('buyer').post(`${base}/orders/${orderId}/service-statements`, { periodStart: '2026-04-06', periodEnd: '2026-04-10' }).expect(201)).body.statement;
    expect(statement.units).toEqual([expect.objectContaining({ unitType: 'TRAINEE_HOUR', delivered: 49, payable: 49 })]);
    expect(statement.totalCents).toBe(49 * 1_500);

    // Three days absent in a row: the loop proposes remote continuation under the dropout clause.
    const remote = await eventually('a remote-continuation proposal', async () => {
      const contract = (await as('buyer').get(base).expect(200)).body;
      return (Object.values(contract.proposals) as Array<{ proposalId: string; clauseId: string; adjustment: { kind: string; traineeId?: string }; inputs: Record<string, unknown> }>).find(
        (proposal) => proposal.adjustment.kind === 'SWITCH_TRAINEE_TO_REMOTE',
      );
    });
    expect(remote).toMatchObject({
      clauseId: 'DROP-1',
      adjustment: { kind: 'SWITCH_TRAINEE_TO_REMOTE', traineeId: BAPTISTE, sessionId: 'S-1', weeks: 6 },
      inputs: { rule: 'DROPOUT_REMOTE_SWITCH', reason: 'ABSENCES', reportedOn: '2026-04-08' },
    });

    // The auditor reads the sheet and the run in plain words, and every decision verifies.
    const decisions = (await as('auditor').get(`/audit/contracts/${contractId}/decisions?orderId=${orderId}`).expect(200)).body as Array<{ type: string; summary?: string; explanation?: string }>;
    const sentence = (type: string) => JSON.stringify(decisions.find((decision) => decision.type === type));
    expect(sentence('AttendanceRecorded')).toContain('attendance sheet of session S-1 recorded, 15 line(s) for 2 trainee(s) from 2026-04-06 to 2026-04-10');
    expect(sentence('AbsenceRunDetected')).toContain('absent 3 recorded days in a row (2026-04-06 to 2026-04-08), at risk of dropping out');
    expect(sentence('AttendanceRecorded') + sentence('AbsenceRunDetected')).not.toContain(BAPTISTE);
    const verified = (await as('auditor').post('/audit/verify').expect(200)).body;
    expect(verified).toMatchObject({ ok: true, decisions: { failed: 0, folded: 0 } });
    expect(verified.decisions.byType).toMatchObject({ AttendanceRecorded: { decided: 1 }, HoursDelivered: { decided: 7 }, AbsenceRunDetected: { decided: 1 } });

    // A sheet written into the log without the hours it derives does not verify: the sheet is decided again.
    await running.store.appendToStream(
      `delivery-${orderId}`,
      [
        {
          id: idFromName('forged-sheet', orderId),
          type: 'AttendanceRecorded',
          data: { contractId, orderId, sheetId: 'forged', sessionId: 'S-1', contentHash: 'forged', recordedAt: '2026-04-13T18:00:00.000Z', lines: [{ traineeId: ALICE, date: '2026-04-13', hours: 7, status: 'PRESENT' }], hoursDerived: true },
          metadata: aMetadata({ tenant: 'ARA', role: 'provider', actorId: 'of-a-user', occurredAt: '2026-04-13T18:00:00.000Z' }),
        },
      ],
      { expectedRevision: 'any' },
    );
    const forged = (await as('auditor').post('/audit/verify').expect(200)).body;
    expect(forged).toMatchObject({ ok: false, decisions: { byType: { AttendanceRecorded: { decided: 1, failed: 1 } } } });
    expect(forged.failures).toEqual([expect.objectContaining({ check: 'decision', type: 'AttendanceRecorded', reason: expect.stringContaining('also produces HoursDelivered') })]);
  });
});
