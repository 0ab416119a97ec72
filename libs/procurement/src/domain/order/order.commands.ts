import { RegisterFact } from '../provider-register/qualiopi-check';
import { CommandMeta } from '../terms/command-meta';
import { Modality, OrderLine, Session, WorkUnitType } from '../terms/procurement-terms';

/**
 * `register`: the register's facts on the providers of the lot, which the command handler always adds; absent only
 * from orders rebuilt from a record made before the register was consulted (QUALIOPI_CHECKED_SCHEMA_VERSION).
 */
export type IssueOrder = {
  type: 'IssueOrder';
  meta: CommandMeta;
  data: { orderId: string; lotId: string; lines: OrderLine[]; sessions: Session[]; periodStart: string; periodEnd: string; register?: RegisterFact[] };
};

/** The changes an order may undergo, each under a clause of the contract. */
export type Adjustment =
  | { kind: 'CHANGE_QUANTITY'; unitType: WorkUnitType; delta: number }
  | { kind: 'MOVE_SESSION'; sessionId: string; startDate: string; endDate: string }
  | { kind: 'ADD_SESSION'; session: Session }
  | { kind: 'CANCEL_SESSION'; sessionId: string }
  | { kind: 'SWITCH_MODALITY'; sessionId: string; modality: Modality }
  | { kind: 'ADD_MODULE'; moduleId: string; quantity: number }
  /** Dropout clause: a trainee at risk continues remotely, evening-course style, for a number of weeks. */
  | { kind: 'SWITCH_TRAINEE_TO_REMOTE'; traineeId: string; sessionId: string; weeks: number };

export type AdjustOrder = {
  type: 'AdjustOrder';
  meta: CommandMeta;
  data: { orderId: string; clauseId: string; reason: string; adjustment: Adjustment };
};
export type CloseOrder = { type: 'CloseOrder'; meta: CommandMeta; data: { orderId: string } };

export type OrderCommand = IssueOrder | AdjustOrder | CloseOrder;
