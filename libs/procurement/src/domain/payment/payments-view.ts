import { dayOf, daysBetween } from '../terms/command-meta';
import { lateInterest } from './late-payment';
import { AdvanceGranted } from './payment.events';
import { Dispute, PaymentRequestState, PaymentsState } from './payment.state';
import { RECOVERY_INDEMNITY_CENTS } from '../legal/payment-parameters';

export interface PaymentRequestView extends PaymentRequestState {
  unpaidCents: number;
  /** Past its deadline and not paid in full on the day of the view. */
  overdue: boolean;
  daysOverdue: number;
  /** What the unpaid part has accrued in interest to the day of the view, and the indemnity it will owe, if not yet owed. */
  accruing: { interestCents: number; indemnityCents: number } | null;
}

export interface PaymentsView {
  contractId: string;
  on: string;
  requests: PaymentRequestView[];
  disputes: Dispute[];
  advances: Array<AdvanceGranted['data']>;
  /** The retention the contract keeps, and what was retained so far. */
  retention: (NonNullable<PaymentsState['retention']> & { retainedCents: number }) | null;
  totals: { requestedCents: number; paidCents: number; overdueCents: number; interestDueCents: number; indemnityDueCents: number; interestAccruingCents: number };
}

/** The payments of a contract as of a day, seen by the buyer (all of them) or by one provider (its own). */
export function paymentsView(contractId: string, state: PaymentsState, at: string, providerId?: string): PaymentsView {
  const on = dayOf(at);
  const mine = <T extends { providerId: string }>(item: T) => providerId === undefined || item.providerId === providerId;
  const requests = Object.values(state.requests).filter(mine).map((request): PaymentRequestView => {
    const unpaidCents = request.amountCents - request.paidCents;
    const daysOverdue = request.dueOn && unpaidCents > 0 ? Math.max(0, daysBetween(request.dueOn, on)) : 0;
    const accrued = daysOverdue > 0 ? lateInterest(unpaidCents, request.dueOn!, on) : undefined;
    return {
      ...request,
      unpaidCents,
      overdue: daysOverdue > 0,
      daysOverdue,
      accruing: accrued ? { interestCents: accrued.interestCents, indemnityCents: request.indemnityDueCents > 0 ? 0 : RECOVERY_INDEMNITY_CENTS } : null,
    };
  });
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  return {
    contractId,
    on,
    requests,
    disputes: Object.values(state.disputes).filter(mine),
    advances: Object.values(state.advances).filter((advance) => providerId === undefined || advance.providerIds.includes(providerId)),
    retention: state.retention
      ? { ...state.retention, retainedCents: sum(Object.entries(state.retainedByStatement).filter(([statementId]) => requests.some((request) => request.statementId === statementId)).map(([, cents]) => cents)) }
      : null,
    totals: {
      requestedCents: sum(requests.map((request) => request.amountCents)),
      paidCents: sum(requests.map((request) => request.paidCents)),
      overdueCents: sum(requests.filter((request) => request.overdue).map((request) => request.unpaidCents)),
      interestDueCents: sum(requests.map((request) => request.interestDueCents)),
      indemnityDueCents: sum(requests.map((request) => request.indemnityDueCents)),
      interestAccruingCents: sum(requests.map((request) => request.accruing?.interestCents ?? 0)),
    },
  };
}
