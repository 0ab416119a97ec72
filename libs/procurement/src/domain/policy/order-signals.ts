import type { WorkUnitType } from '../terms/procurement-terms';

/** The highest tension on a lot, where and when: the policy's optional input, recorded with its proposals. */
export interface LotTension {
  tensionOccupationCode: string;
  tensionTerritoryCode: string;
  tensionPeriod: string;
  tensionIndex: number;
}

/** What the read models say of one order, as the policy reads it. */
/** The lot's recruitment tension (LotTension) is optional: known only when the policy reads labour-market signals. */
export interface OrderSignals extends Partial<LotTension> {
  orderId: string;
  unitType: WorkUnitType;
  orderedQuantity: number;
  /** Places in the order's sessions that are not cancelled. */
  capacity: number;
  /** Places taken: trainees in the sessions, and referrals holding a place until their outcome. */
  entries: number;
  /** People waiting for a place, reported by the provider or referred by Pôle emploi. */
  waitingList: number;
  /** The volume clause covering this order's unit type, if the contract has one. */
  volumeClauseId?: string;
  /** How many units the volume clause still allows up and down, counting every adjustment since award. */
  clauseRoomUp: number;
  clauseRoomDown: number;
  /** Units left under the lot maximum. */
  lotRoomUp: number;
  /** Sessions (not cancelled) started by the day of the run; low fill is judged only once one has. */
  sessionsStarted?: number;
  /**
   * Units the order may lose before its value falls below the part Pôle emploi co-finances; absent when the
   * order is not co-financed. The policy never spends an officer's consent to go lower: that is the buyer's call.
   */
  coFinancedRoomDown?: number;
}
