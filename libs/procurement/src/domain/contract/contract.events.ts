import { AwardProcedure } from '../legal/award-procedure';
import { ContractMode, WorkUnitType } from '../terms/procurement-terms';

export type ContractDrafted = {
  type: 'ContractDrafted';
  data: {
    contractId: string;
    tenant: string;
    buyerId: string;
    title: string;
    mode: ContractMode;
    startDate: string;
    endDate: string;
    initialValueCents: number;
    maximumValueCents?: number;
    priorInformationNoticeDate?: string;
    /** Why the purchase is not split into lots, when it is not (L2113-11). */
    singleLotJustification?: string;
    /** Why the framework agreement lasts more than four years (L2125-1 1°), when it does. */
    durationJustification?: string;
    /** The months that justification covers, as computed at drafting: amendments may extend the framework that far. */
    justifiedMonths?: number;
    amendmentResponseDays: number;
    /** How the contract was awarded; absent from contracts drafted before it was recorded. */
    awardProcedure?: AwardProcedure;
    /** The main CPV code of the purchase, which sets its kind and thresholds; absent from contracts drafted before. */
    cpvCode?: string;
    /** Days past the end an order issued in force may run (R2162-5); absent (contracts drafted before it too): none. */
    orderRunPastEndDays?: number;
  };
};
export type ContractPublished = { type: 'ContractPublished'; data: { contractId: string; publishedAt: string } };
export type ContractActivated = { type: 'ContractActivated'; data: { contractId: string; activatedAt: string } };
/** A work unit of a lot ordered below the framework's minimum, as computed at closing. */
export interface MinimumShortfall {
  lotId: string;
  unitType: WorkUnitType;
  minQuantity: number;
  /** Ordered over the framework's life, adjustments included. */
  orderedQuantity: number;
  shortfallQuantity: number;
  /** The shortfall at the unit price in force at closing. */
  shortfallValueCents: number;
}

/** Version 2: a framework agreement's closing records its minimum as checked (CCP R2162-4). */
export const CONTRACT_CLOSED_SCHEMA_VERSION = 2;

export type ContractClosed = {
  type: 'ContractClosed';
  schemaVersion?: number;
  data: {
    contractId: string;
    closedAt: string;
    /** A framework agreement's minimum at closing; absent for other modes and for closings recorded before version 2. */
    minimum?: { reached: boolean; shortfalls: MinimumShortfall[] };
    /** Why the buyer closes below the minimum, when it does. */
    minimumShortfallReason?: string;
  };
};
export type ContractTerminated = {
  type: 'ContractTerminated';
  data: { contractId: string; terminatedAt: string; reason: string };
};

export type ContractLifecycleEvent =
  | ContractDrafted
  | ContractPublished
  | ContractActivated
  | ContractClosed
  | ContractTerminated;
