import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type { CoFinancingAgreed, CoFinancingEnded } from '@app/procurement/domain/co-financing/co-financing.events';
import type { ServiceStatementIssued } from '@app/procurement/domain/delivery/delivery.events';
import type { OrderIssued, OrderModuleAdded, OrderQuantityAdjusted } from '@app/procurement/domain/order/order.events';
import { contractIdOf, dataOf, DomainEventType, Projection } from '../projection';
import { prepared } from '../sqlite/prepared';

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
    CREATE TABLE order_funding (
      contract_id TEXT NOT NULL,
      order_id TEXT NOT NULL,
      tenant TEXT NOT NULL,
      value_cents INTEGER NOT NULL,
      agreement_id TEXT,
      co_financed_cents INTEGER NOT NULL DEFAULT 0,
      consumed_cents INTEGER NOT NULL DEFAULT 0,
      consumed_pole_emploi_cents INTEGER NOT NULL DEFAULT 0,
      committed_pole_emploi_cents INTEGER GENERATED ALWAYS AS (MIN(co_financed_cents, MAX(value_cents, 0))) VIRTUAL,
      PRIMARY KEY (contract_id, order_id)
    );
    CREATE INDEX order_funding_tenant ON order_funding (tenant, contract_id);`,
  handles: new Set<DomainEventType>(['OrderIssued', 'OrderQuantityAdjusted', 'OrderModuleAdded', 'CoFinancingAgreed', 'CoFinancingEnded', 'ServiceStatementIssued']),
  apply(db: Database.Database, event: RecordedEvent): void {
    const contractId = contractIdOf(event);
    switch (event.type) {
      case 'OrderIssued': {
        const { orderId, valueCents } = dataOf<OrderIssued>(event);
        prepared(db, 'INSERT INTO order_funding (contract_id, order_id, tenant, value_cents) VALUES (?, ?, ?, ?)').run(
          contractId,
          orderId,
          event.metadata.tenant,
          valueCents,
        );
        return;
      }
      case 'OrderQuantityAdjusted': {
        const { orderId, valueDeltaCents, coFinancing } = dataOf<OrderQuantityAdjusted>(event);
        addValue(db, contractId, orderId, valueDeltaCents);
        // A reduction under the officer's consent brings the co-financed part down to the order's new value.
        if (coFinancing?.consentId !== undefined) {
          prepared(db, 'UPDATE order_funding SET co_financed_cents = MIN(co_financed_cents, ?) WHERE contract_id = ? AND order_id = ?').run(
            coFinancing.valueAfterCents,
            contractId,
            orderId,
          );
        }
        return;
      }
      case 'OrderModuleAdded': {
        const { orderId, valueDeltaCents } = dataOf<OrderModuleAdded>(event);
        return addValue(db, contractId, orderId, valueDeltaCents);
      }
      case 'CoFinancingAgreed': {
        const { orderId, agreementId, coFinancedCents } = dataOf<CoFinancingAgreed>(event);
        prepared(db, 'UPDATE order_funding SET agreement_id = ?, co_financed_cents = ? WHERE contract_id = ? AND order_id = ?').run(
          agreementId,
          coFinancedCents,
          contractId,
          orderId,
        );
        return;
      }
      case 'CoFinancingEnded': {
        const { orderId } = dataOf<CoFinancingEnded>(event);
        prepared(db, 'UPDATE order_funding SET agreement_id = NULL, co_financed_cents = 0 WHERE contract_id = ? AND order_id = ?').run(contractId, orderId);
        return;
      }
      case 'ServiceStatementIssued': {
        const { orderId, totalCents } = dataOf<ServiceStatementIssued>(event);
        const row = prepared(db, 'SELECT value_cents, committed_pole_emploi_cents FROM order_funding WHERE contract_id = ? AND order_id = ?').get(
          contractId,
          orderId,
        ) as { value_cents: number; committed_pole_emploi_cents: number } | undefined;
        if (!row) return;
        const poleEmploi = row.value_cents > 0 ? Number((BigInt(totalCents) * BigInt(row.committed_pole_emploi_cents)) / BigInt(row.value_cents)) : 0;
        prepared(
          db,
          `UPDATE order_funding SET consumed_cents = consumed_cents + ?, consumed_pole_emploi_cents = consumed_pole_emploi_cents + ?
           WHERE contract_id = ? AND order_id = ?`,
        ).run(totalCents, poleEmploi, contractId, orderId);
        return;
      }
    }
  },
};

function addValue(db: Database.Database, contractId: string, orderId: string, valueDeltaCents: number): void {
  prepared(db, 'UPDATE order_funding SET value_cents = value_cents + ? WHERE contract_id = ? AND order_id = ?').run(valueDeltaCents, contractId, orderId);
}
