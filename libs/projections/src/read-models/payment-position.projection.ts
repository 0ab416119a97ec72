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
import { buffered } from '../sqlite/buffered-table';
import { column, readModelTable, RowOf } from './read-model-table';

const PAYMENT_POSITION_ORDERS = readModelTable(
  'payment_position_orders',
  {
    contract_id: column.text(),
    order_id: column.text(),
    tenant: column.text(),
    lot_id: column.text(),
    committed_cents: column.count(),
    delivered_cents: column.count(),
    stated_cents: column.count(),
    dispute_adjustment_cents: column.count(),
    requested_cents: column.count(),
    paid_cents: column.count(),
    advance_cents: column.count(),
    interest_due_cents: column.count(),
    indemnity_due_cents: column.count(),
  },
  { key: ['contract_id', 'order_id'] },
);

/** An order's row of the payment_position_orders table. */
type StoredPaymentPositionOrder = RowOf<typeof PAYMENT_POSITION_ORDERS>;

const PAYMENT_POSITION_REQUESTS = readModelTable(
  'payment_position_requests',
  {
    request_id: column.textKey(),
    contract_id: column.text(),
    order_id: column.text(),
    statement_id: column.text(),
    tenant: column.text(),
    provider_id: column.text(),
    invoice_reference: column.text(),
    amount_cents: column.integer(),
    paid_cents: column.count(),
    received_on: column.text(),
    due_on: column.textOrNull(),
    // What its late payments owed (R2192-31, D2192-35): the indemnity once per request.
    interest_due_cents: column.count(),
    indemnity_due_cents: column.count(),
    // The last warning of a deadline: APPROACHING or PASSED, the deadline it was about, and its day.
    warning_kind: column.textOrNull<'APPROACHING' | 'PASSED'>(),
    warning_due_on: column.textOrNull(),
    warned_on: column.textOrNull(),
  },
  { key: ['request_id'] },
);

/** A payment request's row of the payment_position_requests table. */
type StoredPaymentPositionRequest = RowOf<typeof PAYMENT_POSITION_REQUESTS>;

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
    ${PAYMENT_POSITION_ORDERS.createTable}
    CREATE INDEX payment_position_orders_tenant ON payment_position_orders (tenant, contract_id);
    ${PAYMENT_POSITION_REQUESTS.createTable}
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
    const orders = buffered(db, PAYMENT_POSITION_ORDERS);
    const requests = buffered(db, PAYMENT_POSITION_REQUESTS);
    // An order or request not in the table is left alone, as an UPDATE of no row would.
    const changeOrder = (orderId: string, changeRow: (order: StoredPaymentPositionOrder) => void) => {
      const order = orders.get(contractId, orderId);
      if (!order) return;
      changeRow(order);
      orders.save(order);
    };
    const changeRequest = (requestId: string, changeRow: (request: StoredPaymentPositionRequest) => void) => {
      const request = requests.get(requestId);
      if (!request) return;
      changeRow(request);
      requests.save(request);
    };
    switch (event.type) {
      case 'OrderIssued': {
        const { orderId, lotId, valueCents } = dataOf<OrderIssued>(event);
        orders.insert({
          contract_id: contractId,
          order_id: orderId,
          tenant: event.metadata.tenant,
          lot_id: lotId,
          committed_cents: valueCents,
          delivered_cents: 0,
          stated_cents: 0,
          dispute_adjustment_cents: 0,
          requested_cents: 0,
          paid_cents: 0,
          advance_cents: 0,
          interest_due_cents: 0,
          indemnity_due_cents: 0,
        });
        return;
      }
      case 'OrderQuantityAdjusted':
      case 'OrderModuleAdded': {
        const { orderId, valueDeltaCents } = dataOf<OrderQuantityAdjusted | OrderModuleAdded>(event);
        changeOrder(orderId, (order) => (order.committed_cents += valueDeltaCents));
        return;
      }
      case 'ServiceStatementIssued': {
        const { orderId, totalCents, units } = dataOf<ServiceStatementIssued>(event);
        const beyond = (units ?? []).reduce((total, unit) => total + unit.beyondOrderValueCents, 0);
        changeOrder(orderId, (order) => {
          order.stated_cents += totalCents;
          order.delivered_cents += totalCents + beyond;
        });
        return;
      }
      case 'StatementDisputeAnswered': {
        const { orderId, adjustmentCents } = dataOf<StatementDisputeAnswered>(event);
        changeOrder(orderId, (order) => (order.dispute_adjustment_cents += adjustmentCents));
        return;
      }
      case 'AdvanceGranted': {
        const { orderId, computation } = dataOf<AdvanceGranted>(event);
        changeOrder(orderId, (order) => (order.advance_cents += computation.amountCents));
        return;
      }
      case 'PaymentRequested': {
        const { requestId, orderId, statementId, providerId, invoiceReference, amountCents, receivedOn, dueOn } = dataOf<PaymentRequested>(event);
        changeOrder(orderId, (order) => (order.requested_cents += amountCents));
        requests.insert({
          request_id: requestId,
          contract_id: contractId,
          order_id: orderId,
          statement_id: statementId,
          tenant: event.metadata.tenant,
          provider_id: providerId,
          invoice_reference: invoiceReference,
          amount_cents: amountCents,
          paid_cents: 0,
          received_on: receivedOn,
          due_on: dueOn,
          interest_due_cents: 0,
          indemnity_due_cents: 0,
          warning_kind: null,
          warning_due_on: null,
          warned_on: null,
        });
        return;
      }
      case 'PaymentPeriodInterrupted': {
        // The clock is stopped: no deadline runs until the documents are received.
        changeRequest(dataOf<PaymentPeriodInterrupted>(event).requestId, (request) => (request.due_on = null));
        return;
      }
      case 'MissingDocumentsReceived': {
        const { requestId, dueOn } = dataOf<MissingDocumentsReceived>(event);
        changeRequest(requestId, (request) => (request.due_on = dueOn));
        return;
      }
      case 'PaymentRecorded': {
        const { requestId, orderId, amountCents } = dataOf<PaymentRecorded>(event);
        changeOrder(orderId, (order) => (order.paid_cents += amountCents));
        changeRequest(requestId, (request) => (request.paid_cents += amountCents));
        return;
      }
      case 'LatePaymentCompensationDue': {
        const { orderId, requestId, interest, indemnityCents } = dataOf<LatePaymentCompensationDue>(event);
        const addCompensation = (owed: { interest_due_cents: number; indemnity_due_cents: number }) => {
          owed.interest_due_cents += interest.interestCents;
          owed.indemnity_due_cents += indemnityCents;
        };
        changeOrder(orderId, addCompensation);
        changeRequest(requestId, addCompensation);
        return;
      }
      case 'PaymentDeadlineApproaching':
      case 'PaymentDeadlinePassed': {
        const { requestId, dueOn, warnedOn } = dataOf<PaymentDeadlineApproaching | PaymentDeadlinePassed>(event);
        const kind = event.type === 'PaymentDeadlinePassed' ? 'PASSED' : 'APPROACHING';
        changeRequest(requestId, (request) => {
          request.warning_kind = kind;
          request.warning_due_on = dueOn;
          request.warned_on = warnedOn;
        });
        return;
      }
    }
  },
};
