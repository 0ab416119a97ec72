import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type {
  PurchaseDeclarationWithdrawn,
  PurchaseDeclared,
  PurchaseOverlapDetected,
  PurchaseOverlapResolved,
  RegionOrderScope,
} from '@app/coordination/domain/purchase-declaration/purchase-declaration.events';
import { overlapOf } from '@app/coordination/domain/purchase-declaration/purchase-overlap';
import type { AmendmentCameIntoForce } from '@app/procurement/domain/amendment/amendment.events';
import type { LotDefined } from '@app/procurement/domain/lot/lot.events';
import type { OrderIssued } from '@app/procurement/domain/order/order.events';
import { contractIdOf, dataOf, DomainEventType, Projection } from '../projection';
import { buffered } from '../sqlite/buffered-table';
import { prepared } from '../sqlite/prepared';
import { column, readModelTable } from './read-model-table';

// The lots and orders change with every order issued: buffered. Declarations and overlaps are few, and read by
// columns other than their keys: plain SQL.
const LOTS = readModelTable(
  'purchase_coordination_lots',
  {
    contract_id: column.text(),
    lot_id: column.text(),
    domain_code: column.text(),
    /** JSON array. */
    territory_codes: column.text(),
  },
  { key: ['contract_id', 'lot_id'] },
);

const ORDERS = readModelTable(
  'purchase_coordination_orders',
  {
    contract_id: column.text(),
    order_id: column.text(),
    tenant: column.text(),
    lot_id: column.text(),
    domain_code: column.text(),
    /** The Région order as the overlap check reads it (RegionOrderScope, JSON). */
    scope: column.text(),
  },
  { key: ['contract_id', 'order_id'] },
);

interface DeclarationRow {
  declaration_id: string;
  tenant: string;
  domain_code: string;
  territory_codes: string;
  period_start: string;
  period_end: string;
  planned_sessions: number;
  volume_unit_type: string;
  volume_quantity: number;
}

/**
 * Pôle emploi's declared purchases and their overlaps with Région orders, and what the overlap check needs:
 * the scope of every lot and the Région orders placed on them.
 *
 * It is also the outbox of the overlap check for orders issued after a declaration: every pair of a
 * declaration and a Région order is compared when the later of the two reaches the read model (in log
 * order, so no pair is missed), and an overlap found becomes a row in status PENDING until its
 * PurchaseOverlapDetected event arrives (the worker records it; the check at declaration records it at once).
 * Statuses: PENDING, UNRESOLVED, RESOLVED; WITHDRAWN once its declaration is.
 */
export const purchaseCoordinationProjection: Projection = {
  name: 'purchase_coordination',
  version: 1,
  schema: `
    ${LOTS.createTable}
    ${ORDERS.createTable}
    CREATE INDEX purchase_coordination_orders_domain ON purchase_coordination_orders (tenant, domain_code);
    CREATE TABLE purchase_declarations (
      declaration_id TEXT PRIMARY KEY,
      tenant TEXT NOT NULL,
      title TEXT,
      domain_code TEXT NOT NULL,
      territory_codes TEXT NOT NULL,
      period_start TEXT NOT NULL,
      period_end TEXT NOT NULL,
      planned_sessions INTEGER NOT NULL,
      volume_unit_type TEXT NOT NULL,
      volume_quantity INTEGER NOT NULL,
      notes TEXT,
      status TEXT NOT NULL,
      declared_at TEXT NOT NULL,
      declared_by TEXT NOT NULL
    );
    CREATE INDEX purchase_declarations_domain ON purchase_declarations (tenant, domain_code);
    CREATE TABLE purchase_overlaps (
      overlap_id TEXT PRIMARY KEY,
      tenant TEXT NOT NULL,
      declaration_id TEXT NOT NULL,
      contract_id TEXT NOT NULL,
      lot_id TEXT NOT NULL,
      order_id TEXT NOT NULL,
      status TEXT NOT NULL,
      -- The figures (OverlapFigures, JSON) and the Région order they were found on (RegionOrderScope, JSON).
      figures TEXT NOT NULL,
      region_order TEXT NOT NULL,
      detected_at TEXT,
      decision TEXT,
      co_financed_order_id TEXT,
      reason TEXT,
      resolved_by TEXT,
      resolved_by_role TEXT,
      resolved_at TEXT
    );
    CREATE INDEX purchase_overlaps_status ON purchase_overlaps (tenant, status);
    CREATE INDEX purchase_overlaps_declaration ON purchase_overlaps (declaration_id);`,
  handles: new Set<DomainEventType>([
    'LotDefined',
    'AmendmentCameIntoForce',
    'OrderIssued',
    'PurchaseDeclared',
    'PurchaseOverlapDetected',
    'PurchaseOverlapResolved',
    'PurchaseDeclarationWithdrawn',
  ]),
  apply(db: Database.Database, event: RecordedEvent): void {
    switch (event.type) {
      case 'LotDefined': {
        const { lotId, scope } = dataOf<LotDefined>(event);
        buffered(db, LOTS).save({ contract_id: contractIdOf(event), lot_id: lotId, domain_code: scope.domainCode, territory_codes: JSON.stringify(scope.territoryCodes) });
        return;
      }
      case 'AmendmentCameIntoForce': {
        const { change } = dataOf<AmendmentCameIntoForce>(event);
        if (change.kind !== 'SCOPE' || !change.territoryCodes) return;
        const lots = buffered(db, LOTS);
        const lot = lots.get(contractIdOf(event), change.lotId);
        if (!lot) return;
        lot.territory_codes = JSON.stringify(change.territoryCodes);
        lots.save(lot);
        return;
      }
      case 'OrderIssued':
        return orderIssued(db, event);
      case 'PurchaseDeclared':
        return declared(db, event);
      case 'PurchaseOverlapDetected': {
        const { detectedAt, ...figures } = dataOf<PurchaseOverlapDetected>(event);
        // The check at declaration time records overlaps the read model may not have found (yet).
        prepared(
          db,
          `INSERT INTO purchase_overlaps (overlap_id, tenant, declaration_id, contract_id, lot_id, order_id, status, figures, region_order, detected_at)
           VALUES (?, ?, ?, ?, ?, ?, 'UNRESOLVED', ?, '{}', ?)
           ON CONFLICT (overlap_id) DO UPDATE SET status = 'UNRESOLVED', figures = excluded.figures, detected_at = excluded.detected_at`,
        ).run(
          figures.overlapId,
          event.metadata.tenant,
          figures.declarationId,
          figures.contractId,
          figures.lotId,
          figures.orderId,
          JSON.stringify(figures),
          detectedAt,
        );
        return;
      }
      case 'PurchaseOverlapResolved': {
        const data = dataOf<PurchaseOverlapResolved>(event);
        prepared(
          db,
          `UPDATE purchase_overlaps SET status = 'RESOLVED', decision = ?, co_financed_order_id = ?, reason = ?, resolved_by = ?,
             resolved_by_role = ?, resolved_at = ? WHERE overlap_id = ?`,
        ).run(data.decision, data.coFinancedOrderId ?? null, data.reason, data.resolvedBy.actorId, data.resolvedBy.role, data.resolvedAt, data.overlapId);
        return;
      }
      case 'PurchaseDeclarationWithdrawn': {
        const { declarationId } = dataOf<PurchaseDeclarationWithdrawn>(event);
        prepared(db, `UPDATE purchase_declarations SET status = 'WITHDRAWN' WHERE declaration_id = ?`).run(declarationId);
        prepared(db, `DELETE FROM purchase_overlaps WHERE declaration_id = ? AND status = 'PENDING'`).run(declarationId);
        return;
      }
    }
  },
};

function orderIssued(db: Database.Database, event: RecordedEvent): void {
  const contractId = contractIdOf(event);
  const { orderId, lotId, lines, periodStart, periodEnd, valueCents } = dataOf<OrderIssued>(event);
  const lot = buffered(db, LOTS).get(contractId, lotId);
  if (!lot) return;
  const order: RegionOrderScope = {
    tenant: event.metadata.tenant,
    contractId,
    lotId,
    orderId,
    domainCode: lot.domain_code,
    territoryCodes: JSON.parse(lot.territory_codes) as string[],
    periodStart,
    periodEnd,
    lines,
    valueCents,
  };
  buffered(db, ORDERS).save({ contract_id: contractId, order_id: orderId, tenant: order.tenant, lot_id: lotId, domain_code: order.domainCode, scope: JSON.stringify(order) });
  const declarations = prepared(db, `SELECT * FROM purchase_declarations WHERE tenant = ? AND domain_code = ? AND status = 'DECLARED'`).all(
    order.tenant,
    order.domainCode,
  ) as DeclarationRow[];
  for (const row of declarations) pend(db, row, order);
}

function declared(db: Database.Database, event: RecordedEvent): void {
  const data = dataOf<PurchaseDeclared>(event);
  prepared(db, `INSERT OR IGNORE INTO purchase_declarations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'DECLARED', ?, ?)`).run(
    data.declarationId,
    data.tenant,
    data.title ?? null,
    data.domainCode,
    JSON.stringify(data.territoryCodes),
    data.periodStart,
    data.periodEnd,
    data.plannedSessions,
    data.volume.unitType,
    data.volume.quantity,
    data.notes ?? null,
    data.declaredAt,
    event.metadata.actorId,
  );
  // Read by tenant and domain: the orders kept in memory are written first.
  buffered(db, ORDERS).flush();
  const orders = prepared(db, `SELECT scope FROM purchase_coordination_orders WHERE tenant = ? AND domain_code = ?`).all(data.tenant, data.domainCode) as Array<{
    scope: string;
  }>;
  const row = prepared(db, `SELECT * FROM purchase_declarations WHERE declaration_id = ?`).get(data.declarationId) as DeclarationRow;
  for (const { scope } of orders) pend(db, row, JSON.parse(scope) as RegionOrderScope);
}

/** Records an overlap to detect, unless it is known already (pending or detected). */
function pend(db: Database.Database, row: DeclarationRow, order: RegionOrderScope): void {
  const overlap = overlapOf(
    {
      declarationId: row.declaration_id,
      tenant: row.tenant,
      domainCode: row.domain_code,
      territoryCodes: JSON.parse(row.territory_codes) as string[],
      periodStart: row.period_start,
      periodEnd: row.period_end,
      plannedSessions: row.planned_sessions,
      volume: { unitType: row.volume_unit_type as RegionOrderScope['lines'][number]['unitType'], quantity: row.volume_quantity },
    },
    order,
  );
  if (!overlap) return;
  prepared(
    db,
    `INSERT OR IGNORE INTO purchase_overlaps (overlap_id, tenant, declaration_id, contract_id, lot_id, order_id, status, figures, region_order)
     VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)`,
  ).run(overlap.overlapId, row.tenant, row.declaration_id, order.contractId, order.lotId, order.orderId, JSON.stringify(overlap), JSON.stringify(order));
}
