import type { Fresh, ReadModels } from '../read-models.service';

/** What a caller may read: its tenant, one contract or all, and for a provider (providerId not null) the lots its awardee performs. */
export interface ReadScope {
  tenant: string;
  contractId: string | null;
  providerId: string | null;
}

/** SQL: `?` (twice: the scope's providerId, null for the roles that see the whole tenant) is one of `members`, `,a,b,` (see orderPlacementsProjection). */
export const performedBy = (members: string): string => `(? IS NULL OR instr(${members}, ',' || ? || ',') > 0)`;

/** A per-lot read model's rows for the scope, without their tenant, by contract and lot: for a provider those of the lots its awardee performs now. */
export function rowsOfLotsPerformed<Row>(readModels: ReadModels, table: 'priority_publics' | 'quality_indicators', scope: ReadScope): Fresh<Row[]> {
  const fresh = readModels.query<Array<Row & { tenant: string }>>(
    `SELECT t.* FROM ${table} t LEFT JOIN order_placements_lot_providers l ON l.contract_id = t.contract_id AND l.lot_id = t.lot_id
     WHERE t.tenant = ? AND (? IS NULL OR t.contract_id = ?) AND ${performedBy('l.member_ids')} ORDER BY t.contract_id, t.lot_id`,
    scope.tenant,
    scope.contractId,
    scope.contractId,
    scope.providerId,
    scope.providerId,
  );
  return { position: fresh.position, rows: fresh.rows.map(({ tenant: _tenant, ...row }) => row as Row) };
}
