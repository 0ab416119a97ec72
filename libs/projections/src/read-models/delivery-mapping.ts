import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type { AmendmentCameIntoForce } from '@app/procurement/domain/amendment/amendment.events';
import type { LotAwarded } from '@app/procurement/domain/lot/lot.events';
import type { OrderIssued, OrderModuleAdded } from '@app/procurement/domain/order/order.events';
import type { Awardee } from '@app/procurement/domain/terms/procurement-terms';
import { contractIdOf, dataOf, DomainEventType, Projection } from '../projection';
import { buffered } from '../sqlite/buffered-table';
import { column, readModelTable } from './read-model-table';

/**
 * Delivery events name their contract and order only. The read models that attribute them to a lot and a
 * provider share this mapping, kept once for all of them: which lot each order is placed on and which work
 * units it holds, and who performs each lot now. It comes first in PROJECTIONS, so that the others see an
 * event's effect on it while they apply the same event.
 *   `order_placements` (contract_id, order_id, lot_id, unit_types)
 *   `order_placements_lot_providers` (contract_id, lot_id, provider_id, member_ids)
 * provider_id is the provider performing the lot, or the lead of the grouping; member_ids lists every
 * provider of the awardee as `,a,b,` so that `instr(member_ids, ',' || ? || ',')` says whether one is in it.
 */
export const MAPPING_EVENTS = ['LotAwarded', 'OrderIssued', 'OrderModuleAdded', 'AmendmentCameIntoForce'] as const;

const ORDER_LOTS = readModelTable(
  'order_placements',
  {
    contract_id: column.text(),
    order_id: column.text(),
    lot_id: column.text(),
    /** `,PATHWAY,OPEN_DAY,` */
    unit_types: column.text(),
  },
  { key: ['contract_id', 'order_id'] },
);

const LOT_PROVIDERS = readModelTable(
  'order_placements_lot_providers',
  { contract_id: column.text(), lot_id: column.text(), provider_id: column.text(), member_ids: column.text() },
  {
    key: ['contract_id', 'lot_id'],
    // The lots of a contract are read together.
    partitionBy: 1,
  },
);

export const orderPlacementsProjection: Projection = {
  name: 'order_placements',
  version: 1,
  schema: `
    ${ORDER_LOTS.createTable}
    ${LOT_PROVIDERS.createTable}`,
  handles: new Set<DomainEventType>(MAPPING_EVENTS),
  apply(db: Database.Database, event: RecordedEvent): void {
    const contractId = contractIdOf(event);
    const award = awardOf(event);
    if (award) {
      buffered(db, LOT_PROVIDERS).save({
        contract_id: contractId,
        lot_id: award.lotId,
        provider_id: providerIdOf(award.awardee),
        member_ids: memberIdsOf(award.awardee),
      });
      return;
    }
    const orders = buffered(db, ORDER_LOTS);
    if (event.type === 'OrderIssued') {
      const { orderId, lotId, lines } = dataOf<OrderIssued>(event);
      orders.save({ contract_id: contractId, order_id: orderId, lot_id: lotId, unit_types: `,${lines.map((line) => line.unitType).join(',')},` });
    } else if (event.type === 'OrderModuleAdded') {
      const { orderId, unitType } = dataOf<OrderModuleAdded>(event);
      const order = orders.get(contractId, orderId);
      if (order && !order.unit_types.includes(`,${unitType},`)) {
        order.unit_types = `${order.unit_types}${unitType},`;
        orders.save(order);
      }
    }
  },
};

/** The lot that changed hands with this event, and its new awardee: an award, or a contractor change in force. */
export function awardOf(event: RecordedEvent): { lotId: string; awardee: Awardee } | undefined {
  if (event.type === 'LotAwarded') {
    const { lotId, awardee } = dataOf<LotAwarded>(event);
    return { lotId, awardee };
  }
  if (event.type === 'AmendmentCameIntoForce') {
    const { change } = dataOf<AmendmentCameIntoForce>(event);
    if (change.kind === 'CONTRACTOR_CHANGE') return { lotId: change.lotId, awardee: change.awardee };
  }
  return undefined;
}

/** `,a,b,`: see orderPlacementsProjection. */
export function memberIdsOf(awardee: Awardee): string {
  return `,${(awardee.kind === 'PROVIDER' ? [awardee.providerId] : awardee.memberIds).join(',')},`;
}

export function providerIdOf(awardee: Awardee): string {
  return awardee.kind === 'PROVIDER' ? awardee.providerId : awardee.leadProviderId;
}

export interface OrderPlacement {
  lotId: string;
  /** `,PATHWAY,OPEN_DAY,`: the work units the order holds. */
  unitTypes: string;
  /** Who performs the lot now ('' when the lot was not awarded, which the domain does not allow). */
  providerId: string;
  memberIds: string;
}

/** The lot of an order and who performs it now; undefined for an order never issued. */
export function placementOf(db: Database.Database, contractId: string, orderId: string): OrderPlacement | undefined {
  const order = buffered(db, ORDER_LOTS).get(contractId, orderId);
  if (!order) return undefined;
  const lot = buffered(db, LOT_PROVIDERS).get(contractId, order.lot_id);
  return { lotId: order.lot_id, unitTypes: order.unit_types, providerId: lot?.provider_id ?? '', memberIds: lot?.member_ids ?? ',' };
}

/** Every provider of the awardee performing the order's lot, in order and once each. */
export function memberIdsIn(placement: OrderPlacement): string[] {
  return [...new Set(placement.memberIds.split(',').filter((id) => id !== ''))].sort();
}

/** Percent of part in whole, to 2 decimals, or NULL when whole is 0: SQL for generated columns. */
export const percentSql = (part: string, whole: string): string => `CASE WHEN ${whole} > 0 THEN ROUND(100.0 * (${part}) / (${whole}), 2) END`;
