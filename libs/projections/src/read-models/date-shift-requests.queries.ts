import type { StoredDateShiftRequest } from './date-shift-requests.projection';
import type { Fresh, ReadModels } from '../read-models.service';

/** A provider's request to move a session's dates, and the buyer's answer once given. */
export type DateShiftRequestRow = Omit<StoredDateShiftRequest, 'tenant' | 'requested_position'>;

/** The tenant's requests in the order they were made, each filter applying when given. */
export function dateShiftRequests(readModels: ReadModels, scope: { tenant: string; status: string | null; contractId: string | null }): Fresh<DateShiftRequestRow[]> {
  const fresh = readModels.query<StoredDateShiftRequest[]>(
    `SELECT * FROM date_shift_requests WHERE tenant = ? AND (? IS NULL OR status = ?) AND (? IS NULL OR contract_id = ?)
     ORDER BY requested_position`,
    scope.tenant,
    scope.status,
    scope.status,
    scope.contractId,
    scope.contractId,
  );
  return { position: fresh.position, rows: fresh.rows.map(({ tenant: _tenant, requested_position: _position, ...row }) => row) };
}
