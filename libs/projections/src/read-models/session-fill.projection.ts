import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type { AbsenceRunDetected } from '@app/procurement/domain/attendance/attendance.events';
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
import { contractIdOf, dataOf, DomainEventType, Projection } from '../projection';
import { BufferedTable, buffered } from '../sqlite/buffered-table';
import { percentSql, placementOf } from './delivery-mapping';
import { column, readModelTable, RowOf } from './read-model-table';

/** The sessions ordered, a row each. */
const SESSION_FILL = readModelTable(
  'session_fill',
  {
    contract_id: column.text(),
    order_id: column.text(),
    session_id: column.text(),
    tenant: column.text(),
    lot_id: column.text(),
    capacity: column.integer(),
    cancelled: column.count(),
    /** Trainees in the session now: entered minus left early. */
    entries: column.count(),
    completed: column.count(),
    /** People waiting: reported by the provider or referred by Pôle emploi (referrals_waiting of them). */
    waiting_list: column.count(),
    /** Pôle emploi referrals holding a place until their outcome. */
    referred: column.count(),
    referrals_waiting: column.count(),
  },
  {
    key: ['contract_id', 'order_id', 'session_id'],
    generated: [`fill_rate_percent REAL GENERATED ALWAYS AS (${percentSql('entries + referred', 'capacity')}) VIRTUAL`],
    // The sessions of an order are read together.
    partitionBy: 2,
  },
);

/** A session's row of the session_fill table. */
export type StoredSessionFill = RowOf<typeof SESSION_FILL>;

const SESSION_FILL_WAITING = readModelTable(
  'session_fill_waiting',
  { contract_id: column.text(), order_id: column.text(), trainee_id: column.text(), session_id: column.text(), referred: column.count() },
  {
    key: ['contract_id', 'order_id', 'trainee_id'],
    // The waiting list of an order is read whole.
    partitionBy: 2,
  },
);

const SESSION_FILL_AT_RISK = readModelTable(
  'session_fill_at_risk',
  {
    contract_id: column.text(),
    order_id: column.text(),
    trainee_id: column.text(),
    session_id: column.text(),
    tenant: column.text(),
    reported_on: column.text(),
    reason: column.text(),
  },
  { key: ['contract_id', 'order_id', 'trainee_id'], partitionBy: 2 },
);

/**
 * How full each ordered session is: its capacity (from the order, cancelled or not), the trainees in it now
 * (entered minus left early; a trainee who completed keeps the place until the session ends, as the delivery
 * decider counts it), those who completed, the Pôle emploi referrals holding a place until their outcome
 * (`referred`), and the waiting list (reported by the provider or referred: `referrals_waiting` of them
 * referred). The fill rate counts the places taken: trainees and referrals holding a place. The view
 * `session_fill_orders` totals the sessions of an order that are not cancelled. `session_fill_at_risk` lists
 * the trainees reported at risk of dropping out who have not left or completed: the dropout rule's input. A run
 * of absences on the attendance sheets puts a trainee there too (reason ABSENCES, on the run's last day), unless
 * already listed.
 */
export const sessionFillProjection: Projection = {
  name: 'session_fill',
  version: 3,
  schema: `
    ${SESSION_FILL.createTable}
    CREATE INDEX session_fill_tenant ON session_fill (tenant, contract_id);
    ${SESSION_FILL_WAITING.createTable}
    ${SESSION_FILL_AT_RISK.createTable}
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
  handles: new Set<DomainEventType>([
    'OrderIssued',
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
    'AbsenceRunDetected',
  ]),
  apply(db: Database.Database, event: RecordedEvent): void {
    const contractId = contractIdOf(event);
    const fill: Tables = { sessions: buffered(db, SESSION_FILL), waiting: buffered(db, SESSION_FILL_WAITING), atRisk: buffered(db, SESSION_FILL_AT_RISK) };
    const { sessions, waiting, atRisk } = fill;
    switch (event.type) {
      case 'OrderIssued': {
        const { orderId, lotId, sessions: ordered } = dataOf<OrderIssued>(event);
        for (const session of ordered) addSession(sessions, event, contractId, orderId, lotId, session);
        return;
      }
      case 'OrderSessionAdded': {
        const { orderId, session } = dataOf<OrderSessionAdded>(event);
        addSession(sessions, event, contractId, orderId, placementOf(db, contractId, orderId)?.lotId ?? '', session);
        return;
      }
      case 'OrderSessionCancelled': {
        const { orderId, sessionId } = dataOf<OrderSessionCancelled>(event);
        const cancelled = sessions.get(contractId, orderId, sessionId);
        if (!cancelled) return;
        cancelled.cancelled = 1;
        sessions.save(cancelled);
        return;
      }
      case 'TraineeWaitlisted': {
        const { orderId, traineeId, sessionId } = dataOf<TraineeWaitlisted>(event);
        waiting.insertOrIgnore({ contract_id: contractId, order_id: orderId, trainee_id: traineeId, session_id: sessionId, referred: 0 });
        move(sessions, 'waiting_list', 1, contractId, orderId, sessionId);
        return;
      }
      case 'TraineeEntered': {
        const { orderId, traineeId, sessionId, referralId } = dataOf<TraineeEntered>(event);
        // A listed trainee who enters (a place freed) leaves the waiting list of the session they waited for;
        // a referral placed in the session hands its place to the trainee.
        const waited = leaveWaitingList(fill, contractId, orderId, traineeId);
        if (!waited && referralId !== undefined) move(sessions, 'referred', -1, contractId, orderId, sessionId);
        move(sessions, 'entries', 1, contractId, orderId, sessionId);
        return;
      }
      case 'TraineeReferred': {
        const { orderId, traineeId, sessionId, placement } = dataOf<TraineeReferred>(event);
        if (placement === 'SESSION') {
          move(sessions, 'referred', 1, contractId, orderId, sessionId);
          return;
        }
        waiting.insertOrIgnore({ contract_id: contractId, order_id: orderId, trainee_id: traineeId, session_id: sessionId, referred: 1 });
        move(sessions, 'waiting_list', 1, contractId, orderId, sessionId);
        move(sessions, 'referrals_waiting', 1, contractId, orderId, sessionId);
        return;
      }
      case 'ReferralRefused':
      case 'ReferralNoShow': {
        const { orderId, traineeId, sessionId, placement } = dataOf<ReferralRefused | ReferralNoShow>(event);
        if (placement === 'SESSION') move(sessions, 'referred', -1, contractId, orderId, sessionId);
        else leaveWaitingList(fill, contractId, orderId, traineeId);
        return;
      }
      case 'TraineeAtRiskReported': {
        const { orderId, traineeId, sessionId, on, reason } = dataOf<TraineeAtRiskReported>(event);
        atRisk.insertOrIgnore({
          contract_id: contractId,
          order_id: orderId,
          trainee_id: traineeId,
          session_id: sessionId,
          tenant: event.metadata.tenant,
          reported_on: on,
          reason,
        });
        return;
      }
      case 'AbsenceRunDetected': {
        const { orderId, traineeId, sessionId, lastDay } = dataOf<AbsenceRunDetected>(event);
        atRisk.insertOrIgnore({
          contract_id: contractId,
          order_id: orderId,
          trainee_id: traineeId,
          session_id: sessionId,
          tenant: event.metadata.tenant,
          reported_on: lastDay,
          reason: 'ABSENCES',
        });
        return;
      }
      case 'TraineeLeftEarly': {
        const { orderId, traineeId, sessionId } = dataOf<TraineeLeftEarly>(event);
        move(sessions, 'entries', -1, contractId, orderId, sessionId);
        if (atRisk.get(contractId, orderId, traineeId)) atRisk.delete(contractId, orderId, traineeId);
        return;
      }
      case 'TraineeCompleted': {
        const { orderId, traineeId, sessionId } = dataOf<TraineeCompleted>(event);
        move(sessions, 'completed', 1, contractId, orderId, sessionId);
        if (atRisk.get(contractId, orderId, traineeId)) atRisk.delete(contractId, orderId, traineeId);
        return;
      }
    }
  },
};

interface Tables {
  sessions: BufferedTable<StoredSessionFill>;
  waiting: BufferedTable<RowOf<typeof SESSION_FILL_WAITING>>;
  atRisk: BufferedTable<RowOf<typeof SESSION_FILL_AT_RISK>>;
}

function addSession(
  sessions: BufferedTable<StoredSessionFill>,
  event: RecordedEvent,
  contractId: string,
  orderId: string,
  lotId: string,
  session: Session,
): void {
  if (sessions.get(contractId, orderId, session.sessionId)) return;
  sessions.save({
    contract_id: contractId,
    order_id: orderId,
    session_id: session.sessionId,
    tenant: event.metadata.tenant,
    lot_id: lotId,
    capacity: session.capacity,
    cancelled: 0,
    entries: 0,
    completed: 0,
    waiting_list: 0,
    referred: 0,
    referrals_waiting: 0,
  });
}

/** Takes a trainee off the waiting list they were on, if any; true when they were on it. */
function leaveWaitingList({ sessions, waiting }: Tables, contractId: string, orderId: string, traineeId: string): boolean {
  const waited = waiting.get(contractId, orderId, traineeId);
  if (!waited) return false;
  waiting.delete(contractId, orderId, traineeId);
  move(sessions, 'waiting_list', -1, contractId, orderId, waited.session_id);
  if (waited.referred === 1) move(sessions, 'referrals_waiting', -1, contractId, orderId, waited.session_id);
  return true;
}

function move(
  sessions: BufferedTable<StoredSessionFill>,
  column: 'entries' | 'completed' | 'waiting_list' | 'referred' | 'referrals_waiting',
  delta: number,
  contractId: string,
  orderId: string,
  sessionId: string,
): void {
  const session = sessions.get(contractId, orderId, sessionId);
  if (!session) return;
  session[column] += delta;
  sessions.save(session);
}
