import type { OrderFill } from '@app/procurement/domain/policy/adjustment-policy';
import type { AtRiskTrainee } from '@app/procurement/domain/policy/remote-switch.rule';
import type { ReadModels } from '../read-models.service';
import { performedBy, ReadScope } from './order-placements.queries';
import type { StoredSessionFill } from './session-fill.projection';

/** A session's fill as answered: its stored row without the tenant, with its fill rate. */
export type SessionFillRow = Omit<StoredSessionFill, 'tenant'> & {
  /** Places taken (entries + referred) over capacity. */
  fill_rate_percent: number | null;
};

export interface OrderFillRow {
  contract_id: string;
  order_id: string;
  lot_id: string;
  /** Sessions not cancelled, and their totals. */
  sessions: number;
  capacity: number;
  entries: number;
  completed: number;
  waiting_list: number;
  referred: number;
  referrals_waiting: number;
  fill_rate_percent: number | null;
}

/**
 * How full each session is and the totals of each order over its sessions not cancelled, for the scope (one
 * order, one contract or all of the tenant's; for a provider those of the lots its awardee performs).
 */
export function sessionFill(readModels: ReadModels, scope: ReadScope & { orderId: string | null }): { position: number; rows: SessionFillRow[]; orders: OrderFillRow[] } {
  const where = (alias: string) =>
    `${alias}.tenant = ? AND (? IS NULL OR ${alias}.contract_id = ?) AND (? IS NULL OR ${alias}.order_id = ?) AND ${performedBy('l.member_ids')}`;
  const join = (alias: string) => `LEFT JOIN order_placements_lot_providers l ON l.contract_id = ${alias}.contract_id AND l.lot_id = ${alias}.lot_id`;
  const parameters = [scope.tenant, scope.contractId, scope.contractId, scope.orderId, scope.orderId, scope.providerId, scope.providerId];
  return readModels.queryAll<{ rows: SessionFillRow[]; orders: OrderFillRow[] }>({
    rows: [
      `SELECT f.contract_id, f.order_id, f.session_id, f.lot_id, f.capacity, f.cancelled, f.entries, f.completed, f.waiting_list,
              f.referred, f.referrals_waiting, f.fill_rate_percent
       FROM session_fill f ${join('f')} WHERE ${where('f')} ORDER BY f.contract_id, f.order_id, f.session_id`,
      ...parameters,
    ],
    orders: [
      `SELECT o.contract_id, o.order_id, o.lot_id, o.sessions, o.capacity, o.entries, o.completed, o.waiting_list,
              o.referred, o.referrals_waiting, o.fill_rate_percent
       FROM session_fill_orders o ${join('o')} WHERE ${where('o')} ORDER BY o.contract_id, o.order_id`,
      ...parameters,
    ],
  });
}

/** Places taken (trainees, and referrals holding a place until their outcome) in a contract's sessions not cancelled, as the adjustment policy reads them. */
export interface PlacesTaken {
  /** Per order: places taken and waiting lists (reported by the provider or referred by Pôle emploi). */
  orders: Record<string, OrderFill>;
  /** Per order, the places taken in each session. */
  sessions: Record<string, Record<string, number>>;
}

export function placesTaken(readModels: ReadModels, contractId: string): PlacesTaken {
  const { rows } = readModels.query<Array<{ order_id: string; session_id: string; taken: number; waiting_list: number }>>(
    'SELECT order_id, session_id, entries + referred AS taken, waiting_list FROM session_fill WHERE contract_id = ? AND cancelled = 0',
    contractId,
  );
  const places: PlacesTaken = { orders: {}, sessions: {} };
  for (const session of rows) {
    const order = places.orders[session.order_id] ?? { entries: 0, waitingList: 0 };
    places.orders[session.order_id] = { entries: order.entries + session.taken, waitingList: order.waitingList + session.waiting_list };
    places.sessions[session.order_id] = { ...places.sessions[session.order_id], [session.session_id]: session.taken };
  }
  return places;
}

/** The trainees of a contract reported at risk of dropping out who are still in their pathway, by order and trainee. */
export function traineesAtRisk(readModels: ReadModels, contractId: string): AtRiskTrainee[] {
  return readModels.query<AtRiskTrainee[]>(
    `SELECT order_id AS orderId, trainee_id AS traineeId, session_id AS sessionId, reported_on AS reportedOn, reason
     FROM session_fill_at_risk WHERE contract_id = ? ORDER BY order_id, trainee_id`,
    contractId,
  ).rows;
}
