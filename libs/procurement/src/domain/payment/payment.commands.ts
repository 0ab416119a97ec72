import { CommandMeta } from '../terms/command-meta';
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
}

export type PaymentCommand =
  | {
      type: 'RequestPayment';
      meta: CommandMeta;
      statement: StatementFacts;
      data: { requestId: string; invoiceReference: string; amountCents: number };
    }
  | { type: 'InterruptPaymentPeriod'; meta: CommandMeta; data: { requestId: string; reason: string; missingDocuments: string[] } }
  | { type: 'SupplyMissingDocuments'; meta: CommandMeta; data: { requestId: string; documents: string[] } }
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
