import { INestApplication } from '@nestjs/common';
import { EventStore } from '@app/event-store';
import { FixedClock, Principal } from '@app/shared';
import { callerOf, eventually, RunningApi, startApi, tokensFor } from './support/http-harness';
import { anActiveFramework } from './support/procurement-fixtures';
import { pseudonym } from './support/trainee-ids';

/**
 * Paying on time, over real HTTP with the embedded store: a statement of 105 € contested and partly accepted,
 * the provider's invoice for it, the period interrupted for a missing document and reopened, a payment 31 days
 * late with its interest and the 40 € indemnity computed, seen by the buyer and the provider.
 */
describe('payment requests, the legal payment clock, late payment and contested statements (end to end)', () => {
  let app: INestApplication;
  let store: EventStore;
  let api: RunningApi;
  const clock = new FixedClock(new Date('2026-03-02T09:00:00.000Z'));
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi('payments-e2e', { clock });
    ({ app, store } = api);
    const principals: Record<string, Principal> = {
      buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
      providerA: { sub: 'of-a-user', role: 'provider', tenant: 'ARA', providerId: 'of-a' },
      providerB: { sub: 'of-b-user', role: 'provider', tenant: 'ARA', providerId: 'of-b' },
      otherBuyer: { sub: 'buyer-idf-1', role: 'buyer', tenant: 'IDF' },
      auditor: { sub: 'auditor-ara-1', role: 'auditor', tenant: 'ARA' },
    };
    Object.assign(tokens, await tokensFor(principals));
  });
  afterAll(() => api.close());

  const as = (who: string) => callerOf(app, tokens)(who);
  const HOUR_LOT = {
    lotId: 'LOT-1',
    title: 'Remise à niveau en heures-stagiaires',
    scope: { domainCode: '15041', territoryCodes: ['69'], targetPublics: ['LOW_QUALIFIED_JOB_SEEKERS'] },
    workUnits: [{ type: 'TRAINEE_HOUR', unitPriceCents: 1_500, initialQuantity: 10_000, minQuantity: 10, maxQuantity: 20_000 }],
    maximumValueCents: 30_000_000,
  };
  const publics = { qpvResident: false, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: false };

  it('contests a statement, requests its payment, interrupts and reopens the period, and computes the late payment', async () => {
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
    clock.set(new Date('2026-05-04T09:00:00.000Z'));
    const issued = await as('buyer').post(`${base}/service-statements`, { periodStart: '2026-04-01', periodEnd: '2026-04-30' }).expect(201);
    const statementId = issued.body.statementId as string;
    expect(issued.body.statement.totalCents).toBe(10_500);
    const statement = `${base}/service-statements/${statementId}`;
    const written = async () => (await store.readStream(`payments-ARA-${contractId}`)).length;

    // The provider contests it: 10 hours, not 7. The buyer agrees 8.
    const contested = await as('providerA').post(`${statement}/disputes`, { reasons: 'Three hours of 7 April are missing', claimedTotalCents: 15_000 }).expect(201);
    expect(contested.body.events[0]).toMatchObject({ type: 'StatementContested', data: { statedTotalCents: 10_500, claimedTotalCents: 15_000, differenceCents: 4_500 } });
    const disputeId = contested.body.disputeId as string;
    const wrongAnswer = await as('buyer').post(`/contracts/${contractId}/statement-disputes/${disputeId}/answer`, { outcome: 'PARTIALLY_ACCEPTED', answer: 'One hour signed', agreedTotalCents: 15_000 }).expect(422);
    expect(wrongAnswer.body).toMatchObject({ code: 'DISPUTE_AGREED_TOTAL_INVALID', details: { statedTotalCents: 10_500, claimedTotalCents: 15_000, agreedTotalCents: 15_000 } });
    await as('providerA').post(`/contracts/${contractId}/statement-disputes/${disputeId}/answer`, { outcome: 'ACCEPTED', answer: 'x' }).expect(403);
    const answered = await as('buyer')
      .post(`/contracts/${contractId}/statement-disputes/${disputeId}/answer`, { outcome: 'PARTIALLY_ACCEPTED', answer: 'One hour of 7 April is signed on the attendance sheet', agreedTotalCents: 12_000 })
      .expect(201);
    expect(answered.body.events[0]).toMatchObject({ type: 'StatementDisputeAnswered', data: { outcome: 'PARTIALLY_ACCEPTED', agreedTotalCents: 12_000, adjustmentCents: 1_500 } });

    // The invoice asks at most what the statement and the answer make payable.
    const before = await written();
    const tooMuch = await as('providerA').post(`${statement}/payment-requests`, { invoiceReference: 'F-2026-0042', amountCents: 12_001 }).expect(422);
    expect(tooMuch.body).toMatchObject({
      code: 'PAYMENT_REQUEST_EXCEEDS_PAYABLE',
      details: { amountCents: 12_001, statementTotalCents: 10_500, disputeAdjustmentCents: 1_500, requestedBeforeCents: 0, payableCents: 12_000 },
    });
    expect(await written()).toBe(before);
    await as('providerB').post(`${statement}/payment-requests`, { invoiceReference: 'F-B-1', amountCents: 100 }).expect(404);
    const requested = await as('providerA').post(`${statement}/payment-requests`, { invoiceReference: 'F-2026-0042', amountCents: 12_000 }).expect(201);
    expect(requested.body.events[0]).toMatchObject({ type: 'PaymentRequested', data: { receivedOn: '2026-05-04', periodDays: 30, dueOn: '2026-06-03' } });
    const requestId = requested.body.requestId as string;
    const paymentRequest = `/contracts/${contractId}/payment-requests/${requestId}`;

    // Interrupted once for a missing document, 20 days before the deadline; the documents reopen 30 days.
    clock.set(new Date('2026-05-14T09:00:00.000Z'));
    const interrupted = await as('buyer').post(`${paymentRequest}/interruption`, { reason: 'The attendance sheet of 7 April is not signed', missingDocuments: ['signed attendance sheet of 7 April'] }).expect(201);
    expect(interrupted.body.events[0]).toMatchObject({ type: 'PaymentPeriodInterrupted', data: { interruptedOn: '2026-05-14', daysLeft: 20 } });
    const twice = await as('buyer').post(`${paymentRequest}/interruption`, { reason: 'Again', missingDocuments: ['anything'] }).expect(422);
    expect(twice.body).toMatchObject({ code: 'PAYMENT_PERIOD_ALREADY_INTERRUPTED', details: { interruptedOn: '2026-05-14' } });
    clock.set(new Date('2026-05-20T09:00:00.000Z'));
    const supplied = await as('providerA').post(`${paymentRequest}/missing-documents`, { documents: ['signed attendance sheet of 7 April'] }).expect(201);
    expect(supplied.body.events[0]).toMatchObject({ type: 'MissingDocumentsReceived', data: { receivedOn: '2026-05-20', periodDays: 30, dueOn: '2026-06-19' } });

    // A month after the deadline, both parties see the request overdue.
    clock.set(new Date('2026-07-20T09:00:00.000Z'));
    const overdue = await as('providerA').get(`/contracts/${contractId}/payments`).expect(200);
    expect(overdue.body.requests).toMatchObject([{ requestId, unpaidCents: 12_000, overdue: true, daysOverdue: 31, accruing: { interestCents: 103, indemnityCents: 4_000 } }]);
    expect(overdue.body.totals).toMatchObject({ requestedCents: 12_000, paidCents: 0, overdueCents: 12_000 });
    const overdueRead = await eventually('the overdue request in the read model', async () => {
      const answer = await as('buyer').get(`/read-models/payments?contractId=${contractId}`).expect(200);
      return answer.body.orders[0]?.requested_cents === 12_000 ? answer.body : undefined;
    });
    expect(overdueRead.contracts).toMatchObject([{ overdue_cents: 12_000, interest_accruing_cents: 103, paid_cents: 0 }]);

    const future = await as('buyer').post(`${paymentRequest}/payments`, { amountCents: 12_000, paidOn: '2026-07-21' }).expect(422);
    expect(future.body).toMatchObject({ code: 'PAYMENT_DATE_IN_FUTURE', details: { paidOn: '2026-07-21', today: '2026-07-20' } });
    const paid = await as('buyer').post(`${paymentRequest}/payments`, { amountCents: 12_000, paidOn: '2026-07-20' }).expect(201);
    // The payment is published in OCDS as a transaction of the lot's contract, from the buyer to the holder.
    const ocds = await as('auditor').get(`/audit/contracts/${contractId}/ocds`).expect(200);
    const transactions = (ocds.body.releases as Array<{ contracts: Array<{ implementation?: { transactions?: unknown[] } }> }>).flatMap((release) =>
      release.contracts.flatMap((contract) => contract.implementation?.transactions ?? []),
    );
    expect(transactions).toContainEqual({
      id: `payment-${paid.body.events[0].data.paymentId}`,
      date: '2026-07-20T00:00:00Z',
      value: { amount: 120, currency: 'EUR' },
      payer: { id: 'buyer-ARA', name: 'Région ARA' },
      payee: { id: 'of-a', name: 'of-a' },
    });
    // 120.00 € × 10.15 % (ECB 2.15 % on 1 January 2026 + 8 points) × 31 days / 365 = 1.03 €, and 40 € by right.
    expect(paid.body.events).toMatchObject([
      { type: 'PaymentRecorded', data: { amountCents: 12_000, paidOn: '2026-07-20', dueOn: '2026-06-19', late: true } },
      {
        type: 'LatePaymentCompensationDue',
        data: {
          interest: { amountCents: 12_000, daysLate: 31, rate: { halfYearStart: '2026-01-01', ecbBasisPoints: 215, basisPoints: 1_015 }, interestCents: 103 },
          indemnityCents: 4_000,
          totalCents: 4_103,
          payableBy: '2026-09-03',
        },
      },
    ]);
    for (const who of ['buyer', 'providerA']) {
      const seen = await as(who).get(`/contracts/${contractId}/payments`).expect(200);
      expect(seen.body.totals).toMatchObject({ paidCents: 12_000, overdueCents: 0, interestDueCents: 103, indemnityDueCents: 4_000 });
      expect(seen.body.disputes).toMatchObject([{ disputeId, answer: { agreedTotalCents: 12_000 } }]);
    }
    // The read model per order and contract, once it has caught up with the log.
    const head = await store.headPosition();
    const position = await eventually('the payment read model at the head of the log', async () => {
      const answer = await as('providerA').get(`/read-models/payments?contractId=${contractId}`).expect(200);
      return answer.body.position >= head ? answer.body : undefined;
    });
    const figures = {
      committed_cents: 15_000, delivered_cents: 10_500, stated_cents: 10_500, requested_cents: 12_000, paid_cents: 12_000,
      overdue_cents: 0, interest_due_cents: 103, indemnity_due_cents: 4_000, interest_accruing_cents: 0,
    };
    expect(position.orders).toEqual([{ contract_id: contractId, order_id: orderId, lot_id: 'LOT-1', dispute_adjustment_cents: 1_500, advance_cents: 0, ...figures }]);
    expect(position.contracts).toEqual([{ contract_id: contractId, ...figures }]);
    const hidden = await as('providerB').get(`/read-models/payments?contractId=${contractId}`).expect(200);
    expect(hidden.body.orders).toEqual([]);
    await as('providerB').get(`/contracts/${contractId}/payments`).expect(404);
    await as('otherBuyer').get(`/contracts/${contractId}/payments`).expect(404);
    await as('otherBuyer').post(`${paymentRequest}/payments`, { amountCents: 1, paidOn: '2026-07-20' }).expect(404);
  });

  it('grants the mandatory advance of an order over 50,000 € and two months at the minimum rate or above, and keeps a retention', async () => {
    clock.set(new Date('2026-03-02T09:00:00.000Z'));
    const contractId = await anActiveFramework(as, { lots: [HOUR_LOT], clauses: [] });
    // 4,000 trainee-hours at 15 € from April to June: 60,000 € excl. VAT over three months.
    const order = await as('buyer')
      .post(`/contracts/${contractId}/orders`, { lotId: 'LOT-1', lines: [{ unitType: 'TRAINEE_HOUR', quantity: 4_000 }], sessions: [], periodStart: '2026-04-01', periodEnd: '2026-06-30' })
      .expect(201);
    const advance = `/contracts/${contractId}/orders/${order.body.orderId}/advance`;
    const below = await as('buyer').post(advance, { buyerCategory: 'LOCAL_AUTHORITY_OVER_60M', providerIsSme: true, ratePercent: 9.99, vatRatePercent: 0 }).expect(422);
    expect(below.body).toMatchObject({ code: 'ADVANCE_RATE_BELOW_MINIMUM', details: { ratePercent: 9.99, minimumRatePercent: 10 } });
    await as('providerA').post(advance, { buyerCategory: 'LOCAL_AUTHORITY_OVER_60M', providerIsSme: true, ratePercent: 10, vatRatePercent: 0 }).expect(403);
    const granted = await as('buyer').post(advance, { buyerCategory: 'LOCAL_AUTHORITY_OVER_60M', providerIsSme: true, ratePercent: 10, vatRatePercent: 0 }).expect(201);
    expect(granted.body.events[0]).toMatchObject({
      type: 'AdvanceGranted',
      data: {
        computation: {
          eligibility: { amountExclVatCents: 6_000_000, thresholdCents: 5_000_000, mandatory: true },
          minimumRatePercent: 10,
          durationMonths: 3,
          baseCents: 6_000_000,
          amountCents: 600_000,
        },
      },
    });
    const tooHigh = await as('buyer').post(`/contracts/${contractId}/retention`, { retentionPercent: 5.01, releaseOn: '2027-06-30' }).expect(422);
    expect(tooHigh.body).toMatchObject({ code: 'RETENTION_ABOVE_MAXIMUM', details: { retentionPercent: 5.01, maximumPercent: 5 } });
    await as('buyer').post(`/contracts/${contractId}/retention`, { retentionPercent: 5, releaseOn: '2027-06-30' }).expect(201);
    const early = await as('buyer').post(`/contracts/${contractId}/retention/release`).expect(422);
    expect(early.body).toMatchObject({ code: 'RETENTION_NOT_DUE', details: { releaseOn: '2027-06-30', today: '2026-03-02' } });
    const seen = await as('providerA').get(`/contracts/${contractId}/payments`).expect(200);
    expect(seen.body).toMatchObject({ advances: [{ computation: { amountCents: 600_000 } }], retention: { retentionPercent: 5, retainedCents: 0 } });
  });

  it('decides every payment, interruption, late-payment compensation and dispute again from the record (audit:verify)', async () => {
    const report = await as('auditor').post('/audit/verify').expect(200);
    expect(report.body).toMatchObject({ ok: true, decisions: { failed: 0 } });
    expect(report.body.decisions.byType).toMatchObject({
      PaymentRequested: { decided: 1, folded: 0, failed: 0 },
      PaymentPeriodInterrupted: { decided: 1, folded: 0, failed: 0 },
      MissingDocumentsReceived: { decided: 1, folded: 0, failed: 0 },
      PaymentRecorded: { decided: 1, folded: 0, failed: 0 },
      LatePaymentCompensationDue: { decided: 1, folded: 0, failed: 0 },
      StatementContested: { decided: 1, folded: 0, failed: 0 },
      StatementDisputeAnswered: { decided: 1, folded: 0, failed: 0 },
      AdvanceGranted: { decided: 1, folded: 0, failed: 0 },
      RetentionSet: { decided: 1, folded: 0, failed: 0 },
    });
    const history = await as('auditor').get('/audit/decisions?type=LatePaymentCompensationDue').expect(200);
    expect(JSON.stringify(history.body)).toMatch(/31 days late, interest .*1[.,]03/);
    expect(JSON.stringify(history.body)).toMatch(/D2192-35/);
  });
});
