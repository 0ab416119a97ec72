import { QualiopiCheck } from '../provider-register/qualiopi-check';
import { CoFinancedReductionCheck } from '../co-financing/co-financing.events';
import { Modality, OrderLine, Session, WorkUnitType } from '../terms/procurement-terms';

export type OrderIssued = {
  type: 'OrderIssued';
  schemaVersion?: number;
  data: {
    orderId: string;
    lotId: string;
    lines: OrderLine[];
    sessions: Session[];
    periodStart: string;
    periodEnd: string;
    /** Value of the order at the lot's prices, and the figures of the limits it was checked against. */
    valueCents: number;
    check: LimitCheck;
    /** Present when the order runs past the end of the contract: how far, and the bound it set (R2162-5). */
    runsPastEnd?: RunPastEnd;
    /**
     * Schema version 2: the certificates of the lot's providers the order was checked against (art. L6316-1 Code
     * du travail); absent from orders recorded before the register was consulted.
     */
    qualiopi?: QualiopiCheck;
  };
};

export interface RunPastEnd {
  contractEnd: string;
  periodEnd: string;
  daysPastEnd: number;
  maxDaysPastEnd: number;
  latestPeriodEnd: string;
}

/** What an order or adjustment was checked against, kept with the decision for auditors. */
export interface LimitCheck {
  lotOrderedAfter: Partial<Record<WorkUnitType, number>>;
  lotMaximum: Partial<Record<WorkUnitType, number>>;
  lotValueAfterCents: number;
  lotMaximumValueCents?: number;
  contractValueAfterCents: number;
  contractMaximumValueCents?: number;
  /** Cumulative volume adjustments since award, per unit type, when a volume clause was used. */
  clauseAdjustedAfter?: number;
  clauseBound?: { min: number; max: number };
}

/** Every adjustment names the clause it uses. */
interface AdjustmentBase {
  orderId: string;
  clauseId: string;
  reason: string;
}

/**
 * adjustedOn (schema version 2): the day the new quantity is in force from; statements cap the units delivered
 * from that day by it. Version 1 events have none: read as in force over the whole order, as they were.
 */
export const DATED_ADJUSTMENT_SCHEMA_VERSION = 2;

export type OrderQuantityAdjusted = {
  type: 'OrderQuantityAdjusted';
  schemaVersion?: number;
  data: AdjustmentBase & {
    adjustedOn?: string;
    unitType: WorkUnitType;
    delta: number;
    quantityAfter: number;
    valueDeltaCents: number;
    check: LimitCheck;
    /** A reduction of a co-financed order: the co-financed part it was checked against, and the consent used. */
    coFinancing?: CoFinancedReductionCheck;
  };
};
export type OrderSessionMoved = {
  type: 'OrderSessionMoved';
  data: AdjustmentBase & { sessionId: string; startDate: string; endDate: string; shiftDays: number };
};
export type OrderSessionAdded = { type: 'OrderSessionAdded'; data: AdjustmentBase & { session: Session } };
export type OrderSessionCancelled = { type: 'OrderSessionCancelled'; data: AdjustmentBase & { sessionId: string } };
export type OrderModalitySwitched = {
  type: 'OrderModalitySwitched';
  data: AdjustmentBase & { sessionId: string; from: Modality; to: Modality };
};
export type OrderModuleAdded = {
  type: 'OrderModuleAdded';
  schemaVersion?: number;
  data: AdjustmentBase & { adjustedOn?: string; moduleId: string; unitType: WorkUnitType; quantity: number; unitPriceCents: number; valueDeltaCents: number; check: LimitCheck };
};
/** A trainee at risk continues remotely under the dropout clause; weeks counted per trainee since the order was issued. */
export type OrderTraineeSwitchedToRemote = {
  type: 'OrderTraineeSwitchedToRemote';
  data: AdjustmentBase & { traineeId: string; sessionId: string; weeks: number; weeksBefore: number; weeksAfter: number; maxRemoteWeeks: number };
};
export type OrderClosed = { type: 'OrderClosed'; data: { orderId: string; closedAt: string } };

export type OrderAdjustmentEvent =
  | OrderQuantityAdjusted
  | OrderSessionMoved
  | OrderSessionAdded
  | OrderSessionCancelled
  | OrderModalitySwitched
  | OrderModuleAdded
  | OrderTraineeSwitchedToRemote;

export type OrderEvent = OrderIssued | OrderAdjustmentEvent | OrderClosed;
