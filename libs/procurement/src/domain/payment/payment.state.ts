import { AdvanceGranted, PaymentEvent, RetentionSet, StatementContested, StatementDisputeAnswered } from './payment.events';

export interface PaymentOfRequest {
  paymentId: string;
  amountCents: number;
  paidOn: string;
  late: boolean;
}

export type PaymentDeadlineWarningKind = 'APPROACHING' | 'PASSED';

/** A warning given to the buyer about one deadline of a request. */
export interface PaymentDeadlineWarning {
  kind: PaymentDeadlineWarningKind;
  dueOn: string;
  /** Days left on the day of warning (approaching), or days late (passed). */
  days: number;
  unpaidCents: number;
  warnedOn: string;
}

/** One payment request and where its clock stands. */
export interface PaymentRequestState {
  requestId: string;
  contractId: string;
  orderId: string;
  statementId: string;
  providerId: string;
  invoiceReference: string;
  amountCents: number;
  receivedOn: string;
  /** The deadline running; null while the period is interrupted. */
  dueOn: string | null;
  interruption?: { interruptedOn: string; reason: string; missingDocuments: string[]; daysLeft: number; documentsReceivedOn?: string };
  payments: PaymentOfRequest[];
  paidCents: number;
  /** Interest owed on the parts paid late, and the indemnity once owed. */
  interestDueCents: number;
  indemnityDueCents: number;
  /** The warnings the buyer was given of its deadlines. */
  warnings: PaymentDeadlineWarning[];
}

export type Dispute = StatementContested['data'] & { answer?: StatementDisputeAnswered['data'] };

/** The payments of one contract: its requests, the invoice references used, the disputes of its statements. */
export interface PaymentsState {
  requests: Record<string, PaymentRequestState>;
  /** Invoice reference → request id. */
  invoiceReferences: Record<string, string>;
  /** Statement id → cents requested on it. */
  requestedByStatement: Record<string, number>;
  disputes: Record<string, Dispute>;
  /** Statement id → its dispute. */
  disputeOfStatement: Record<string, string>;
  /** Order id → its advance. */
  advances: Record<string, AdvanceGranted['data']>;
  retention?: RetentionSet['data'] & { releasedOn?: string };
  /** Statement id → cents retained on it. */
  retainedByStatement: Record<string, number>;
}

export const initialPaymentsState = (): PaymentsState => ({
  requests: {},
  invoiceReferences: {},
  requestedByStatement: {},
  disputes: {},
  disputeOfStatement: {},
  advances: {},
  retainedByStatement: {},
});

/** What the answers to a statement's dispute add to it (0 while unanswered or without dispute). */
export function disputeAdjustmentOf(state: PaymentsState, statementId: string): number {
  const disputeId = state.disputeOfStatement[statementId];
  return disputeId ? (state.disputes[disputeId].answer?.adjustmentCents ?? 0) : 0;
}

function withRequest(state: PaymentsState, requestId: string, change: (request: PaymentRequestState) => PaymentRequestState): PaymentsState {
  const request = state.requests[requestId];
  return request ? { ...state, requests: { ...state.requests, [requestId]: change(request) } } : state;
}

export function evolvePayments(state: PaymentsState, event: PaymentEvent): PaymentsState {
  switch (event.type) {
    case 'AdvanceGranted':
      return { ...state, advances: { ...state.advances, [event.data.orderId]: event.data } };
    case 'RetentionSet':
      return { ...state, retention: event.data };
    case 'RetentionReleased':
      return state.retention ? { ...state, retention: { ...state.retention, releasedOn: event.data.releasedOn } } : state;
    case 'PaymentRequested': {
      const { requestId, contractId, orderId, statementId, providerId, invoiceReference, amountCents, receivedOn, dueOn } = event.data;
      return {
        ...state,
        requests: {
          ...state.requests,
          [requestId]: {
            requestId, contractId, orderId, statementId, providerId, invoiceReference, amountCents, receivedOn, dueOn,
            payments: [], paidCents: 0, interestDueCents: 0, indemnityDueCents: 0, warnings: [],
          },
        },
        invoiceReferences: { ...state.invoiceReferences, [invoiceReference]: requestId },
        requestedByStatement: { ...state.requestedByStatement, [statementId]: (state.requestedByStatement[statementId] ?? 0) + amountCents },
        ...(event.data.payable.retentionCents ? { retainedByStatement: { ...state.retainedByStatement, [statementId]: event.data.payable.retentionCents } } : {}),
      };
    }
    case 'PaymentPeriodInterrupted': {
      const { interruptedOn, reason, missingDocuments, daysLeft } = event.data;
      return withRequest(state, event.data.requestId, (request) => ({ ...request, dueOn: null, interruption: { interruptedOn, reason, missingDocuments, daysLeft } }));
    }
    case 'MissingDocumentsReceived':
      return withRequest(state, event.data.requestId, (request) => ({
        ...request,
        dueOn: event.data.dueOn,
        ...(request.interruption ? { interruption: { ...request.interruption, documentsReceivedOn: event.data.receivedOn } } : {}),
      }));
    case 'PaymentRecorded': {
      const { paymentId, amountCents, paidOn, late } = event.data;
      return withRequest(state, event.data.requestId, (request) => ({
        ...request,
        payments: [...request.payments, { paymentId, amountCents, paidOn, late }],
        paidCents: request.paidCents + amountCents,
      }));
    }
    case 'LatePaymentCompensationDue':
      return withRequest(state, event.data.requestId, (request) => ({
        ...request,
        interestDueCents: request.interestDueCents + event.data.interest.interestCents,
        indemnityDueCents: request.indemnityDueCents + event.data.indemnityCents,
      }));
    case 'PaymentDeadlineApproaching':
    case 'PaymentDeadlinePassed': {
      const { dueOn, unpaidCents, warnedOn } = event.data;
      const warning: PaymentDeadlineWarning =
        event.type === 'PaymentDeadlineApproaching'
          ? { kind: 'APPROACHING', dueOn, days: event.data.daysLeft, unpaidCents, warnedOn }
          : { kind: 'PASSED', dueOn, days: event.data.daysLate, unpaidCents, warnedOn };
      return withRequest(state, event.data.requestId, (request) => ({ ...request, warnings: [...request.warnings, warning] }));
    }
    case 'StatementContested':
      return {
        ...state,
        disputes: { ...state.disputes, [event.data.disputeId]: event.data },
        disputeOfStatement: { ...state.disputeOfStatement, [event.data.statementId]: event.data.disputeId },
      };
    case 'StatementDisputeAnswered': {
      const dispute = state.disputes[event.data.disputeId];
      return dispute ? { ...state, disputes: { ...state.disputes, [event.data.disputeId]: { ...dispute, answer: event.data } } } : state;
    }
  }
}
