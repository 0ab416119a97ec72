import { FixedClock } from '@app/shared';
import { PaymentDeadlineCheck } from '../apps/worker/src/payments/payment-deadline-check.processor';
import { callerOf, eventually, RunningApiWithWorker, startApiWithWorker, tokensFor } from './support/http-harness';
import { anActiveFramework, FRAMEWORK } from './support/procurement-fixtures';
import { pseudonym } from './support/trainee-ids';

const HOUR_LOT = {
  lotId: 'LOT-1',
  title: 'Remise à niveau en heures-stagiaires',
  scope: { domainCode: '15041', territoryCodes: ['69'], targetPublics: ['LOW_QUALIFIED_JOB_SEEKERS'] },
  workUnits: [{ type: 'TRAINEE_HOUR', unitPriceCents: 1_500, initialQuantity: 10_000, minQuantity: 10, maxQuantity: 20_000 }],
  maximumValueCents: 30_000_000,
};
const publics = { qpvResident: false, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: false };

/**
 * The buyer warned before a payment deadline passes (CCP R2192-10), over real HTTP with the api and the whole
 * worker on the embedded store and real Redis: a statement issued and its payment requested, the clock moved to
 * the window of PAYMENT_DEADLINE_WARNING_DAYS (5) before the deadline, the daily check run, the warning in the
 * buyer's inbox, then the deadline passed with its interest accruing, and the request paid: the inbox empties.
 */
describe('payment deadline warnings in the buyer’s inbox (end to end, with the worker)', () => {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00.000Z'));
  let running: RunningApiWithWorker;
  let as: ReturnType<typeof callerOf>;

  beforeAll(async () => {
    running = await startApiWithWorker('payment-deadlines', { clock });
    as = callerOf(
      running.app,
      await tokensFor({
        buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
        auditor: { sub: 'auditor-ara-1', role: 'auditor', tenant: 'ARA' },
        providerA: { sub: 'of-a-user', role: 'provider', tenant: 'ARA', providerId: 'of-a' },
        providerB: { sub: 'of-b-user', role: 'provider', tenant: 'ARA', providerId: 'of-b' },
        officer: { sub: 'pe-ara-1', role: 'pole_emploi', tenant: 'ARA' },
        admin: { sub: 'admin-ara-1', role: 'admin', tenant: 'ARA' },
        otherBuyer: { sub: 'buyer-idf-1', role: 'buyer', tenant: 'IDF' },
      }),
    );
  });
  afterAll(() => running?.close());

  const check = () => running.worker.get(PaymentDeadlineCheck);
  const inbox = async (who = 'buyer', query = '') => (await as(who).get(`/inbox/payment-deadlines${query}`).expect(200)).body;
  const warningsIn = async (contractId: string) =>
    (await running.store.readStream(`payments-ARA-${contractId}`)).filter((event) => event.type.startsWith('PaymentDeadline')).map((event) => event.type);

  it('warns the buyer of a deadline within the window, then passed, once each, until the request is paid', async () => {
    const contractId = await anActiveFramework(as, { lots: [HOUR_LOT], clauses: [] });
    const order = await as('buyer')
      .post(`/contracts/${contractId}/orders`, {
        lotId: 'LOT-1',
        lines: [{ unitType: 'TRAINEE_HOUR', quantity: 10 }],
        sessions: [{ sessionId: 'S-1', startDate: '2026-04-06', endDate: '2026-04-30', place: 'Lyon 3e', capacity: 5, modality: 'IN_PERSON', dailyHours: 7 }],
        periodStart: '2026-04-01',
        periodEnd: '2026-06-30',
      })
      .expect(201);
    const orderId = order.body.orderId as string;
    const base = `/contracts/${contractId}/orders/${orderId}`;
    clock.set(new Date('2026-04-08T18:00:00.000Z'));
    const trainee = pseudonym('trainee-00000001');
    await as('providerA').post(`${base}/deliveries`, { kind: 'SESSION_STARTED', sessionId: 'S-1', on: '2026-04-06' }).expect(201);
    await as('providerA').post(`${base}/deliveries`, { kind: 'TRAINEE_ENTERED', traineeId: trainee, sessionId: 'S-1', enteredOn: '2026-04-06', publics }).expect(201);
    await as('providerA').post(`${base}/deliveries`, { kind: 'HOURS_DELIVERED', traineeId: trainee, date: '2026-04-06', hours: 7 }).expect(201);

    // The statement of April (7 hours, 105 €), and the provider's invoice for it on 4 May: due by 3 June.
    clock.set(new Date('2026-05-04T09:00:00.000Z'));
    const statementId = (await as('buyer').post(`${base}/service-statements`, { periodStart: '2026-04-01', periodEnd: '2026-04-30' }).expect(201)).body.statementId as string;
    const requested = await as('providerA').post(`${base}/service-statements/${statementId}/payment-requests`, { invoiceReference: 'F-2026-0077', amountCents: 10_500 }).expect(201);
    expect(requested.body.events[0]).toMatchObject({ type: 'PaymentRequested', data: { dueOn: '2026-06-03' } });
    const requestId = requested.body.requestId as string;
    await eventually('the request in the read model', async () => {
      const answer = await as('buyer').get(`/read-models/payments?contractId=${contractId}`).expect(200);
      return answer.body.orders[0]?.requested_cents === 10_500 ? true : undefined;
    });

    // 28 May: 6 days before the deadline, one beyond the window: no warning.
    clock.set(new Date('2026-05-28T05:00:00.000Z'));
    expect(await check().run()).toEqual({ requestsChecked: 0, warningsRecorded: 0 });
    expect((await inbox()).warnings).toEqual([]);

    // 29 May: 5 days before. Run twice the same day: one warning.
    clock.set(new Date('2026-05-29T05:00:00.000Z'));
    expect(await check().run()).toEqual({ requestsChecked: 1, warningsRecorded: 1 });
    expect(await check().run()).toMatchObject({ warningsRecorded: 0 });
    expect(await warningsIn(contractId)).toEqual(['PaymentDeadlineApproaching']);
    const approaching = await eventually('the warning in the buyer’s inbox', async () => {
      const answer = await inbox();
      return answer.warnings.length > 0 ? answer : undefined;
    });
    expect(approaching).toMatchObject({ on: '2026-05-29' });
    expect(approaching.warnings).toEqual([
      {
        requestId,
        contractId,
        contractTitle: FRAMEWORK.title,
        orderId,
        statementId,
        providerId: 'of-a',
        invoiceReference: 'F-2026-0077',
        amountCents: 10_500,
        paidCents: 0,
        unpaidCents: 10_500,
        receivedOn: '2026-05-04',
        dueOn: '2026-06-03',
        daysLeft: 5,
        daysOverdue: 0,
        warning: { kind: 'APPROACHING', warnedOn: '2026-05-29' },
        accruing: null,
        interestDueCents: 0,
        indemnityDueCents: 0,
      },
    ]);

    // Who sees it: the tenant's buyers and auditors, the provider its own request; no one else.
    expect((await inbox('auditor')).warnings.map((warning: { requestId: string }) => warning.requestId)).toEqual([requestId]);
    expect((await inbox('providerA')).warnings.map((warning: { requestId: string }) => warning.requestId)).toEqual([requestId]);
    expect((await inbox('providerB')).warnings).toEqual([]);
    expect((await inbox('otherBuyer')).warnings).toEqual([]);
    await as('officer').get('/inbox/payment-deadlines').expect(403);
    await as('admin').get('/inbox/payment-deadlines').expect(403);
    expect((await inbox('buyer', `?contractId=${contractId}&kind=APPROACHING`)).warnings).toHaveLength(1);
    expect((await inbox('buyer', '?kind=PASSED')).warnings).toEqual([]);
    const invalid = await as('buyer').get('/inbox/payment-deadlines?kind=LATE&contractId=C-1').expect(400);
    expect(JSON.stringify(invalid.body)).toMatch(/kind/);
    expect(JSON.stringify(invalid.body)).toMatch(/contractId/);

    // 5 June: the deadline passed two days ago unpaid; warned once more, with the interest running by right.
    clock.set(new Date('2026-06-05T05:00:00.000Z'));
    expect(await check().run()).toEqual({ requestsChecked: 1, warningsRecorded: 1 });
    expect(await warningsIn(contractId)).toEqual(['PaymentDeadlineApproaching', 'PaymentDeadlinePassed']);
    const passed = await eventually('the passed deadline in the inbox', async () => {
      const answer = await inbox();
      return answer.warnings[0]?.warning.kind === 'PASSED' ? answer.warnings[0] : undefined;
    });
    // 105 € × (2.15 % ECB + 8 points) × 2 days / 365 = 0.058 €; the 40 € indemnity comes with the payment (D2192-35).
    expect(passed).toMatchObject({ requestId, dueOn: '2026-06-03', daysLeft: 0, daysOverdue: 2, warning: { kind: 'PASSED', warnedOn: '2026-06-05' }, accruing: { interestCents: 6, basisPoints: 1_015, indemnityCents: 4_000 } });

    // The buyer pays: the compensation is recorded with the payment, and the warning leaves the inbox.
    const paid = await as('buyer').post(`/contracts/${contractId}/payment-requests/${requestId}/payments`, { amountCents: 10_500, paidOn: '2026-06-05' }).expect(201);
    expect(paid.body.events.map((event: { type: string }) => event.type)).toEqual(['PaymentRecorded', 'LatePaymentCompensationDue']);
    await eventually('the inbox to empty', async () => ((await inbox()).warnings.length === 0 ? true : undefined));
    clock.set(new Date('2026-06-06T05:00:00.000Z'));
    expect(await check().run()).toEqual({ requestsChecked: 0, warningsRecorded: 0 });
    expect(await warningsIn(contractId)).toHaveLength(2);
  });

  it('decides every warning again from the record (audit:verify)', async () => {
    const report = await as('auditor').post('/audit/verify').expect(200);
    expect(report.body).toMatchObject({ ok: true, decisions: { failed: 0 } });
    expect(report.body.decisions.byType).toMatchObject({
      PaymentDeadlineApproaching: { decided: 1, failed: 0 },
      PaymentDeadlinePassed: { decided: 1, failed: 0 },
    });
  });
});
