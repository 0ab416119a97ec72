import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type {
  ReferralNoShow,
  ReferralRefused,
  TraineeAtRiskReported,
  TraineeCompleted,
  TraineeEntered,
  TraineeLeftEarly,
  TraineeReferred,
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
 * decider counts it), those who completed, the Pôle emploi referrals holding a place until their outcome
 * (`referred`), and the waiting list (reported by the provider or referred: `referrals_waiting` of them
 * referred). The fill rate counts the places taken: trainees and referrals holding a place. The view
 * `session_fill_orders` totals the sessions of an order that are not cancelled. `session_fill_at_risk` lists
 * the trainees reported at risk of dropping out who have not left or completed: the dropout rule's input.
 */
export const sessionFillProjection: Projection = {
  name: 'session_fill',
  version: 2,
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
      referred INTEGER NOT NULL DEFAULT 0,
      referrals_waiting INTEGER NOT NULL DEFAULT 0,
      fill_rate_percent REAL GENERATED ALWAYS AS (${percentSql('entries + referred', 'capacity')}) VIRTUAL,
      PRIMARY KEY (contract_id, order_id, session_id)
    );
    CREATE INDEX session_fill_tenant ON session_fill (tenant, contract_id);
    CREATE TABLE session_fill_waiting (
      contract_id TEXT NOT NULL,
      order_id TEXT NOT NULL,
      trainee_id TEXT NOT NULL,
      session_id TEXT NOT NULL,
      referred INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (contract_id, order_id, trainee_id)
    );
    CREATE TABLE session_fill_at_risk (
      contract_id TEXT NOT NULL,
      order_id TEXT NOT NULL,
      trainee_id TEXT NOT NULL,
      session_id TEXT NOT NULL,
      tenant TEXT NOT NULL,
      reported_on TEXT NOT NULL,
      reason TEXT NOT NULL,
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
             SUM(CASE WHEN cancelled = 0 THEN referred ELSE 0 END) AS referred,
             SUM(CASE WHEN cancelled = 0 THEN referrals_waiting ELSE 0 END) AS referrals_waiting,
             ${percentSql(
               'SUM(CASE WHEN cancelled = 0 THEN entries + referred ELSE 0 END)',
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
    'TraineeReferred',
    'ReferralRefused',
    'ReferralNoShow',
    'TraineeAtRiskReported',
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
        const { orderId, traineeId, sessionId, referralId } = dataOf<TraineeEntered>(event);
        // A listed trainee who enters (a place freed) leaves the waiting list of the session they waited for;
        // a referral placed in the session hands its place to the trainee.
        const waited = leaveWaitingList(db, contractId, orderId, traineeId);
        if (!waited && referralId !== undefined) move(db, 'referred', -1, contractId, orderId, sessionId);
        move(db, 'entries', 1, contractId, orderId, sessionId);
        return;
      }
      case 'TraineeReferred': {
        const { orderId, traineeId, sessionId, placement } = dataOf<TraineeReferred>(event);
        if (placement === 'SESSION') {
          move(db, 'referred', 1, contractId, orderId, sessionId);
          return;
        }
        prepared(
          db,
          'INSERT OR IGNORE INTO session_fill_waiting (contract_id, order_id, trainee_id, session_id, referred) VALUES (?, ?, ?, ?, 1)',
        ).run(contractId, orderId, traineeId, sessionId);
        move(db, 'waiting_list', 1, contractId, orderId, sessionId);
        move(db, 'referrals_waiting', 1, contractId, orderId, sessionId);
        return;
      }
      case 'ReferralRefused':
      case 'ReferralNoShow': {
        const { orderId, traineeId, sessionId, placement } = dataOf<ReferralRefused | ReferralNoShow>(event);
        if (placement === 'SESSION') move(db, 'referred', -1, contractId, orderId, sessionId);
        else leaveWaitingList(db, contractId, orderId, traineeId);
        return;
      }
      case 'TraineeAtRiskReported': {
        const { orderId, traineeId, sessionId, on, reason } = dataOf<TraineeAtRiskReported>(event);
        prepared(
          db,
          `INSERT OR IGNORE INTO session_fill_at_risk (contract_id, order_id, trainee_id, session_id, tenant, reported_on, reason)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ).run(contractId, orderId, traineeId, sessionId, event.metadata.tenant, on, reason);
        return;
      }
      case 'TraineeLeftEarly': {
        const { orderId, traineeId, sessionId } = dataOf<TraineeLeftEarly>(event);
        move(db, 'entries', -1, contractId, orderId, sessionId);
        noLongerAtRisk(db, contractId, orderId, traineeId);
        return;
      }
      case 'TraineeCompleted': {
        const { orderId, traineeId, sessionId } = dataOf<TraineeCompleted>(event);
        move(db, 'completed', 1, contractId, orderId, sessionId);
        noLongerAtRisk(db, contractId, orderId, traineeId);
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

/** Takes a trainee off the waiting list they were on, if any; true when they were on it. */
function leaveWaitingList(db: Database.Database, contractId: string, orderId: string, traineeId: string): boolean {
  const waited = prepared(db, 'SELECT session_id, referred FROM session_fill_waiting WHERE contract_id = ? AND order_id = ? AND trainee_id = ?').get(
    contractId,
    orderId,
    traineeId,
  ) as { session_id: string; referred: number } | undefined;
  if (!waited) return false;
  prepared(db, 'DELETE FROM session_fill_waiting WHERE contract_id = ? AND order_id = ? AND trainee_id = ?').run(contractId, orderId, traineeId);
  move(db, 'waiting_list', -1, contractId, orderId, waited.session_id);
  if (waited.referred === 1) move(db, 'referrals_waiting', -1, contractId, orderId, waited.session_id);
  return true;
}

function noLongerAtRisk(db: Database.Database, contractId: string, orderId: string, traineeId: string): void {
  prepared(db, 'DELETE FROM session_fill_at_risk WHERE contract_id = ? AND order_id = ? AND trainee_id = ?').run(contractId, orderId, traineeId);
}

function move(
  db: Database.Database,
  column: 'entries' | 'completed' | 'waiting_list' | 'referred' | 'referrals_waiting',
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
