import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type { CoFinancingAgreed, CoFinancingEnded } from '@app/procurement/domain/co-financing/co-financing.events';
import type { ServiceStatementIssued } from '@app/procurement/domain/delivery/delivery.events';
import type { OrderIssued, OrderModuleAdded, OrderQuantityAdjusted } from '@app/procurement/domain/order/order.events';
import { contractIdOf, dataOf, DomainEventType, Projection } from '../projection';
import { buffered } from '../sqlite/buffered-table';
import { column, readModelTable, RowOf } from './read-model-table';

const ORDER_FUNDING = readModelTable(
  'order_funding',
  {
    contract_id: column.text(),
    order_id: column.text(),
    tenant: column.text(),
    value_cents: column.integer(),
    agreement_id: column.textOrNull(),
    co_financed_cents: column.count(),
    consumed_cents: column.count(),
    consumed_pole_emploi_cents: column.count(),
  },
  {
    key: ['contract_id', 'order_id'],
    generated: [`committed_pole_emploi_cents INTEGER GENERATED ALWAYS AS (MIN(co_financed_cents, MAX(value_cents, 0))) VIRTUAL`],
  },
);

/** An order's row of the order_funding table (committed_pole_emploi_cents is generated, not stored). */
type StoredOrderFunding = RowOf<typeof ORDER_FUNDING>;

/**
 * Per order: what it commits and consumes, and the part Pôle emploi funds under a co-financing agreement
 * (the rest is the Région's). Pôle emploi's committed part is its co-financed part, never above the order's
 * value; each service statement is consumed by both funders in proportion to their committed parts when it
 * is issued, Pôle emploi's share rounded down to the cent.
 */
export const orderFundingProjection: Projection = {
  name: 'order_funding',
  version: 1,
  schema: `
    ${ORDER_FUNDING.createTable}
    CREATE INDEX order_funding_tenant ON order_funding (tenant, contract_id);`,
  handles: new Set<DomainEventType>(['OrderIssued', 'OrderQuantityAdjusted', 'OrderModuleAdded', 'CoFinancingAgreed', 'CoFinancingEnded', 'ServiceStatementIssued']),
  apply(db: Database.Database, event: RecordedEvent): void {
    const contractId = contractIdOf(event);
    const orders = buffered(db, ORDER_FUNDING);
    switch (event.type) {
      case 'OrderIssued': {
        const { orderId, valueCents } = dataOf<OrderIssued>(event);
        orders.insert({
          contract_id: contractId,
          order_id: orderId,
          tenant: event.metadata.tenant,
          value_cents: valueCents,
          agreement_id: null,
          co_financed_cents: 0,
          consumed_cents: 0,
          consumed_pole_emploi_cents: 0,
        });
        return;
      }
      case 'OrderQuantityAdjusted': {
        const { orderId, valueDeltaCents, coFinancing } = dataOf<OrderQuantityAdjusted>(event);
        const order = orders.get(contractId, orderId);
        if (!order) return;
        order.value_cents += valueDeltaCents;
        // A reduction under the officer's consent brings the co-financed part down to the order's new value.
        if (coFinancing?.consentId !== undefined) order.co_financed_cents = Math.min(order.co_financed_cents, coFinancing.valueAfterCents);
        orders.save(order);
        return;
      }
      case 'OrderModuleAdded': {
        const { orderId, valueDeltaCents } = dataOf<OrderModuleAdded>(event);
        const order = orders.get(contractId, orderId);
        if (!order) return;
        order.value_cents += valueDeltaCents;
        orders.save(order);
        return;
      }
      case 'CoFinancingAgreed': {
        const { orderId, agreementId, coFinancedCents } = dataOf<CoFinancingAgreed>(event);
        const order = orders.get(contractId, orderId);
        if (!order) return;
        order.agreement_id = agreementId;
        order.co_financed_cents = coFinancedCents;
        orders.save(order);
        return;
      }
      case 'CoFinancingEnded': {
        const { orderId } = dataOf<CoFinancingEnded>(event);
        const order = orders.get(contractId, orderId);
        if (!order) return;
        order.agreement_id = null;
        order.co_financed_cents = 0;
        orders.save(order);
        return;
      }
      case 'ServiceStatementIssued': {
        const { orderId, totalCents } = dataOf<ServiceStatementIssued>(event);
        const order = orders.get(contractId, orderId);
        if (!order) return;
        const poleEmploi =
          order.value_cents > 0 ? Number((BigInt(totalCents) * BigInt(committedPoleEmploiCents(order))) / BigInt(order.value_cents)) : 0;
        order.consumed_cents += totalCents;
        order.consumed_pole_emploi_cents += poleEmploi;
        orders.save(order);
        return;
      }
    }
  },
};

/** The generated committed_pole_emploi_cents column: the co-financed part, never above the order's value. */
function committedPoleEmploiCents(order: StoredOrderFunding): number {
  return Math.min(order.co_financed_cents, Math.max(order.value_cents, 0));
}
