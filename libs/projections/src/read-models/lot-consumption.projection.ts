import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type { LotAwarded, LotDefined } from '@app/procurement/domain/lot/lot.events';
import type { AmendmentCameIntoForce } from '@app/procurement/domain/amendment/amendment.events';
import type { OrderIssued, OrderModuleAdded, OrderQuantityAdjusted } from '@app/procurement/domain/order/order.events';
import { contractIdOf, dataOf, Projection } from '../projection';
import { prepared } from '../sqlite/prepared';


/** Ordered quantities and value per lot and work unit, against the lot's minimum and maximum. */
export const lotConsumptionProjection: Projection = {
  name: 'lot_consumption',
  version: 2,
  schema: `
    CREATE TABLE lot_consumption (
      contract_id TEXT NOT NULL,
      lot_id TEXT NOT NULL,
      unit_type TEXT NOT NULL,
      tenant TEXT NOT NULL,
      unit_price_cents INTEGER NOT NULL,
      initial_quantity INTEGER NOT NULL,
      min_quantity INTEGER NOT NULL,
      max_quantity INTEGER NOT NULL,
      ordered_quantity INTEGER NOT NULL DEFAULT 0,
      ordered_value_cents INTEGER NOT NULL DEFAULT 0,
      awarded_at TEXT,
      PRIMARY KEY (contract_id, lot_id, unit_type)
    );
    CREATE TABLE lot_consumption_orders (
      contract_id TEXT NOT NULL,
      order_id TEXT NOT NULL,
      lot_id TEXT NOT NULL,
      PRIMARY KEY (contract_id, order_id)
    );`,
  handles: new Set(['LotDefined', 'LotAwarded', 'OrderIssued', 'OrderQuantityAdjusted', 'OrderModuleAdded', 'AmendmentCameIntoForce']),
  apply(db: Database.Database, event: RecordedEvent): void {
    const contractId = contractIdOf(event);
    switch (event.type) {
      case 'LotDefined': {
        const { lotId, workUnits } = dataOf<LotDefined>(event);
        const insert = prepared(db, 
          `INSERT INTO lot_consumption (contract_id, lot_id, unit_type, tenant, unit_price_cents, initial_quantity, min_quantity, max_quantity)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        for (const unit of workUnits) {
          insert.run(contractId, lotId, unit.type, event.metadata.tenant, unit.unitPriceCents, unit.initialQuantity, unit.minQuantity, unit.maxQuantity);
        }
        return;
      }
      case 'LotAwarded': {
        const { lotId, awardedAt } = dataOf<LotAwarded>(event);
        prepared(db, 'UPDATE lot_consumption SET awarded_at = ? WHERE contract_id = ? AND lot_id = ?').run(awardedAt, contractId, lotId);
        return;
      }
      case 'OrderIssued': {
        const { orderId, lotId, lines } = dataOf<OrderIssued>(event);
        prepared(db, 'INSERT INTO lot_consumption_orders (contract_id, order_id, lot_id) VALUES (?, ?, ?)').run(contractId, orderId, lotId);
        for (const line of lines) order(db, contractId, lotId, line.unitType, line.quantity, null);
        return;
      }
      case 'OrderQuantityAdjusted': {
        const { orderId, unitType, delta, valueDeltaCents } = dataOf<OrderQuantityAdjusted>(event);
        order(db, contractId, lotOf(db, contractId, orderId), unitType, delta, valueDeltaCents);
        return;
      }
      case 'OrderModuleAdded': {
        const { orderId, unitType, quantity, valueDeltaCents } = dataOf<OrderModuleAdded>(event);
        order(db, contractId, lotOf(db, contractId, orderId), unitType, quantity, valueDeltaCents);
        return;
      }
      case 'AmendmentCameIntoForce': {
        const { change } = dataOf<AmendmentCameIntoForce>(event);
        if (change.kind === 'PRICE') {
          prepared(db, 'UPDATE lot_consumption SET unit_price_cents = ? WHERE contract_id = ? AND lot_id = ? AND unit_type = ?').run(
            change.newUnitPriceCents,
            contractId,
            change.lotId,
            change.unitType,
          );
        } else if (change.kind === 'VOLUME') {
          prepared(db, 'UPDATE lot_consumption SET max_quantity = ? WHERE contract_id = ? AND lot_id = ? AND unit_type = ?').run(
            change.newMaxQuantity,
            contractId,
            change.lotId,
            change.unitType,
          );
        }
        return;
      }
    }
  },
};

function lotOf(db: Database.Database, contractId: string, orderId: string): string {
  const row = prepared(db, 'SELECT lot_id FROM lot_consumption_orders WHERE contract_id = ? AND order_id = ?').get(contractId, orderId) as
    | { lot_id: string }
    | undefined;
  return row?.lot_id ?? '';
}

/** Adds ordered units; the value is the event's when it carries one, else the lot's current price. */
function order(db: Database.Database, contractId: string, lotId: string, unitType: string, quantity: number, valueCents: number | null): void {
  prepared(db, 
    `UPDATE lot_consumption
     SET ordered_quantity = ordered_quantity + ?,
         ordered_value_cents = ordered_value_cents + COALESCE(?, ? * unit_price_cents)
     WHERE contract_id = ? AND lot_id = ? AND unit_type = ?`,
  ).run(quantity, valueCents, quantity, contractId, lotId, unitType);
}
