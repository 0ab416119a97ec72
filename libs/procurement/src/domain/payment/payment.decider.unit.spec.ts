import { RuleViolation } from '@app/shared';
import { StatementFacts } from './payment.commands';
import { decidePayments } from './payment.decider';
import { LatePaymentCompensationDue, PaymentEvent } from './payment.events';
import { evolvePayments, initialPaymentsState, PaymentsState } from './payment.state';

const provider = { actorId: 'of-a-user', providerId: 'of-a' };
const buyer = { actorId: 'buyer-ara-1' };
const at = (day: string) => `${day}T10:00:00.000Z`;
const statement: StatementFacts = { contractId: 'C-1', orderId: 'O-1', statementId: 'ST-1', providerIds: ['of-a'], totalCents: 100_000, statedBeforeCents: 0 };

const given = (events: PaymentEvent[]): PaymentsState => events.reduce(evolvePayments, initialPaymentsState());
const refusal = (run: () => unknown): { code: string; details: Record<string, unknown> } | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof RuleViolation) return { code: error.code, details: error.details };
    throw error;
  }
  return undefined;
};

const request = (amountCents: number, day = '2026-03-02', invoiceReference = 'F-2026-001', requestId = 'R-1') =>
  decidePayments({ type: 'RequestPayment', meta: { ...provider, at: at(day) }, statement, data: { requestId, invoiceReference, amountCents } }, given([]));
const requested = (day = '2026-03-02') => request(100_000, day);
const pay = (state: PaymentsState, paidOn: string, amountCents = 100_000, paymentId = 'P-1', recordedOn = '2026-12-01') =>
  decidePayments({ type: 'RecordPayment', meta: { ...buyer, at: at(recordedOn) }, data: { requestId: 'R-1', paymentId, amountCents, paidOn } }, state);
const interrupt = (state: PaymentsState, day: string) =>
  decidePayments(
    { type: 'InterruptPaymentPeriod', meta: { ...buyer, at: at(day) }, data: { requestId: 'R-1', reason: 'Attendance sheets missing', missingDocuments: ['attendance sheets'] } },
    state,
  );
const supply = (state: PaymentsState, day: string) =>
  decidePayments({ type: 'SupplyMissingDocuments', meta: { ...provider, at: at(day) }, data: { requestId: 'R-1', documents: ['attendance sheets'] } }, state);

describe('payment requests and the legal payment clock', () => {
  it('starts a 30-day clock on the day the request is received (R2192-10, R2192-12)', () => {
    expect(requested()).toEqual([
      {
        type: 'PaymentRequested',
        data: {
          contractId: 'C-1', orderId: 'O-1', statementId: 'ST-1', requestId: 'R-1', providerId: 'of-a', invoiceReference: 'F-2026-001',
          amountCents: 100_000, receivedOn: '2026-03-02',
          payable: { statementTotalCents: 100_000, disputeAdjustmentCents: 0, advanceRepaymentCents: 0, retentionCents: 0, requestedBeforeCents: 0, payableCents: 100_000 },
          periodDays: 30, dueOn: '2026-04-01',
        },
      },
    ]);
  });

  it('asks at most what the statement leaves payable: at the limit, one cent below, one cent above', () => {
    expect(request(100_000)).toHaveLength(1);
    expect(request(99_999)).toHaveLength(1);
    expect(refusal(() => request(100_001))).toEqual({
      code: 'PAYMENT_REQUEST_EXCEEDS_PAYABLE',
      details: { amountCents: 100_001, statementTotalCents: 100_000, disputeAdjustmentCents: 0, advanceRepaymentCents: 0, retentionCents: 0, requestedBeforeCents: 0, payableCents: 100_000 },
    });
  });

  it('counts earlier requests on the statement and refuses an invoice presented twice', () => {
    const first = given(request(60_000));
    const again = (amountCents: number, reference: string) =>
      decidePayments({ type: 'RequestPayment', meta: { ...provider, at: at('2026-03-03') }, statement, data: { requestId: 'R-2', invoiceReference: reference, amountCents } }, first);
    expect(again(40_000, 'F-2026-002')).toHaveLength(1);
    expect(refusal(() => again(40_001, 'F-2026-002'))?.details).toMatchObject({ requestedBeforeCents: 60_000, payableCents: 40_000 });
    expect(refusal(() => again(1_000, 'F-2026-001'))).toEqual({ code: 'INVOICE_REFERENCE_ALREADY_USED', details: { invoiceReference: 'F-2026-001', requestId: 'R-1' } });
  });

  it('refuses a request from a provider that does not perform the order', () => {
    const other = () =>
      decidePayments({ type: 'RequestPayment', meta: { actorId: 'of-b-user', providerId: 'of-b', at: at('2026-03-02') }, statement, data: { requestId: 'R-1', invoiceReference: 'X', amountCents: 1 } }, given([]));
    expect(refusal(other)?.code).toBe('NOT_PROVIDER_OF_STATEMENT');
  });
});

describe('interrupting the payment period for a missing document (R2192-27 to R2192-29)', () => {
  it('interrupts once, on or before the deadline, never after', () => {
    const state = given(requested());
    expect(interrupt(state, '2026-04-01')).toMatchObject([{ type: 'PaymentPeriodInterrupted', data: { interruptedOn: '2026-04-01', daysLeft: 0 } }]);
    expect(refusal(() => interrupt(state, '2026-04-02'))).toEqual({
      code: 'PAYMENT_PERIOD_EXPIRED',
      details: { requestId: 'R-1', dueOn: '2026-04-01', on: '2026-04-02', daysLate: 1 },
    });
    const interrupted = given([...requested(), ...interrupt(state, '2026-03-12')]);
    expect(refusal(() => interrupt(interrupted, '2026-03-13'))?.code).toBe('PAYMENT_PERIOD_ALREADY_INTERRUPTED');
  });

  it('opens a new period of 30 days on receipt of the documents, or the balance left when longer', () => {
    const history = [...requested(), ...interrupt(given(requested()), '2026-03-12')];
    expect(given(history).requests['R-1']).toMatchObject({ dueOn: null, interruption: { daysLeft: 20 } });
    expect(supply(given(history), '2026-03-20')).toMatchObject([{ type: 'MissingDocumentsReceived', data: { receivedOn: '2026-03-20', periodDays: 30, dueOn: '2026-04-19' } }]);
    const requestedWithLongBalance = given([{ ...requested()[0], data: { ...(requested()[0].data as object), dueOn: '2026-05-01' } } as PaymentEvent]);
    const interruptedEarly = [...requested().map((event) => ({ ...event, data: { ...event.data, dueOn: '2026-05-01' } })), ...interrupt(requestedWithLongBalance, '2026-03-02')];
    expect(supply(given(interruptedEarly as PaymentEvent[]), '2026-03-10')).toMatchObject([{ data: { periodDays: 60, dueOn: '2026-05-09' } }]);
  });

  it('takes documents only after an interruption that asked for them', () => {
    expect(refusal(() => supply(given(requested()), '2026-03-10'))?.code).toBe('PAYMENT_PERIOD_NOT_INTERRUPTED');
  });
});

describe('late payment: interest and the flat indemnity, owed without a request', () => {
  const compensationOf = (events: PaymentEvent[]) => events.find((event): event is LatePaymentCompensationDue => event.type === 'LatePaymentCompensationDue');

  it('owes nothing when paid on the last day, and interest plus 40 € one day after it', () => {
    const state = given(requested());
    expect(pay(state, '2026-04-01')).toEqual([
      { type: 'PaymentRecorded', data: { contractId: 'C-1', orderId: 'O-1', statementId: 'ST-1', requestId: 'R-1', paymentId: 'P-1', amountCents: 100_000, paidOn: '2026-04-01', dueOn: '2026-04-01', late: false } },
    ]);
    const late = compensationOf(pay(state, '2026-04-02'))!;
    // 1,000.00 € × 10.15 % (ECB 2.15 % on 1 January 2026 + 8 points) × 1 day / 365 = 0.278 €.
    expect(late.data).toMatchObject({
      interest: { daysLate: 1, rate: { halfYearStart: '2026-01-01', ecbBasisPoints: 215, marginBasisPoints: 800, basisPoints: 1_015 }, interestCents: 28 },
      indemnityCents: 4_000,
      totalCents: 4_028,
      payableBy: '2026-05-17',
    });
  });

  it('takes the rate of the half-year in which interest began to run', () => {
    const inDecember2024 = given(request(100_000, '2024-11-01'));
    // Due 2024-12-01; interest runs from 2024-12-02: ECB rate on 2024-07-01 was 4.25 %, so 12.25 %; 31 days late.
    const late = compensationOf(pay(inDecember2024, '2025-01-01'))!;
    expect(late.data.interest).toMatchObject({ dueOn: '2024-12-01', daysLate: 31, rate: { halfYearStart: '2024-07-01', ecbBasisPoints: 425, basisPoints: 1_225 } });
    expect(late.data.interest.interestCents).toBe(Math.round((100_000 * 0.1225 * 31) / 365));
  });

  it('owes the indemnity once per request, interest on each part paid late', () => {
    const firstPart = pay(given(requested()), '2026-04-11', 50_000);
    const afterFirst = given([...requested(), ...firstPart]);
    const second = compensationOf(pay(afterFirst, '2026-05-01', 50_000, 'P-2'))!;
    expect(compensationOf(firstPart)!.data.indemnityCents).toBe(4_000);
    expect(second.data).toMatchObject({ indemnityCents: 0, interest: { daysLate: 30, amountCents: 50_000 } });
  });

  it('is not late while the period is interrupted, and late counted from the new deadline', () => {
    const history = [...requested(), ...interrupt(given(requested()), '2026-03-12')];
    expect(pay(given(history), '2026-06-01')).toMatchObject([{ type: 'PaymentRecorded', data: { late: false } }]);
    const resumed = [...history, ...supply(given(history), '2026-03-20')];
    expect(compensationOf(pay(given(resumed), '2026-04-20'))!.data.interest).toMatchObject({ dueOn: '2026-04-19', daysLate: 1 });
  });

  it('pays at most what is unpaid, on or after receipt, never in the future', () => {
    const state = given(requested());
    expect(refusal(() => pay(state, '2026-04-01', 100_001))).toEqual({
      code: 'PAYMENT_EXCEEDS_REQUEST',
      details: { amountCents: 100_001, unpaidCents: 100_000, requestedCents: 100_000, paidCents: 0 },
    });
    expect(refusal(() => pay(state, '2026-03-01'))?.code).toBe('PAYMENT_DATE_BEFORE_REQUEST');
    expect(pay(state, '2026-03-02')).toHaveLength(1);
    expect(refusal(() => pay(state, '2026-12-02'))?.code).toBe('PAYMENT_DATE_IN_FUTURE');
    expect(refusal(() => pay(given([...requested(), ...pay(state, '2026-03-10')]), '2026-03-11', 1, 'P-2'))?.code).toBe('PAYMENT_REQUEST_PAID');
  });
});

describe('contesting a statement', () => {
  const contest = (state: PaymentsState, claimedTotalCents: number) =>
    decidePayments(
      { type: 'ContestStatement', meta: { ...provider, at: at('2026-03-03') }, statement, data: { disputeId: 'D-1', reasons: '12 hours of 4 April not stated', claimedTotalCents } },
      state,
    );
  const answer = (state: PaymentsState, outcome: 'ACCEPTED' | 'PARTIALLY_ACCEPTED' | 'REJECTED', agreedTotalCents?: number) =>
    decidePayments(
      { type: 'AnswerStatementDispute', meta: { ...buyer, at: at('2026-03-10') }, data: { disputeId: 'D-1', outcome, answer: 'Checked against the attendance sheets', ...(agreedTotalCents === undefined ? {} : { agreedTotalCents }) } },
      state,
    );

  it('records the reasons and figures, once, claiming another total than stated', () => {
    expect(contest(given([]), 118_000)).toMatchObject([{ type: 'StatementContested', data: { statedTotalCents: 100_000, claimedTotalCents: 118_000, differenceCents: 18_000 } }]);
    expect(refusal(() => contest(given([]), 100_000))?.code).toBe('DISPUTE_CLAIM_EQUALS_STATEMENT');
    expect(refusal(() => contest(given(contest(given([]), 118_000)), 110_000))?.code).toBe('STATEMENT_ALREADY_CONTESTED');
  });

  it('agrees a partial total strictly between the stated and the claimed ones, and makes it payable', () => {
    const contested = given(contest(given([]), 118_000));
    expect(refusal(() => answer(contested, 'PARTIALLY_ACCEPTED', 100_000))?.code).toBe('DISPUTE_AGREED_TOTAL_INVALID');
    expect(refusal(() => answer(contested, 'PARTIALLY_ACCEPTED', 118_000))?.details).toMatchObject({ statedTotalCents: 100_000, claimedTotalCents: 118_000, agreedTotalCents: 118_000 });
    expect(answer(contested, 'PARTIALLY_ACCEPTED', 100_001)).toHaveLength(1);
    const answered = answer(contested, 'PARTIALLY_ACCEPTED', 117_999);
    expect(answered).toMatchObject([{ type: 'StatementDisputeAnswered', data: { agreedTotalCents: 117_999, adjustmentCents: 17_999 } }]);
    const settled = given([...contest(given([]), 118_000), ...answered]);
    expect(refusal(() => answer(settled, 'REJECTED'))?.code).toBe('DISPUTE_ALREADY_ANSWERED');
    const requestAll = (amountCents: number) =>
      decidePayments({ type: 'RequestPayment', meta: { ...provider, at: at('2026-03-11') }, statement, data: { requestId: 'R-1', invoiceReference: 'F-1', amountCents } }, settled);
    expect(requestAll(117_999)).toMatchObject([{ data: { payable: { disputeAdjustmentCents: 17_999, payableCents: 117_999 } } }]);
    expect(refusal(() => requestAll(118_000))?.code).toBe('PAYMENT_REQUEST_EXCEEDS_PAYABLE');
  });

  it('keeps the stated total when rejected and the claimed one when accepted', () => {
    const contested = given(contest(given([]), 90_000));
    expect(answer(contested, 'REJECTED')).toMatchObject([{ data: { agreedTotalCents: 100_000, adjustmentCents: 0 } }]);
    expect(answer(contested, 'ACCEPTED')).toMatchObject([{ data: { agreedTotalCents: 90_000, adjustmentCents: -10_000 } }]);
    expect(refusal(() => answer(contested, 'ACCEPTED', 95_000))?.code).toBe('DISPUTE_AGREED_TOTAL_INVALID');
  });
});

describe('the advance of an order (R2191-3, R2191-7) and its repayment (R2191-11)', () => {
  const order = (amountExclVatCents: number, periodEnd = '2026-12-31') => ({
    contractId: 'C-1', orderId: 'O-1', providerIds: ['of-a'], amountExclVatCents, periodStart: '2026-04-01', periodEnd, ratesOn: '2026-01-01',
  });
  const grant = (facts: ReturnType<typeof order>, ratePercent: number, buyerCategory: 'STATE' | 'LOCAL_AUTHORITY_OVER_60M' | 'OTHER' = 'LOCAL_AUTHORITY_OVER_60M', providerIsSme = true, state = given([])) =>
    decidePayments({ type: 'GrantAdvance', meta: { ...buyer, at: at('2026-04-01') }, order: facts, data: { buyerCategory, providerIsSme, ratePercent, vatRatePercent: 0 } }, state);
  const computationOf = (events: PaymentEvent[]) => (events[0] as Extract<PaymentEvent, { type: 'AdvanceGranted' }>).data.computation;

  it('is mandatory above 50,000 € excl. VAT, not at it, and for a term over two months only', () => {
    expect(computationOf(grant(order(5_000_001), 10)).eligibility.mandatory).toBe(true);
    expect(computationOf(grant(order(5_000_000), 1)).eligibility.mandatory).toBe(false);
    // 1 April to 31 May is two months exactly; to 1 June, more.
    expect(computationOf(grant(order(6_000_000, '2026-05-31'), 1)).eligibility.mandatory).toBe(false);
    expect(computationOf(grant(order(6_000_000, '2026-06-01'), 10)).eligibility.mandatory).toBe(true);
  });

  it('is at least 10 % for an SME of a Région, 30 % of the State since April 2025, 5 % otherwise: at, below, above', () => {
    expect(computationOf(grant(order(6_000_000), 10))).toMatchObject({ minimumRatePercent: 10, baseCents: 6_000_000, amountCents: 600_000 });
    expect(refusal(() => grant(order(6_000_000), 9.99))).toEqual({
      code: 'ADVANCE_RATE_BELOW_MINIMUM',
      details: { ratePercent: 9.99, minimumRatePercent: 10, buyerCategory: 'LOCAL_AUTHORITY_OVER_60M', providerIsSme: true },
    });
    expect(computationOf(grant(order(6_000_000), 10.01)).amountCents).toBe(600_600);
    expect(refusal(() => grant(order(6_000_000), 29, 'STATE'))?.details).toMatchObject({ minimumRatePercent: 30 });
    expect(computationOf(grant(order(6_000_000), 5, 'STATE', false)).minimumRatePercent).toBe(5);
    expect(refusal(() => grant(order(6_000_000), 4.99, 'OTHER', false))?.code).toBe('ADVANCE_RATE_BELOW_MINIMUM');
  });

  it('is computed on 12 × the amount / its months when the term exceeds a year', () => {
    const long = grant({ ...order(24_000_000), periodEnd: '2027-09-30' }, 10);
    expect(computationOf(long)).toMatchObject({ durationMonths: 18, baseCents: 16_000_000, amountCents: 1_600_000 });
  });

  it('is granted once per order', () => {
    const granted = given(grant(order(6_000_000), 10));
    expect(refusal(() => grant(order(6_000_000), 10, 'LOCAL_AUTHORITY_OVER_60M', true, granted))?.code).toBe('ADVANCE_ALREADY_GRANTED');
  });

  it('is repaid from the statements from 65 % to 80 % of the order executed', () => {
    const granted = grant(order(10_000_000), 10); // 1,000,000 cents of advance on 100,000 €.
    const ask = (statedBeforeCents: number, totalCents: number) =>
      (decidePayments(
        { type: 'RequestPayment', meta: { ...provider, at: at('2026-06-01') }, statement: { ...statement, totalCents, statedBeforeCents }, data: { requestId: 'R-1', invoiceReference: 'F', amountCents: 1 } },
        given(granted),
      )[0].data as { payable: { advanceRepaymentCents: number; payableCents: number } }).payable;
    expect(ask(0, 6_500_000)).toMatchObject({ advanceRepaymentCents: 0, payableCents: 6_500_000 });
    expect(ask(6_500_000, 1)).toMatchObject({ advanceRepaymentCents: 0 });
    expect(ask(6_500_000, 750_000)).toMatchObject({ advanceRepaymentCents: 500_000, payableCents: 250_000 });
    expect(ask(7_250_000, 2_750_000)).toMatchObject({ advanceRepaymentCents: 500_000, payableCents: 2_250_000 });
    expect(ask(8_000_000, 1_000_000)).toMatchObject({ advanceRepaymentCents: 0 });
  });
});

describe('the retention (R2191-32 ff.)', () => {
  const set = (retentionPercent: number, state = given([])) =>
    decidePayments({ type: 'SetRetention', meta: { ...buyer, at: at('2026-03-01') }, data: { contractId: 'C-1', retentionPercent, releaseOn: '2027-01-31' } }, state);
  const release = (state: PaymentsState, day: string) => decidePayments({ type: 'ReleaseRetention', meta: { ...buyer, at: at(day) } }, state);

  it('is at most 5 %: at, just below, just above', () => {
    expect(set(5)).toHaveLength(1);
    expect(set(4.99)).toHaveLength(1);
    expect(refusal(() => set(5.01))).toEqual({ code: 'RETENTION_ABOVE_MAXIMUM', details: { retentionPercent: 5.01, maximumPercent: 5 } });
    expect(refusal(() => set(5, given(requested())))?.code).toBe('RETENTION_AFTER_PAYMENT_REQUESTS');
  });

  it('is kept on each statement and released at the term of the guarantee, once', () => {
    const kept = [...set(5), ...decidePayments({ type: 'RequestPayment', meta: { ...provider, at: at('2026-03-02') }, statement, data: { requestId: 'R-1', invoiceReference: 'F', amountCents: 95_000 } }, given(set(5)))];
    expect(kept[1].data).toMatchObject({ payable: { retentionCents: 5_000, payableCents: 95_000 } });
    expect(refusal(() => release(given(kept), '2027-01-30'))).toEqual({ code: 'RETENTION_NOT_DUE', details: { releaseOn: '2027-01-31', today: '2027-01-30' } });
    const released = release(given(kept), '2027-01-31');
    expect(released).toMatchObject([{ type: 'RetentionReleased', data: { amountCents: 5_000, byStatement: { 'ST-1': 5_000 } } }]);
    expect(refusal(() => release(given([...kept, ...released]), '2027-02-01'))?.code).toBe('RETENTION_ALREADY_RELEASED');
  });
});

describe('warning the buyer of a payment deadline (R2192-10)', () => {
  const system = { actorId: 'payment-deadline-check' };
  const warn = (state: PaymentsState, day: string, windowDays = 5) =>
    decidePayments({ type: 'WarnOfPaymentDeadline', meta: { ...system, at: at(day) }, data: { requestId: 'R-1', windowDays } }, state);
  const ofRequest = { contractId: 'C-1', orderId: 'O-1', statementId: 'ST-1', requestId: 'R-1' };

  it('warns from the first day of the window to the due day, and not the day before the window', () => {
    const state = given(requested()); // due by 2026-04-01
    expect(refusal(() => warn(state, '2026-03-26'))).toEqual({
      code: 'PAYMENT_DEADLINE_NOT_NEAR',
      details: { requestId: 'R-1', dueOn: '2026-04-01', on: '2026-03-26', daysLeft: 6, windowDays: 5 },
    });
    expect(warn(state, '2026-03-27')).toEqual([
      { type: 'PaymentDeadlineApproaching', data: { ...ofRequest, dueOn: '2026-04-01', daysLeft: 5, windowDays: 5, unpaidCents: 100_000, warnedOn: '2026-03-27' } },
    ]);
    expect(warn(state, '2026-04-01')).toMatchObject([{ type: 'PaymentDeadlineApproaching', data: { daysLeft: 0 } }]);
  });

  it('warns once the day has passed unpaid, with the part still unpaid', () => {
    const state = given([...requested(), ...pay(given(requested()), '2026-03-20', 30_000, 'P-1', '2026-03-20')]);
    expect(warn(state, '2026-04-02')).toEqual([
      { type: 'PaymentDeadlinePassed', data: { ...ofRequest, dueOn: '2026-04-01', daysLate: 1, windowDays: 5, unpaidCents: 70_000, warnedOn: '2026-04-02' } },
    ]);
  });

  it('warns once per deadline and kind: approaching then passed, never twice the same', () => {
    const approached = given([...requested(), ...warn(given(requested()), '2026-03-28')]);
    expect(refusal(() => warn(approached, '2026-03-30'))).toEqual({
      code: 'PAYMENT_DEADLINE_ALREADY_WARNED',
      details: { requestId: 'R-1', kind: 'APPROACHING', dueOn: '2026-04-01', warnedOn: '2026-03-28' },
    });
    const passed = given([...requested(), ...warn(given(requested()), '2026-03-28'), ...warn(approached, '2026-04-03')]);
    expect(passed.requests['R-1'].warnings.map((warning) => [warning.kind, warning.days])).toEqual([['APPROACHING', 4], ['PASSED', 2]]);
    expect(refusal(() => warn(passed, '2026-04-04'))?.code).toBe('PAYMENT_DEADLINE_ALREADY_WARNED');
  });

  it('warns of no deadline while the period is interrupted, and again of the new one after the documents (R2192-29)', () => {
    const first = [...requested(), ...warn(given(requested()), '2026-03-30')];
    const interrupted = [...first, ...interrupt(given(first), '2026-03-30')];
    expect(refusal(() => warn(given(interrupted), '2026-03-31'))?.code).toBe('PAYMENT_DEADLINE_NOT_RUNNING');
    const reopened = given([...interrupted, ...supply(given(interrupted), '2026-04-10')]); // 30 days: due by 2026-05-10
    expect(refusal(() => warn(reopened, '2026-05-04'))?.details).toMatchObject({ dueOn: '2026-05-10', daysLeft: 6 });
    expect(warn(reopened, '2026-05-05')).toMatchObject([{ type: 'PaymentDeadlineApproaching', data: { dueOn: '2026-05-10', daysLeft: 5 } }]);
  });

  it('warns of no request paid in full, and refuses a window outside 1 to 30 days', () => {
    const paid = given([...requested(), ...pay(given(requested()), '2026-03-20', 100_000, 'P-1', '2026-03-20')]);
    expect(refusal(() => warn(paid, '2026-04-02'))?.code).toBe('PAYMENT_REQUEST_PAID');
    expect(refusal(() => warn(given(requested()), '2026-03-30', 0))?.code).toBe('PAYMENT_DEADLINE_WARNING_WINDOW_INVALID');
    expect(refusal(() => warn(given(requested()), '2026-03-30', 31))?.code).toBe('PAYMENT_DEADLINE_WARNING_WINDOW_INVALID');
    expect(warn(given(requested()), '2026-03-02', 30)).toMatchObject([{ type: 'PaymentDeadlineApproaching', data: { daysLeft: 30 } }]);
  });
});
