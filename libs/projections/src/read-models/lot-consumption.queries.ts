import { consumptionForecast } from '@app/procurement/domain/lot/consumption-forecast';
import type { Fresh, ReadModels } from '../read-models.service';
import type { StoredLotConsumption } from './lot-consumption.projection';

/** A lot's work unit's consumption as answered: its stored row without the tenant, with what the query adds. */
export type LotConsumptionRow = Omit<StoredLotConsumption, 'tenant'> & {
  remaining_quantity: number;
  days_since_award: number | null;
  /** Units delivered (from the lot_delivery read model). */
  delivered_quantity: number;
  /** Units ordered per day since award. */
  burn_rate_per_day: number | null;
  /** The day the lot maximum would be reached at that pace. */
  forecast_exhaustion_date: string | null;
};

type Recorded = Omit<LotConsumptionRow, 'days_since_award' | 'burn_rate_per_day' | 'forecast_exhaustion_date'>;

/**
 * Each work unit of the tenant's lots (one contract or all): ordered against the lot's minimum and maximum,
 * delivered as lot_delivery counts it, and the pace of orders with the day the maximum is reached on `today`.
 */
export function lotConsumption(readModels: ReadModels, scope: { tenant: string; contractId: string | null }, today: string): Fresh<LotConsumptionRow[]> {
  const fresh = readModels.query<Recorded[]>(
    `SELECT contract_id, lot_id, unit_type, unit_price_cents, initial_quantity, min_quantity, max_quantity,
            ordered_quantity, ordered_value_cents, max_quantity - ordered_quantity AS remaining_quantity, awarded_at,
            COALESCE((SELECT SUM(u.delivered_quantity) FROM lot_delivery_units u
                      WHERE u.contract_id = c.contract_id AND u.lot_id = c.lot_id AND u.unit_type = c.unit_type), 0) AS delivered_quantity
     FROM lot_consumption c WHERE tenant = ? AND (? IS NULL OR contract_id = ?)
     ORDER BY contract_id, lot_id, unit_type`,
    scope.tenant,
    scope.contractId,
    scope.contractId,
  );
  return {
    position: fresh.position,
    rows: fresh.rows.map(({ delivered_quantity, ...row }) => {
      const forecast = consumptionForecast({ orderedQuantity: row.ordered_quantity, maxQuantity: row.max_quantity, awardedAt: row.awarded_at }, today);
      return {
        ...row,
        days_since_award: forecast.daysSinceAward,
        delivered_quantity,
        burn_rate_per_day: forecast.burnRatePerDay,
        forecast_exhaustion_date: forecast.forecastExhaustionDate,
      };
    }),
  };
}
