import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type {
  SessionDateShiftAccepted,
  SessionDateShiftDeclined,
  SessionDateShiftRequested,
} from '@app/procurement/domain/date-shift/date-shift.events';
import { contractIdOf, dataOf, DomainEventType, Projection } from '../projection';
import { buffered, TableShape } from '../sqlite/buffered-table';

/** A request's row of the date_shift_requests table. */
export interface StoredDateShiftRequest {
  contract_id: string;
  request_id: string;
  tenant: string;
  order_id: string;
  session_id: string;
  current_start_date: string;
  current_end_date: string;
  start_date: string;
  end_date: string;
  reason: string;
  requested_by: string;
  requested_at: string;
  requested_position: number;
  status: 'PENDING' | 'ACCEPTED' | 'DECLINED';
  clause_id: string | null;
  answered_by: string | null;
  answered_at: string | null;
  decline_reason: string | null;
}

const DATE_SHIFT_REQUESTS: TableShape<StoredDateShiftRequest> = {
  table: 'date_shift_requests',
  key: ['contract_id', 'request_id'],
  columns: [
    'contract_id',
    'request_id',
    'tenant',
    'order_id',
    'session_id',
    'current_start_date',
    'current_end_date',
    'start_date',
    'end_date',
    'reason',
    'requested_by',
    'requested_at',
    'requested_position',
    'status',
    'clause_id',
    'answered_by',
    'answered_at',
    'decline_reason',
  ],
  // The requests of a contract are read together: each is asked, then answered.
  partitionBy: 1,
};

/** Date-shift requests of the shared session calendar and their answers, for buyers and officers. */
export const dateShiftRequestsProjection: Projection = {
  name: 'date_shift_requests',
  version: 1,
  schema: `
    CREATE TABLE date_shift_requests (
      contract_id TEXT NOT NULL,
      request_id TEXT NOT NULL,
      tenant TEXT NOT NULL,
      order_id TEXT NOT NULL,
      session_id TEXT NOT NULL,
      current_start_date TEXT NOT NULL,
      current_end_date TEXT NOT NULL,
      start_date TEXT NOT NULL,
      end_date TEXT NOT NULL,
      reason TEXT NOT NULL,
      requested_by TEXT NOT NULL,
      requested_at TEXT NOT NULL,
      requested_position INTEGER NOT NULL,
      status TEXT NOT NULL,
      clause_id TEXT,
      answered_by TEXT,
      answered_at TEXT,
      decline_reason TEXT,
      PRIMARY KEY (contract_id, request_id)
    );
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
