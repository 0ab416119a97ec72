import { CommandMeta } from '../terms/command-meta';
import { BuyerCategory } from '../legal/payment-parameters';
import { DisputeOutcome } from './payment.events';

/**
 * The statement a command concerns, as the delivery stream of its order recorded it, with the providers
 * performing the order's lot: the decider stays pure and gets these facts with the command.
 */
export interface StatementFacts {
  contractId: string;
  orderId: string;
  statementId: string;
  providerIds: string[];
  totalCents: number;
  /** What the order's earlier statements stated: the service executed before this one (for the advance's repayment). */
  statedBeforeCents: number;
}

/** An order as the contract holds it, for its advance (CCP R2191-3: one per purchase order of a framework agreement). */
export interface OrderFacts {
  contractId: string;
  orderId: string;
  providerIds: string[];
  /** What the order commits at its unit prices, excl. VAT. */
  amountExclVatCents: number;
  periodStart: string;
  periodEnd: string;
  /** The day the contract's rates are read on: its first day. */
  ratesOn: string;
}

export type PaymentCommand =
  | {
      type: 'GrantAdvance';
      meta: CommandMeta;
      order: OrderFacts;
      data: { buyerCategory: BuyerCategory; providerIsSme: boolean; ratePercent: number; vatRatePercent: number };
    }
  | { type: 'SetRetention'; meta: CommandMeta; data: { contractId: string; retentionPercent: number; releaseOn: string } }
  | { type: 'ReleaseRetention'; meta: CommandMeta }
  | {
      type: 'RequestPayment';
      meta: CommandMeta;
      statement: StatementFacts;
      data: { requestId: string; invoiceReference: string; amountCents: number };
    }
  | { type: 'InterruptPaymentPeriod'; meta: CommandMeta; data: { requestId: string; reason: string; missingDocuments: string[] } }
  | { type: 'SupplyMissingDocuments'; meta: CommandMeta; data: { requestId: string; documents: string[] } }
  /** The worker warns the buyer of a deadline within windowDays (the setting PAYMENT_DEADLINE_WARNING_DAYS), or passed. */
  | { type: 'WarnOfPaymentDeadline'; meta: CommandMeta; data: { requestId: string; windowDays: number } }
  | { type: 'RecordPayment'; meta: CommandMeta; data: { requestId: string; paymentId: string; amountCents: number; paidOn: string } }
  | {
      type: 'ContestStatement';
      meta: CommandMeta;
      statement: StatementFacts;
      data: { disputeId: string; reasons: string; claimedTotalCents: number };
    }
  | {
      type: 'AnswerStatementDispute';
      meta: CommandMeta;
      data: { disputeId: string; outcome: DisputeOutcome; answer: string; agreedTotalCents?: number };
    };

/** What the statements of an order issued before one of them stated: the service executed before it. */
export function statedBefore(statements: ReadonlyArray<{ statementId: string; totalCents: number }>, statementId: string): number {
  const index = statements.findIndex((statement) => statement.statementId === statementId);
  return statements.slice(0, Math.max(index, 0)).reduce((total, statement) => total + statement.totalCents, 0);
}

/** An order's facts for its advance, from the contract as it stands: its amount at the prices in force. */
export function orderFactsOf(
  contract: { contractId: string; startDate: string },
  terms: { orderId: string; providerIds: string[]; periodStart: string; periodEnd: string; workUnits: Partial<Record<string, { orderedQuantity: number; unitPriceCents: number }>> },
): OrderFacts {
  const amountExclVatCents = Object.values(terms.workUnits).reduce((total, unit) => total + (unit ? unit.orderedQuantity * unit.unitPriceCents : 0), 0);
  return {
    contractId: contract.contractId,
    orderId: terms.orderId,
    providerIds: terms.providerIds,
    amountExclVatCents,
    periodStart: terms.periodStart,
    periodEnd: terms.periodEnd,
    ratesOn: contract.startDate,
  };
}
