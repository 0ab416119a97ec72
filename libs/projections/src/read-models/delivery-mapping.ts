import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type { AmendmentCameIntoForce } from '@app/procurement/domain/amendment/amendment.events';
import type { LotAwarded } from '@app/procurement/domain/lot/lot.events';
import type { OrderIssued, OrderModuleAdded } from '@app/procurement/domain/order/order.events';
import type { Awardee } from '@app/procurement/domain/terms/procurement-terms';
import { contractIdOf, dataOf } from '../projection';
import { prepared } from '../sqlite/prepared';

/**
 * Delivery events name their contract and order only. A read model that attributes them to a lot and a
 * provider keeps, in its own tables (so that it is rebuilt and versioned alone), which lot each order is
 * placed on, which work units it holds, and who performs each lot now:
 *   `<prefix>_order_lots` (contract_id, order_id, lot_id, unit_types)
 *   `<prefix>_lot_providers` (contract_id, lot_id, provider_id, member_ids)
 * provider_id is the provider performing the lot, or the lead of the grouping; member_ids lists every
 * provider of the awardee as `,a,b,` so that `instr(member_ids, ',' || ? || ',')` says whether one is in it.
 */
export const MAPPING_EVENTS = ['LotAwarded', 'OrderIssued', 'OrderModuleAdded', 'AmendmentCameIntoForce'] as const;

export function mappingSchema(prefix: string): string {
  return `
    CREATE TABLE ${prefix}_order_lots (
      contract_id TEXT NOT NULL,
      order_id TEXT NOT NULL,
      lot_id TEXT NOT NULL,
      unit_types TEXT NOT NULL,
      PRIMARY KEY (contract_id, order_id)
    );
    CREATE TABLE ${prefix}_lot_providers (
      contract_id TEXT NOT NULL,
      lot_id TEXT NOT NULL,
      provider_id TEXT NOT NULL,
      member_ids TEXT NOT NULL,
      PRIMARY KEY (contract_id, lot_id)
    );`;
}

/** `,a,b,`: see mappingSchema. */
export function memberIdsOf(awardee: Awardee): string {
  return `,${(awardee.kind === 'PROVIDER' ? [awardee.providerId] : awardee.memberIds).join(',')},`;
}

export function providerIdOf(awardee: Awardee): string {
  return awardee.kind === 'PROVIDER' ? awardee.providerId : awardee.leadProviderId;
}


/** Folds a contract-stream event into the mapping tables; returns the awardee when a lot changed hands. */
export function applyMapping(db: Database.Database, prefix: string, event: RecordedEvent): { lotId: string; awardee: Awardee } | undefined {
  const contractId = contractIdOf(event);
  switch (event.type) {
    case 'LotAwarded': {
      const { lotId, awardee } = dataOf<LotAwarded>(event);
      setAwardee(db, prefix, contractId, lotId, awardee);
      return { lotId, awardee };
    }
    case 'AmendmentCameIntoForce': {
      const { change } = dataOf<AmendmentCameIntoForce>(event);
      if (change.kind !== 'CONTRACTOR_CHANGE') return undefined;
      setAwardee(db, prefix, contractId, change.lotId, change.awardee);
      return { lotId: change.lotId, awardee: change.awardee };
    }
    case 'OrderIssued': {
      const { orderId, lotId, lines } = dataOf<OrderIssued>(event);
      prepared(db, `INSERT OR REPLACE INTO ${prefix}_order_lots (contract_id, order_id, lot_id, unit_types) VALUES (?, ?, ?, ?)`).run(
        contractId,
        orderId,
        lotId,
        `,${lines.map((line) => line.unitType).join(',')},`,
      );
      return undefined;
    }
    case 'OrderModuleAdded': {
      const { orderId, unitType } = dataOf<OrderModuleAdded>(event);
      prepared(
        db,
        `UPDATE ${prefix}_order_lots SET unit_types = unit_types || ? || ','
         WHERE contract_id = ? AND order_id = ? AND instr(unit_types, ',' || ? || ',') = 0`,
      ).run(unitType, contractId, orderId, unitType);
      return undefined;
    }
  }
  return undefined;
}

function setAwardee(db: Database.Database, prefix: string, contractId: string, lotId: string, awardee: Awardee): void {
  prepared(db, `INSERT OR REPLACE INTO ${prefix}_lot_providers (contract_id, lot_id, provider_id, member_ids) VALUES (?, ?, ?, ?)`).run(
    contractId,
    lotId,
    providerIdOf(awardee),
    memberIdsOf(awardee),
  );
}

export interface OrderPlacement {
  lotId: string;
  /** `,PATHWAY,OPEN_DAY,`: the work units the order holds. */
  unitTypes: string;
  /** Who performs the lot now ('' when the lot was not awarded, which the domain does not allow). */
  providerId: string;
  memberIds: string;
}

/** The lot of an order and who performs it now; undefined for an order this read model never saw. */
export function placementOf(db: Database.Database, prefix: string, contractId: string, orderId: string): OrderPlacement | undefined {
  const row = prepared(
    db,
    `SELECT o.lot_id, o.unit_types, COALESCE(l.provider_id, '') AS provider_id, COALESCE(l.member_ids, ',') AS member_ids
     FROM ${prefix}_order_lots o LEFT JOIN ${prefix}_lot_providers l ON l.contract_id = o.contract_id AND l.lot_id = o.lot_id
     WHERE o.contract_id = ? AND o.order_id = ?`,
  ).get(contractId, orderId) as { lot_id: string; unit_types: string; provider_id: string; member_ids: string } | undefined;
  return row && { lotId: row.lot_id, unitTypes: row.unit_types, providerId: row.provider_id, memberIds: row.member_ids };
}

/** Percent of part in whole, to 2 decimals, or NULL when whole is 0: SQL for generated columns. */
export const percentSql = (part: string, whole: string): string => `CASE WHEN ${whole} > 0 THEN ROUND(100.0 * (${part}) / (${whole}), 2) END`;
