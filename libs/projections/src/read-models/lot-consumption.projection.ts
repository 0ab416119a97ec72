import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type { LotAwarded, LotDefined } from '@app/procurement/domain/lot/lot.events';
import type { AmendmentCameIntoForce } from '@app/procurement/domain/amendment/amendment.events';
import type { OrderIssued, OrderModuleAdded, OrderQuantityAdjusted } from '@app/procurement/domain/order/order.events';
import { contractIdOf, dataOf, DomainEventType, Projection } from '../projection';
import { BufferedTable, buffered } from '../sqlite/buffered-table';
import { column, readModelTable, RowOf } from './read-model-table';
import { placementOf } from './delivery-mapping';


const LOT_CONSUMPTION = readModelTable(
  'lot_consumption',
  {
    contract_id: column.text(),
    lot_id: column.text(),
    unit_type: column.text(),
    tenant: column.text(),
    unit_price_cents: column.integer(),
    initial_quantity: column.integer(),
    min_quantity: column.integer(),
    max_quantity: column.integer(),
    ordered_quantity: column.count(),
    ordered_value_cents: column.count(),
    awarded_at: column.textOrNull(),
  },
  {
    key: ['contract_id', 'lot_id', 'unit_type'],
    // The work units of a lot are read together.
    partitionBy: 2,
  },
);

/** A lot's work unit's row of the lot_consumption table. */
export type StoredLotConsumption = RowOf<typeof LOT_CONSUMPTION>;

/** Ordered quantities and value per lot and work unit, against the lot's minimum and maximum. */
export const lotConsumptionProjection: Projection = {
  name: 'lot_consumption',
  version: 3,
  schema: `
    ${LOT_CONSUMPTION.createTable}`,
  handles: new Set<DomainEventType>(['LotDefined', 'LotAwarded', 'OrderIssued', 'OrderQuantityAdjusted', 'OrderModuleAdded', 'AmendmentCameIntoForce']),
  apply(db: Database.Database, event: RecordedEvent): void {
    const contractId = contractIdOf(event);
    const lots = buffered(db, LOT_CONSUMPTION);
    switch (event.type) {
      case 'LotDefined': {
        const { lotId, workUnits } = dataOf<LotDefined>(event);
        for (const unit of workUnits) {
          lots.insert({
            contract_id: contractId,
            lot_id: lotId,
            unit_type: unit.type,
            tenant: event.metadata.tenant,
            unit_price_cents: unit.unitPriceCents,
            initial_quantity: unit.initialQuantity,
            min_quantity: unit.minQuantity,
            max_quantity: unit.maxQuantity,
            ordered_quantity: 0,
            ordered_value_cents: 0,
            awarded_at: null,
          });
        }
        return;
      }
      case 'LotAwarded': {
        const { lotId, awardedAt } = dataOf<LotAwarded>(event);
        for (const unit of lots.rowsIn(contractId, lotId)) {
          unit.awarded_at = awardedAt;
          lots.save(unit);
        }
        return;
      }
      case 'OrderIssued': {
        const { lotId, lines } = dataOf<OrderIssued>(event);
        for (const line of lines) order(lots, contractId, lotId, line.unitType, line.quantity, null);
        return;
      }
      case 'OrderQuantityAdjusted': {
        const { orderId, unitType, delta, valueDeltaCents } = dataOf<OrderQuantityAdjusted>(event);
        order(lots, contractId, lotOf(db, contractId, orderId), unitType, delta, valueDeltaCents);
        return;
      }
      case 'OrderModuleAdded': {
        const { orderId, unitType, quantity, valueDeltaCents } = dataOf<OrderModuleAdded>(event);
        order(lots, contractId, lotOf(db, contractId, orderId), unitType, quantity, valueDeltaCents);
        return;
      }
      case 'AmendmentCameIntoForce': {
        const { change } = dataOf<AmendmentCameIntoForce>(event);
        if (change.kind !== 'PRICE' && change.kind !== 'VOLUME') return;
        const lot = lots.get(contractId, change.lotId, change.unitType);
        if (!lot) return;
        if (change.kind === 'PRICE') lot.unit_price_cents = change.newUnitPriceCents;
        else lot.max_quantity = change.newMaxQuantity;
        lots.save(lot);
        return;
      }
    }
  },
};

function lotOf(db: Database.Database, contractId: string, orderId: string): string {
  return placementOf(db, contractId, orderId)?.lotId ?? '';
}

/** Adds ordered units; the value is the event's when it carries one, else the lot's current price. */
function order(
  lots: BufferedTable<StoredLotConsumption>,
  contractId: string,
  lotId: string,
  unitType: string,
  quantity: number,
  valueCents: number | null,
): void {
  const lot = lots.get(contractId, lotId, unitType);
  if (!lot) return;
  lot.ordered_quantity += quantity;
  lot.ordered_value_cents += valueCents ?? quantity * lot.unit_price_cents;
  lots.save(lot);
}
