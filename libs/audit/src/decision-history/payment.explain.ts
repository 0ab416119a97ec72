import { PaymentEvent, RULES } from '@app/procurement';
import { FacetExplain, money, words } from './facet-explain';

export const PAYMENT_EXPLAIN: FacetExplain<PaymentEvent> = {
  AdvanceGranted: (event) => {
    const c = event.data.computation;
    return [
      `Advance of ${money(c.amountCents)} granted on order ${event.data.orderId}: ${c.ratePercent} % of ${money(c.baseCents)}${c.eligibility.mandatory ? ' (mandatory)' : ' (optional)'}`,
      { article: 'CCP R2191-3 (mandatory above 50,000 € excl. VAT and two months), R2191-7 (rates)', figures: { ...c } },
    ];
  },
  RetentionSet: (event) => [`Retention of ${event.data.retentionPercent} % kept on each payment, released from ${event.data.releaseOn}`, { article: RULES.RETENTION_ABOVE_MAXIMUM, figures: { ...event.data } }],
  RetentionReleased: (event) => [`Retention of ${money(event.data.amountCents)} released on ${event.data.releasedOn}`, { article: RULES.RETENTION_NOT_DUE, figures: { byStatement: event.data.byStatement } }],
  PaymentRequested: (event) => {
    const d = event.data;
    return [
      `Payment of ${money(d.amountCents)} requested by invoice ${d.invoiceReference} for statement ${d.statementId} of order ${d.orderId}, received on ${d.receivedOn}: due by ${d.dueOn}`,
      { article: 'CCP R2192-10 and R2192-12: 30 days from the receipt of the payment request', figures: { ...d.payable, periodDays: d.periodDays } },
    ];
  },
  PaymentPeriodInterrupted: (event) => {
    const d = event.data;
    return [
      `Payment period of request ${d.requestId} interrupted on ${d.interruptedOn} with ${d.daysLeft} days left, until ${d.missingDocuments.join(', ')} are supplied`,
      { article: RULES.PAYMENT_PERIOD_ALREADY_INTERRUPTED, reason: d.reason, figures: { daysLeft: d.daysLeft } },
    ];
  },
  MissingDocumentsReceived: (event) => {
    const d = event.data;
    return [
      `Documents asked for request ${d.requestId} received on ${d.receivedOn}: a new period of ${d.periodDays} days runs to ${d.dueOn}`,
      { article: 'CCP R2192-29: a new period of 30 days, or the balance left at the interruption when longer', figures: { periodDays: d.periodDays } },
    ];
  },
  PaymentRecorded: (event) => {
    const d = event.data;
    return [`${money(d.amountCents)} paid on ${d.paidOn} on request ${d.requestId}, due by ${d.dueOn}${d.late ? ': late' : ''}`, {}];
  },
  LatePaymentCompensationDue: (event) => {
    const d = event.data;
    return [
      `Late payment of request ${d.requestId}: ${d.interest.daysLate} days late, interest ${money(d.interest.interestCents)} and indemnity ${money(d.indemnityCents)} owed by ${d.payableBy}`,
      {
        article: 'CCP L2192-13, R2192-31 (ECB main refinancing rate + 8 points), D2192-35 (40 € flat indemnity), R2192-36 (paid within 45 days)',
        figures: { interest: d.interest, indemnityCents: d.indemnityCents },
      },
    ];
  },
  PaymentDeadlineApproaching: (event) => {
    const d = event.data;
    return [
      `Buyer warned on ${d.warnedOn} that request ${d.requestId} is due by ${d.dueOn}, ${d.daysLeft === 0 ? 'today' : `in ${d.daysLeft} day${d.daysLeft === 1 ? '' : 's'}`}, with ${money(d.unpaidCents)} unpaid`,
      { article: RULES.PAYMENT_DEADLINE_NOT_NEAR, figures: { dueOn: d.dueOn, daysLeft: d.daysLeft, windowDays: d.windowDays, unpaidCents: d.unpaidCents } },
    ];
  },
  PaymentDeadlinePassed: (event) => {
    const d = event.data;
    return [
      `Buyer warned on ${d.warnedOn} that the deadline ${d.dueOn} of request ${d.requestId} passed ${d.daysLate} day${d.daysLate === 1 ? '' : 's'} ago with ${money(d.unpaidCents)} unpaid: interest runs by right`,
      { article: 'CCP L2192-13 and R2192-31: interest runs from the day after the deadline', figures: { dueOn: d.dueOn, daysLate: d.daysLate, unpaidCents: d.unpaidCents } },
    ];
  },
  StatementContested: (event) => {
    const d = event.data;
    return [
      `Statement ${d.statementId} of order ${d.orderId} contested by ${d.providerId}: ${money(d.claimedTotalCents)} claimed instead of ${money(d.statedTotalCents)}`,
      { reason: d.reasons, figures: { statedTotalCents: d.statedTotalCents, claimedTotalCents: d.claimedTotalCents, differenceCents: d.differenceCents } },
    ];
  },
  StatementDisputeAnswered: (event) => {
    const d = event.data;
    return [
      `Dispute of statement ${d.statementId} ${words(d.outcome)}: ${money(d.agreedTotalCents)} agreed`,
      { reason: d.answer, figures: { statedTotalCents: d.statedTotalCents, claimedTotalCents: d.claimedTotalCents, agreedTotalCents: d.agreedTotalCents, adjustmentCents: d.adjustmentCents } },
    ];
  },
};
