import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type {
  SessionDateShiftAccepted,
  SessionDateShiftDeclined,
  SessionDateShiftRequested,
} from '@app/procurement/domain/date-shift/date-shift.events';
import { contractIdOf, dataOf, DomainEventType, Projection } from '../projection';
import { buffered } from '../sqlite/buffered-table';
import { column, readModelTable, RowOf } from './read-model-table';

const DATE_SHIFT_REQUESTS = readModelTable(
  'date_shift_requests',
  {
    contract_id: column.text(),
    request_id: column.text(),
    tenant: column.text(),
    order_id: column.text(),
    session_id: column.text(),
    current_start_date: column.text(),
    current_end_date: column.text(),
    start_date: column.text(),
    end_date: column.text(),
    reason: column.text(),
    requested_by: column.text(),
    requested_at: column.text(),
    requested_position: column.integer(),
    status: column.text<'PENDING' | 'ACCEPTED' | 'DECLINED'>(),
    clause_id: column.textOrNull(),
    answered_by: column.textOrNull(),
    answered_at: column.textOrNull(),
    decline_reason: column.textOrNull(),
  },
  {
    key: ['contract_id', 'request_id'],
    // The requests of a contract are read together: each is asked, then answered.
    partitionBy: 1,
  },
);

/** A request's row of the date_shift_requests table. */
export type StoredDateShiftRequest = RowOf<typeof DATE_SHIFT_REQUESTS>;

/** Date-shift requests of the shared session calendar and their answers, for buyers and officers. */
export const dateShiftRequestsProjection: Projection = {
  name: 'date_shift_requests',
  version: 1,
  schema: `
    ${DATE_SHIFT_REQUESTS.createTable}
    CREATE INDEX date_shift_requests_tenant ON date_shift_requests (tenant, status, requested_position);`,
  handles: new Set<DomainEventType>(['SessionDateShiftRequested', 'SessionDateShiftAccepted', 'SessionDateShiftDeclined']),
  apply(db: Database.Database, event: RecordedEvent): void {
    const contractId = contractIdOf(event);
    const requests = buffered(db, DATE_SHIFT_REQUESTS);
    switch (event.type) {
      case 'SessionDateShiftRequested': {
        const d = dataOf<SessionDateShiftRequested>(event);
        requests.insertOrIgnore({
          contract_id: contractId,
          request_id: d.requestId,
          tenant: event.metadata.tenant,
          order_id: d.orderId,
          session_id: d.sessionId,
          current_start_date: d.currentStartDate,
          current_end_date: d.currentEndDate,
          start_date: d.startDate,
          end_date: d.endDate,
          reason: d.reason,
          requested_by: d.requestedBy,
          requested_at: d.requestedAt,
          requested_position: event.position,
          status: 'PENDING',
          clause_id: null,
          answered_by: null,
          answered_at: null,
          decline_reason: null,
        });
        return;
      }
      case 'SessionDateShiftAccepted': {
        const { requestId, clauseId, acceptedBy, acceptedAt } = dataOf<SessionDateShiftAccepted>(event);
        const request = requests.get(contractId, requestId);
        if (!request) return;
        Object.assign(request, { status: 'ACCEPTED', clause_id: clauseId, answered_by: acceptedBy, answered_at: acceptedAt });
        requests.save(request);
        return;
      }
      case 'SessionDateShiftDeclined': {
        const { requestId, reason, declinedBy, declinedAt } = dataOf<SessionDateShiftDeclined>(event);
        const request = requests.get(contractId, requestId);
        if (!request) return;
        Object.assign(request, { status: 'DECLINED', decline_reason: reason, answered_by: declinedBy, answered_at: declinedAt });
        requests.save(request);
        return;
      }
    }
  },
};
