import type { Fresh, ReadModels } from '../read-models.service';
import { ReadScope, rowsOfLotsPerformed } from './order-placements.queries';

/** A lot's entries by priority public (`<public>` and `<public>_percent`), with the QPV share against the national target. */
export type PriorityPublicsRow = { contract_id: string; lot_id: string; entries: number; qpv_target_percent: number; qpv_gap_points: number | null } & Record<string, string | number | null>;

/** The rows of priority_publics for the scope, by contract and lot. */
export function priorityPublics(readModels: ReadModels, scope: ReadScope): Fresh<PriorityPublicsRow[]> {
  return rowsOfLotsPerformed<PriorityPublicsRow>(readModels, 'priority_publics', scope);
}
