import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type { ServiceStatementIssued } from '@app/procurement/domain/delivery/delivery.events';
import type { OrderIssued, OrderModuleAdded, OrderQuantityAdjusted } from '@app/procurement/domain/order/order.events';
import type {
  AdvanceGranted,
  LatePaymentCompensationDue,
  MissingDocumentsReceived,
  PaymentDeadlineApproaching,
  PaymentDeadlinePassed,
  PaymentPeriodInterrupted,
  PaymentRecorded,
  PaymentRequested,
  StatementDisputeAnswered,
} from '@app/procurement/domain/payment/payment.events';
import { contractIdOf, dataOf, DomainEventType, Projection } from '../projection';
import { prepared } from '../sqlite/prepared';

/**
 * Where each order stands between ordering and being paid: committed (the order's value, its adjustments
 * included), delivered (stated, plus what was delivered beyond the order, valued), stated, requested, paid, and
 * the late-payment interest and indemnity owed. Each payment request keeps its running deadline, so that what
 * is overdue on a day, and the deadlines coming, are read from it (the day is the reader's, not the log's),
 * with the last warning the buyer was given of a deadline (the worker's check and the buyer's inbox read it).
 */
export const paymentPositionProjection: Projection = {
  name: 'payment_position',
  version: 2,
  schema: `
    CREATE TABLE payment_position_orders (
      contract_id TEXT NOT NULL,
      order_id TEXT NOT NULL,
      tenant TEXT NOT NULL,
      lot_id TEXT NOT NULL,
      committed_cents INTEGER NOT NULL DEFAULT 0,
      delivered_cents INTEGER NOT NULL DEFAULT 0,
      stated_cents INTEGER NOT NULL DEFAULT 0,
      dispute_adjustment_cents INTEGER NOT NULL DEFAULT 0,
      requested_cents INTEGER NOT NULL DEFAULT 0,
      paid_cents INTEGER NOT NULL DEFAULT 0,
      advance_cents INTEGER NOT NULL DEFAULT 0,
      interest_due_cents INTEGER NOT NULL DEFAULT 0,
      indemnity_due_cents INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (contract_id, order_id)
    );
    CREATE INDEX payment_position_orders_tenant ON payment_position_orders (tenant, contract_id);
    CREATE TABLE payment_position_requests (
      request_id TEXT PRIMARY KEY,
      contract_id TEXT NOT NULL,
      order_id TEXT NOT NULL,
      statement_id TEXT NOT NULL,
      tenant TEXT NOT NULL,
      provider_id TEXT NOT NULL,
      invoice_reference TEXT NOT NULL,
      amount_cents INTEGER NOT NULL,
      paid_cents INTEGER NOT NULL DEFAULT 0,
      received_on TEXT NOT NULL,
      due_on TEXT,
      -- What its late payments owed (R2192-31, D2192-35): the indemnity once per request.
      interest_due_cents INTEGER NOT NULL DEFAULT 0,
      indemnity_due_cents INTEGER NOT NULL DEFAULT 0,
      -- The last warning of a deadline: APPROACHING or PASSED, the deadline it was about, and its day.
      warning_kind TEXT,
      warning_due_on TEXT,
      warned_on TEXT
    );
    CREATE INDEX payment_position_requests_due ON payment_position_requests (tenant, due_on);`,
  handles: new Set<DomainEventType>([
    'OrderIssued',
    'OrderQuantityAdjusted',
    'OrderModuleAdded',
    'ServiceStatementIssued',
    'StatementDisputeAnswered',
    'AdvanceGranted',
    'PaymentRequested',
    'PaymentPeriodInterrupted',
    'MissingDocumentsReceived',
    'PaymentRecorded',
    'LatePaymentCompensationDue',
    'PaymentDeadlineApproaching',
    'PaymentDeadlinePassed',
  ]),
  apply(db: Database.Database, event: RecordedEvent): void {
    const contractId = contractIdOf(event);
    const add = (orderId: string, column: string, cents: number) =>
      prepared(db, `UPDATE payment_position_orders SET ${column} = ${column} + ? WHERE contract_id = ? AND order_id = ?`).run(cents, contractId, orderId);
    switch (event.type) {
      case 'OrderIssued': {
        const { orderId, lotId, valueCents } = dataOf<OrderIssued>(event);
        prepared(db, 'INSERT INTO payment_position_orders (contract_id, order_id, tenant, lot_id, committed_cents) VALUES (?, ?, ?, ?, ?)').run(
          contractId,
          orderId,
          event.metadata.tenant,
          lotId,
          valueCents,
        );
        return;
      }
      case 'OrderQuantityAdjusted':
      case 'OrderModuleAdded': {
        const { orderId, valueDeltaCents } = dataOf<OrderQuantityAdjusted | OrderModuleAdded>(event);
        add(orderId, 'committed_cents', valueDeltaCents);
        return;
      }
      case 'ServiceStatementIssued': {
        const { orderId, totalCents, units } = dataOf<ServiceStatementIssued>(event);
        const beyond = (units ?? []).reduce((total, unit) => total + unit.beyondOrderValueCents, 0);
        add(orderId, 'stated_cents', totalCents);
        add(orderId, 'delivered_cents', totalCents + beyond);
        return;
      }
      case 'StatementDisputeAnswered': {
        const { orderId, adjustmentCents } = dataOf<StatementDisputeAnswered>(event);
        add(orderId, 'dispute_adjustment_cents', adjustmentCents);
        return;
      }
      case 'AdvanceGranted': {
        const { orderId, computation } = dataOf<AdvanceGranted>(event);
        add(orderId, 'advance_cents', computation.amountCents);
        return;
      }
      case 'PaymentRequested': {
        const { requestId, orderId, statementId, providerId, invoiceReference, amountCents, receivedOn, dueOn } = dataOf<PaymentRequested>(event);
        add(orderId, 'requested_cents', amountCents);
        prepared(
          db,
          `INSERT INTO payment_position_requests (request_id, contract_id, order_id, statement_id, tenant, provider_id, invoice_reference, amount_cents, received_on, due_on)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(requestId, contractId, orderId, statementId, event.metadata.tenant, providerId, invoiceReference, amountCents, receivedOn, dueOn);
        return;
      }
      case 'PaymentPeriodInterrupted': {
        // The clock is stopped: no deadline runs until the documents are received.
        prepared(db, 'UPDATE payment_position_requests SET due_on = NULL WHERE request_id = ?').run(dataOf<PaymentPeriodInterrupted>(event).requestId);
        return;
      }
      case 'MissingDocumentsReceived': {
        const { requestId, dueOn } = dataOf<MissingDocumentsReceived>(event);
        prepared(db, 'UPDATE payment_position_requests SET due_on = ? WHERE request_id = ?').run(dueOn, requestId);
        return;
      }
      case 'PaymentRecorded': {
        const { requestId, orderId, amountCents } = dataOf<PaymentRecorded>(event);
        add(orderId, 'paid_cents', amountCents);
        prepared(db, 'UPDATE payment_position_requests SET paid_cents = paid_cents + ? WHERE request_id = ?').run(amountCents, requestId);
        return;
      }
      case 'LatePaymentCompensationDue': {
        const { orderId, requestId, interest, indemnityCents } = dataOf<LatePaymentCompensationDue>(event);
        add(orderId, 'interest_due_cents', interest.interestCents);
        add(orderId, 'indemnity_due_cents', indemnityCents);
        prepared(db, 'UPDATE payment_position_requests SET interest_due_cents = interest_due_cents + ?, indemnity_due_cents = indemnity_due_cents + ? WHERE request_id = ?').run(
          interest.interestCents,
          indemnityCents,
          requestId,
        );
        return;
      }
      case 'PaymentDeadlineApproaching':
      case 'PaymentDeadlinePassed': {
        const { requestId, dueOn, warnedOn } = dataOf<PaymentDeadlineApproaching | PaymentDeadlinePassed>(event);
        const kind = event.type === 'PaymentDeadlinePassed' ? 'PASSED' : 'APPROACHING';
        prepared(db, 'UPDATE payment_position_requests SET warning_kind = ?, warning_due_on = ?, warned_on = ? WHERE request_id = ?').run(kind, dueOn, warnedOn, requestId);
        return;
      }
    }
  },
};
