import { lateInterest } from '@app/procurement/domain/payment/late-payment';
import { addDays } from '@app/procurement/domain/terms/command-meta';
import type { ReadModels } from '../read-models.service';
import { performedBy, ReadScope } from './order-placements.queries';

/** A payment request whose deadline the buyer is to be warned of today. */
export interface PaymentDeadlineToWarn {
  request_id: string;
  contract_id: string;
  tenant: string;
  due_on: string;
}

/**
 * The requests of every tenant not paid in full whose running deadline (none while the period is interrupted)
 * falls within `windowDays` of `today` or has passed, less those already warned of that deadline for what it
 * is today: approaching (due today or later) or passed. The payments decider has the last word: a request the
 * read model has not caught up with is refused there, not warned twice.
 */
export function paymentDeadlinesToWarn(readModels: ReadModels, today: string, windowDays: number): { position: number; rows: PaymentDeadlineToWarn[] } {
  return readModels.query<PaymentDeadlineToWarn[]>(
    `SELECT request_id, contract_id, tenant, due_on FROM payment_position_requests
     WHERE due_on IS NOT NULL AND due_on <= ? AND paid_cents < amount_cents
       AND NOT (warning_due_on IS due_on AND (warning_kind = 'PASSED' OR due_on >= ?))
     ORDER BY tenant, due_on, request_id`,
    addDays(today, windowDays),
    today,
  );
}

/** The last warning given of a request's running deadline, while the request is not paid in full. */
export interface OpenPaymentDeadlineWarningRow {
  request_id: string;
  contract_id: string;
  contract_title: string | null;
  order_id: string;
  statement_id: string;
  provider_id: string;
  invoice_reference: string;
  amount_cents: number;
  paid_cents: number;
  received_on: string;
  due_on: string;
  interest_due_cents: number;
  indemnity_due_cents: number;
  warning_kind: 'APPROACHING' | 'PASSED';
  warned_on: string;
}

/**
 * A tenant's open warnings, by deadline: a warning closes when its request is paid in full, and a warning of a
 * deadline that an interruption stopped (R2192-27) is no longer about the running one.
 */
export function openPaymentDeadlineWarnings(
  readModels: ReadModels,
  scope: { tenant: string; providerId?: string; contractId?: string; kind?: 'APPROACHING' | 'PASSED' },
): { position: number; rows: OpenPaymentDeadlineWarningRow[] } {
  return readModels.query<OpenPaymentDeadlineWarningRow[]>(
    `SELECT r.request_id, r.contract_id, b.title AS contract_title, r.order_id, r.statement_id, r.provider_id, r.invoice_reference,
            r.amount_cents, r.paid_cents, r.received_on, r.due_on, r.interest_due_cents, r.indemnity_due_cents, r.warning_kind, r.warned_on
     FROM payment_position_requests r LEFT JOIN contract_budget b ON b.contract_id = r.contract_id
     WHERE r.tenant = ? AND r.warning_due_on = r.due_on AND r.paid_cents < r.amount_cents
       AND (? IS NULL OR r.provider_id = ?) AND (? IS NULL OR r.contract_id = ?) AND (? IS NULL OR r.warning_kind = ?)
     ORDER BY r.due_on, r.request_id`,
    scope.tenant,
    scope.providerId ?? null,
    scope.providerId ?? null,
    scope.contractId ?? null,
    scope.contractId ?? null,
    scope.kind ?? null,
    scope.kind ?? null,
  );
}

export interface PaymentPositionTotals {
  contract_id: string;
  committed_cents: number;
  delivered_cents: number;
  stated_cents: number;
  requested_cents: number;
  paid_cents: number;
  /** Requested, unpaid and past its deadline today. */
  overdue_cents: number;
  interest_due_cents: number;
  indemnity_due_cents: number;
  interest_accruing_cents: number;
}

export interface PaymentPositionRow extends PaymentPositionTotals {
  order_id: string;
  lot_id: string;
  dispute_adjustment_cents: number;
  advance_cents: number;
}

type RecordedOrder = Omit<PaymentPositionRow, 'overdue_cents' | 'interest_accruing_cents'>;
interface OverdueRequest {
  contract_id: string;
  order_id: string;
  unpaid_cents: number;
  due_on: string;
}

/**
 * Per order (one order, one contract or all of the tenant's; for a provider those of the lots its awardee
 * performs) and per contract over them, from ordering to payment: the figures recorded, and what is overdue on
 * `today` with the interest accruing on it (CCP R2192-31, lateInterest).
 */
export function paymentPositions(
  readModels: ReadModels,
  scope: ReadScope & { orderId: string | null },
  today: string,
): { position: number; orders: PaymentPositionRow[]; contracts: PaymentPositionTotals[] } {
  const fresh = readModels.queryAll<{ orders: RecordedOrder[]; requests: OverdueRequest[] }>({
    orders: [
      `SELECT o.contract_id, o.order_id, o.lot_id, o.committed_cents, o.delivered_cents, o.stated_cents, o.dispute_adjustment_cents, o.requested_cents,
              o.paid_cents, o.advance_cents, o.interest_due_cents, o.indemnity_due_cents
       FROM payment_position_orders o LEFT JOIN order_placements_lot_providers l ON l.contract_id = o.contract_id AND l.lot_id = o.lot_id
       WHERE o.tenant = ? AND (? IS NULL OR o.contract_id = ?) AND (? IS NULL OR o.order_id = ?) AND ${performedBy('l.member_ids')}
       ORDER BY o.contract_id, o.order_id`,
      scope.tenant, scope.contractId, scope.contractId, scope.orderId, scope.orderId, scope.providerId, scope.providerId,
    ],
    requests: [
      `SELECT contract_id, order_id, amount_cents - paid_cents AS unpaid_cents, due_on FROM payment_position_requests
       WHERE tenant = ? AND (? IS NULL OR contract_id = ?) AND due_on IS NOT NULL AND due_on < ? AND paid_cents < amount_cents`,
      scope.tenant, scope.contractId, scope.contractId, today,
    ],
  });
  const orders = fresh.orders.map((order): PaymentPositionRow => {
    const overdue = fresh.requests.filter((request) => request.contract_id === order.contract_id && request.order_id === order.order_id);
    return {
      ...order,
      overdue_cents: overdue.reduce((total, request) => total + request.unpaid_cents, 0),
      interest_accruing_cents: overdue.reduce((total, request) => total + (lateInterest(request.unpaid_cents, request.due_on, today)?.interestCents ?? 0), 0),
    };
  });
  const contracts = [...new Set(orders.map((order) => order.contract_id))].map((contractId): PaymentPositionTotals => {
    const of = orders.filter((order) => order.contract_id === contractId);
    const sum = (column: keyof PaymentPositionTotals & keyof PaymentPositionRow) => of.reduce((total, order) => total + (order[column] as number), 0);
    return {
      contract_id: contractId,
      committed_cents: sum('committed_cents'),
      delivered_cents: sum('delivered_cents'),
      stated_cents: sum('stated_cents'),
      requested_cents: sum('requested_cents'),
      paid_cents: sum('paid_cents'),
      overdue_cents: sum('overdue_cents'),
      interest_due_cents: sum('interest_due_cents'),
      indemnity_due_cents: sum('indemnity_due_cents'),
      interest_accruing_cents: sum('interest_accruing_cents'),
    };
  });
  return { position: fresh.position, orders, contracts };
}
