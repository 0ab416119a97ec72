import { AdvanceComputation } from './advance';
import { LatePaymentInterest } from './late-payment';

/**
 * Paying the service stated: the provider's payment requests (invoices) for service statements, the legal
 * payment clock each one starts, its interruption for missing documents, the payments the buyer records, the
 * late-payment interest and indemnity owed by right, and the provider's disputes of a statement with the
 * buyer's answers. One stream per contract per tenant (paymentsStream), apart from the contract's stream.
 * Every event names its contract and order so that a projection reading the global log needs no other stream.
 */
interface OfStatement {
  contractId: string;
  orderId: string;
  statementId: string;
}

/** What a payment request may ask for on a statement, as computed when it was received. */
export interface PayableFigures {
  /** The statement's total (état de service fait). */
  statementTotalCents: number;
  /** What the answers to the provider's disputes of the statement added (or took off). */
  disputeAdjustmentCents: number;
  /** CCP R2191-11: the part of the order's advance this statement repays (absent in requests recorded before advances). */
  advanceRepaymentCents?: number;
  /** CCP R2191-32: the retention kept on this statement (absent in requests recorded before retentions). */
  retentionCents?: number;
  /** Requested by earlier payment requests on the statement. */
  requestedBeforeCents: number;
  /** statement + adjustments − repayment − retention − requested before: the most this request may ask. */
  payableCents: number;
}

/**
 * The provider's payment request (demande de paiement: its invoice) for a statement. Its receipt starts the
 * payment period (CCP R2192-12): received the day it reached the buyer through the platform.
 */
export type PaymentRequested = {
  type: 'PaymentRequested';
  data: OfStatement & {
    requestId: string;
    providerId: string;
    invoiceReference: string;
    amountCents: number;
    receivedOn: string;
    payable: PayableFigures;
    /** CCP R2192-10: the period of a pouvoir adjudicateur. */
    periodDays: number;
    /** The last day to pay without interest. */
    dueOn: string;
  };
};

/**
 * CCP R2192-27/-28: the buyer interrupted the payment period, once, because the request lacked documents or
 * mentions the law or the contract require (or they were wrong); the notification names the reasons and the
 * documents to supply. daysLeft: the balance of the period left on the day of interruption.
 */
export type PaymentPeriodInterrupted = {
  type: 'PaymentPeriodInterrupted';
  data: OfStatement & { requestId: string; interruptedOn: string; reason: string; missingDocuments: string[]; daysLeft: number };
};

/** CCP R2192-29: the documents asked for were received; a new period opens (30 days, or the balance if longer). */
export type MissingDocumentsReceived = {
  type: 'MissingDocumentsReceived';
  data: OfStatement & { requestId: string; receivedOn: string; documents: string[]; periodDays: number; dueOn: string };
};

/** The buyer paid (mise en paiement) all or part of a request, on the day given. */
export type PaymentRecorded = {
  type: 'PaymentRecorded';
  data: OfStatement & { requestId: string; paymentId: string; amountCents: number; paidOn: string; dueOn: string; late: boolean };
};

/**
 * The worker's warning to the buyer that a request not paid in full reaches its deadline (CCP R2192-10: the
 * last day to pay without interest) within the warning window the platform sets (windowDays, recorded so the
 * warning can be decided again): daysLeft 0 on the due day. Once per request and deadline; a new period opened
 * after an interruption (R2192-29) has a deadline of its own.
 */
export type PaymentDeadlineApproaching = {
  type: 'PaymentDeadlineApproaching';
  data: OfStatement & { requestId: string; dueOn: string; daysLeft: number; windowDays: number; unpaidCents: number; warnedOn: string };
};

/**
 * The deadline of a request passed without it being paid in full: from the day after, interest runs by right
 * (CCP L2192-13, R2192-31) on what is unpaid. Once per request and deadline.
 */
export type PaymentDeadlinePassed = {
  type: 'PaymentDeadlinePassed';
  data: OfStatement & { requestId: string; dueOn: string; daysLate: number; windowDays: number; unpaidCents: number; warnedOn: string };
};

/**
 * Owed by right, without the provider asking, when a payment came after its deadline (CCP L2192-13): the
 * interest computed (R2192-31) and, once per request, the flat indemnity for recovery costs (D2192-35), to be
 * paid within 45 days of the principal (R2192-36).
 */
export type LatePaymentCompensationDue = {
  type: 'LatePaymentCompensationDue';
  data: OfStatement & {
    requestId: string;
    paymentId: string;
    providerId: string;
    interest: LatePaymentInterest;
    /** 0 when the indemnity was already owed on an earlier late payment of the same request. */
    indemnityCents: number;
    totalCents: number;
    payableBy: string;
  };
};

/** The provider contests a statement: why, and the total it claims instead. */
export type StatementContested = {
  type: 'StatementContested';
  data: OfStatement & {
    disputeId: string;
    providerId: string;
    reasons: string;
    statedTotalCents: number;
    claimedTotalCents: number;
    /** claimed − stated. */
    differenceCents: number;
    contestedOn: string;
  };
};

export const DISPUTE_OUTCOMES = ['ACCEPTED', 'PARTIALLY_ACCEPTED', 'REJECTED'] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

/** The buyer's answer to a dispute: the total agreed, and what it adds to (or takes off) the statement. */
export type StatementDisputeAnswered = {
  type: 'StatementDisputeAnswered';
  data: OfStatement & {
    disputeId: string;
    outcome: DisputeOutcome;
    answer: string;
    statedTotalCents: number;
    claimedTotalCents: number;
    agreedTotalCents: number;
    /** agreed − stated: payable on top of the statement. */
    adjustmentCents: number;
    answeredOn: string;
  };
};

/** CCP R2191-3 and R2191-7: the advance of an order, computed from its amount, term, buyer and holder. */
export type AdvanceGranted = {
  type: 'AdvanceGranted';
  data: { contractId: string; orderId: string; providerIds: string[]; computation: AdvanceComputation; grantedOn: string };
};

/** CCP R2191-32: the contract keeps a retention on each payment, released at the term of the guarantee. */
export type RetentionSet = {
  type: 'RetentionSet';
  data: { contractId: string; retentionPercent: number; maximumPercent: number; releaseOn: string; setOn: string };
};

/** CCP R2191-35: what was retained is paid back at the term of the guarantee. */
export type RetentionReleased = {
  type: 'RetentionReleased';
  data: { contractId: string; releasedOn: string; amountCents: number; byStatement: Record<string, number> };
};

export type PaymentEvent =
  | AdvanceGranted
  | RetentionSet
  | RetentionReleased
  | PaymentRequested
  | PaymentPeriodInterrupted
  | MissingDocumentsReceived
  | PaymentRecorded
  | LatePaymentCompensationDue
  | PaymentDeadlineApproaching
  | PaymentDeadlinePassed
  | StatementContested
  | StatementDisputeAnswered;
