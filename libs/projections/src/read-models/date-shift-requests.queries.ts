import type { Fresh, ReadModels } from '../read-models.service';

/** A provider's request to move a session's dates, and the buyer's answer once given. */
export interface DateShiftRequestRow {
  contract_id: string;
  request_id: string;
  order_id: string;
  session_id: string;
  current_start_date: string;
  current_end_date: string;
  start_date: string;
  end_date: string;
  reason: string;
  requested_by: string;
  requested_at: string;
  status: string;
  clause_id: string | null;
  answered_by: string | null;
  answered_at: string | null;
  decline_reason: string | null;
}

/** The tenant's requests in the order they were made, each filter applying when given. */
export function dateShiftRequests(readModels: ReadModels, scope: { tenant: string; status: string | null; contractId: string | null }): Fresh<DateShiftRequestRow[]> {
  const fresh = readModels.query<Array<DateShiftRequestRow & { tenant: string; requested_position: number }>>(
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
