import type { OverlapFigures, RegionOrderScope } from '@app/coordination/domain/purchase-declaration/purchase-declaration.events';
import type { Fresh, ReadModels } from '../read-models.service';

/** An overlap found in the read model and not recorded yet (its PurchaseOverlapDetected not projected). */
export interface PendingOverlap {
  overlap_id: string;
  tenant: string;
  declaration_id: string;
  region_order: RegionOrderScope;
}

/** At most `limit` pending overlaps of every tenant, by overlap id. */
export function pendingOverlaps(readModels: ReadModels, limit: number): PendingOverlap[] {
  return readModels
    .query<Array<Omit<PendingOverlap, 'region_order'> & { region_order: string }>>(
      `SELECT overlap_id, tenant, declaration_id, region_order FROM purchase_overlaps WHERE status = 'PENDING' ORDER BY overlap_id LIMIT ?`,
      limit,
    )
    .rows.map((row) => ({ ...row, region_order: JSON.parse(row.region_order) as RegionOrderScope }));
}

/** The Région orders of the tenant in a training domain, as far as the read model has them. */
export function regionOrdersIn(readModels: ReadModels, tenant: string, domainCode: string): RegionOrderScope[] {
  return readModels
    .query<Array<{ scope: string }>>('SELECT scope FROM purchase_coordination_orders WHERE tenant = ? AND domain_code = ?', tenant, domainCode)
    .rows.map((row) => JSON.parse(row.scope) as RegionOrderScope);
}

/** A Pôle emploi declaration as the read model keeps it, with the number of its overlaps not resolved. */
export type PurchaseDeclarationRow = { declaration_id: string; territory_codes: string[]; unresolved_overlaps: number } & Record<string, unknown>;

/** The tenant's declarations, by the time they were declared. */
export function purchaseDeclarations(readModels: ReadModels, tenant: string): Fresh<PurchaseDeclarationRow[]> {
  const fresh = readModels.query<Array<Record<string, unknown> & { territory_codes: string }>>(
    `SELECT d.*, (SELECT COUNT(*) FROM purchase_overlaps o WHERE o.declaration_id = d.declaration_id AND o.status = 'UNRESOLVED') AS unresolved_overlaps
     FROM purchase_declarations d WHERE d.tenant = ? ORDER BY d.declared_at, d.declaration_id`,
    tenant,
  );
  return { position: fresh.position, rows: fresh.rows.map((row) => ({ ...row, territory_codes: JSON.parse(row.territory_codes) as string[] }) as PurchaseDeclarationRow) };
}

/** An overlap recorded (detected), unresolved or resolved. */
export interface PurchaseOverlapRow {
  overlap_id: string;
  declaration_id: string;
  contract_id: string;
  lot_id: string;
  order_id: string;
  status: 'UNRESOLVED' | 'RESOLVED';
  figures: OverlapFigures;
  detected_at: string;
  decision: string | null;
  co_financed_order_id: string | null;
  reason: string | null;
  resolved_by: string | null;
  resolved_by_role: string | null;
  resolved_at: string | null;
}

/** The tenant's overlaps recorded, by the time they were detected, each filter applying when given. */
export function purchaseOverlaps(
  readModels: ReadModels,
  scope: { tenant: string; status: 'UNRESOLVED' | 'RESOLVED' | null; declarationId: string | null; contractId: string | null },
): Fresh<PurchaseOverlapRow[]> {
  const fresh = readModels.query<Array<Omit<PurchaseOverlapRow, 'figures'> & { figures: string }>>(
    `SELECT overlap_id, declaration_id, contract_id, lot_id, order_id, status, figures, detected_at, decision, co_financed_order_id, reason,
            resolved_by, resolved_by_role, resolved_at
     FROM purchase_overlaps
     WHERE tenant = ? AND status IN ('UNRESOLVED', 'RESOLVED') AND (? IS NULL OR status = ?)
       AND (? IS NULL OR declaration_id = ?) AND (? IS NULL OR contract_id = ?)
     ORDER BY detected_at, overlap_id`,
    scope.tenant,
    scope.status,
    scope.status,
    scope.declarationId,
    scope.declarationId,
    scope.contractId,
    scope.contractId,
  );
  return { position: fresh.position, rows: fresh.rows.map(({ figures, ...row }) => ({ ...row, figures: JSON.parse(figures) as OverlapFigures })) };
}

/** The declaration an overlap recorded in the tenant belongs to; undefined for one unknown there (or not recorded yet). */
export function declarationOfOverlap(readModels: ReadModels, tenant: string, overlapId: string): string | undefined {
  const { rows } = readModels.query<Array<{ declaration_id: string }>>(
    `SELECT declaration_id FROM purchase_overlaps WHERE overlap_id = ? AND tenant = ? AND status IN ('UNRESOLVED', 'RESOLVED')`,
    overlapId,
    tenant,
  );
  return rows[0]?.declaration_id;
}
