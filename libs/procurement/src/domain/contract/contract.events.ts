import { AwardProcedure } from '../legal/award-procedure';
import { ContractMode } from '../terms/procurement-terms';

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
export type ContractClosed = { type: 'ContractClosed'; data: { contractId: string; closedAt: string } };
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
