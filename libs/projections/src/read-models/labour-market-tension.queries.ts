import type { StoredTension } from './labour-market-tension.projection';
import type { TensionObservation } from '@app/procurement/domain/policy/labour-market-tension';
import type { Fresh, ReadModels } from '../read-models.service';

/** The current tension of an occupation in a territory and month: the latest import of each wins. */
export type LabourMarketTensionRow = Omit<StoredTension, 'tenant'>;

/** The tenant's tensions, by occupation, territory and month, each filter applying when given. */
export function labourMarketTension(
  readModels: ReadModels,
  scope: { tenant: string; occupationCode: string | null; territoryCode: string | null; period: string | null },
): Fresh<LabourMarketTensionRow[]> {
  return readModels.query<LabourMarketTensionRow[]>(
    `SELECT occupation_code, territory_code, period, unfilled_offers, tension_index, import_id, observed_at FROM labour_market_tension
     WHERE tenant = ? AND (? IS NULL OR occupation_code = ?) AND (? IS NULL OR territory_code = ?) AND (? IS NULL OR period = ?)
     ORDER BY occupation_code, territory_code, period`,
    scope.tenant,
    scope.occupationCode,
    scope.occupationCode,
    scope.territoryCode,
    scope.territoryCode,
    scope.period,
    scope.period,
  );
}

/** The tenant's tensions of these occupations, in every territory and month, as the adjustment policy reads them. */
export function tensionObservations(readModels: ReadModels, tenant: string, occupationCodes: readonly string[]): TensionObservation[] {
  return readModels.query<TensionObservation[]>(
    `SELECT occupation_code AS occupationCode, territory_code AS territoryCode, period, tension_index AS tensionIndex
     FROM labour_market_tension WHERE tenant = ? AND occupation_code IN (SELECT value FROM json_each(?))`,
    tenant,
    JSON.stringify(occupationCodes),
  ).rows;
}
