import { addDays } from '@app/procurement/domain/terms/command-meta';
import type { ReadModels } from '../read-models.service';

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
