import type { Fresh, ReadModels } from '../read-models.service';
import { performedBy, ReadScope } from './order-placements.queries';

/** A provider's row of a lot: its counters and rates (see lotDeliveryProjection), and the units delivered by type. */
export type LotDeliveryAnswer = {
  contract_id: string;
  lot_id: string;
  provider_id: string;
  dropout_rate_percent: number | null;
  completion_rate_percent: number | null;
  delivered: Record<string, number>;
} & Record<string, string | number | null | Record<string, number>>;

/** The rows of lot_delivery for the scope (a provider: the rows of the awardees it is a member of), by contract, lot and provider. */
export function lotDelivery(readModels: ReadModels, scope: ReadScope): Fresh<LotDeliveryAnswer[]> {
  const fresh = readModels.query<Array<Record<string, string | number | null> & { tenant: string; member_ids: string; delivered: string }>>(
    `SELECT d.*, (SELECT json_group_object(u.unit_type, u.delivered_quantity) FROM lot_delivery_units u
                  WHERE u.contract_id = d.contract_id AND u.lot_id = d.lot_id AND u.provider_id = d.provider_id) AS delivered
     FROM lot_delivery d WHERE d.tenant = ? AND (? IS NULL OR d.contract_id = ?) AND ${performedBy('d.member_ids')}
     ORDER BY d.contract_id, d.lot_id, d.provider_id`,
    scope.tenant,
    scope.contractId,
    scope.contractId,
    scope.providerId,
    scope.providerId,
  );
  return {
    position: fresh.position,
    rows: fresh.rows.map(({ tenant: _tenant, member_ids: _members, delivered, ...row }) => ({ ...row, delivered: JSON.parse(delivered) as Record<string, number> }) as LotDeliveryAnswer),
  };
}
