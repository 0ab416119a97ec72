import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type {
  SessionDateShiftAccepted,
  SessionDateShiftDeclined,
  SessionDateShiftRequested,
} from '@app/procurement/domain/date-shift/date-shift.events';
import { contractIdOf, dataOf, DomainEventType, Projection } from '../projection';
import { prepared } from '../sqlite/prepared';

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
    switch (event.type) {
      case 'SessionDateShiftRequested': {
        const d = dataOf<SessionDateShiftRequested>(event);
        prepared(
          db,
          `INSERT OR IGNORE INTO date_shift_requests (contract_id, request_id, tenant, order_id, session_id, current_start_date, current_end_date,
             start_date, end_date, reason, requested_by, requested_at, requested_position, status)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')`,
        ).run(
          contractId,
          d.requestId,
          event.metadata.tenant,
          d.orderId,
          d.sessionId,
          d.currentStartDate,
          d.currentEndDate,
          d.startDate,
          d.endDate,
          d.reason,
          d.requestedBy,
          d.requestedAt,
          event.position,
        );
        return;
      }
      case 'SessionDateShiftAccepted': {
        const { requestId, clauseId, acceptedBy, acceptedAt } = dataOf<SessionDateShiftAccepted>(event);
        prepared(
          db,
          `UPDATE date_shift_requests SET status = 'ACCEPTED', clause_id = ?, answered_by = ?, answered_at = ? WHERE contract_id = ? AND request_id = ?`,
        ).run(clauseId, acceptedBy, acceptedAt, contractId, requestId);
        return;
      }
      case 'SessionDateShiftDeclined': {
        const { requestId, reason, declinedBy, declinedAt } = dataOf<SessionDateShiftDeclined>(event);
        prepared(
          db,
          `UPDATE date_shift_requests SET status = 'DECLINED', decline_reason = ?, answered_by = ?, answered_at = ? WHERE contract_id = ? AND request_id = ?`,
        ).run(reason, declinedBy, declinedAt, contractId, requestId);
        return;
      }
    }
  },
};
