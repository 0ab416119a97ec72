import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type {
  TraineeCompleted,
  TraineeEntered,
  TraineeLeftEarly,
  TraineeWaitlisted,
} from '@app/procurement/domain/delivery/delivery.events';
import type { OrderIssued, OrderSessionAdded, OrderSessionCancelled } from '@app/procurement/domain/order/order.events';
import type { Session } from '@app/procurement/domain/terms/procurement-terms';
import { contractIdOf, dataOf, Projection } from '../projection';
import { prepared } from '../sqlite/prepared';
import { applyMapping, MAPPING_EVENTS, mappingSchema, percentSql, placementOf } from './delivery-mapping';

const PREFIX = 'session_fill';

/**
 * How full each ordered session is: its capacity (from the order, cancelled or not), the trainees in it now
 * (entered minus left early; a trainee who completed keeps the place until the session ends, as the delivery
 * decider counts it), those who completed, and the waiting list. The view `session_fill_orders` totals the
 * sessions of an order that are not cancelled.
 */
export const sessionFillProjection: Projection = {
  name: 'session_fill',
  version: 1,
  schema: `
    CREATE TABLE session_fill (
      contract_id TEXT NOT NULL,
      order_id TEXT NOT NULL,
      session_id TEXT NOT NULL,
      tenant TEXT NOT NULL,
      lot_id TEXT NOT NULL,
      capacity INTEGER NOT NULL,
      cancelled INTEGER NOT NULL DEFAULT 0,
      entries INTEGER NOT NULL DEFAULT 0,
      completed INTEGER NOT NULL DEFAULT 0,
      waiting_list INTEGER NOT NULL DEFAULT 0,
      fill_rate_percent REAL GENERATED ALWAYS AS (${percentSql('entries', 'capacity')}) VIRTUAL,
      PRIMARY KEY (contract_id, order_id, session_id)
    );
    CREATE INDEX session_fill_tenant ON session_fill (tenant, contract_id);
    CREATE TABLE session_fill_waiting (
      contract_id TEXT NOT NULL,
      order_id TEXT NOT NULL,
      trainee_id TEXT NOT NULL,
      session_id TEXT NOT NULL,
      PRIMARY KEY (contract_id, order_id, trainee_id)
    );
    ${mappingSchema(PREFIX)}
    CREATE VIEW session_fill_orders AS
      SELECT contract_id, order_id, tenant, lot_id,
             SUM(cancelled = 0) AS sessions,
             SUM(CASE WHEN cancelled = 0 THEN capacity ELSE 0 END) AS capacity,
             SUM(CASE WHEN cancelled = 0 THEN entries ELSE 0 END) AS entries,
             SUM(CASE WHEN cancelled = 0 THEN completed ELSE 0 END) AS completed,
             SUM(CASE WHEN cancelled = 0 THEN waiting_list ELSE 0 END) AS waiting_list,
             ${percentSql(
               'SUM(CASE WHEN cancelled = 0 THEN entries ELSE 0 END)',
               'SUM(CASE WHEN cancelled = 0 THEN capacity ELSE 0 END)',
             )} AS fill_rate_percent
      FROM session_fill GROUP BY contract_id, order_id;`,
  handles: new Set([
    ...MAPPING_EVENTS,
    'OrderSessionAdded',
    'OrderSessionCancelled',
    'TraineeEntered',
    'TraineeWaitlisted',
    'TraineeLeftEarly',
    'TraineeCompleted',
  ]),
  apply(db: Database.Database, event: RecordedEvent): void {
    const contractId = contractIdOf(event);
    switch (event.type) {
      case 'OrderIssued': {
        applyMapping(db, PREFIX, event);
        const { orderId, lotId, sessions } = dataOf<OrderIssued>(event);
        for (const session of sessions) addSession(db, event, contractId, orderId, lotId, session);
        return;
      }
      case 'OrderSessionAdded': {
        const { orderId, session } = dataOf<OrderSessionAdded>(event);
        addSession(db, event, contractId, orderId, placementOf(db, PREFIX, contractId, orderId)?.lotId ?? '', session);
        return;
      }
      case 'OrderSessionCancelled': {
        const { orderId, sessionId } = dataOf<OrderSessionCancelled>(event);
        prepared(db, 'UPDATE session_fill SET cancelled = 1 WHERE contract_id = ? AND order_id = ? AND session_id = ?').run(contractId, orderId, sessionId);
        return;
      }
      case 'TraineeWaitlisted': {
        const { orderId, traineeId, sessionId } = dataOf<TraineeWaitlisted>(event);
        prepared(db, 'INSERT OR IGNORE INTO session_fill_waiting (contract_id, order_id, trainee_id, session_id) VALUES (?, ?, ?, ?)').run(
          contractId,
          orderId,
          traineeId,
          sessionId,
        );
        move(db, 'waiting_list', 1, contractId, orderId, sessionId);
        return;
      }
      case 'TraineeEntered': {
        const { orderId, traineeId, sessionId } = dataOf<TraineeEntered>(event);
        // A listed trainee who enters (a place freed) leaves the waiting list of the session they waited for.
        const waited = prepared(db, 'SELECT session_id FROM session_fill_waiting WHERE contract_id = ? AND order_id = ? AND trainee_id = ?').get(
          contractId,
          orderId,
          traineeId,
        ) as { session_id: string } | undefined;
        if (waited) {
          prepared(db, 'DELETE FROM session_fill_waiting WHERE contract_id = ? AND order_id = ? AND trainee_id = ?').run(contractId, orderId, traineeId);
          move(db, 'waiting_list', -1, contractId, orderId, waited.session_id);
        }
        move(db, 'entries', 1, contractId, orderId, sessionId);
        return;
      }
      case 'TraineeLeftEarly': {
        const { orderId, sessionId } = dataOf<TraineeLeftEarly>(event);
        move(db, 'entries', -1, contractId, orderId, sessionId);
        return;
      }
      case 'TraineeCompleted': {
        const { orderId, sessionId } = dataOf<TraineeCompleted>(event);
        move(db, 'completed', 1, contractId, orderId, sessionId);
        return;
      }
      default:
        applyMapping(db, PREFIX, event);
    }
  },
};

function addSession(db: Database.Database, event: RecordedEvent, contractId: string, orderId: string, lotId: string, session: Session): void {
  prepared(
    db,
    `INSERT OR IGNORE INTO session_fill (contract_id, order_id, session_id, tenant, lot_id, capacity) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(contractId, orderId, session.sessionId, event.metadata.tenant, lotId, session.capacity);
}

function move(
  db: Database.Database,
  column: 'entries' | 'completed' | 'waiting_list',
  delta: number,
  contractId: string,
  orderId: string,
  sessionId: string,
): void {
  prepared(db, `UPDATE session_fill SET ${column} = ${column} + ? WHERE contract_id = ? AND order_id = ? AND session_id = ?`).run(
    delta,
    contractId,
    orderId,
    sessionId,
  );
}
