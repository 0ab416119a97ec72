import { CommandMeta } from '../terms/command-meta';
import { AwardProcedure } from '../legal/award-procedure';
import { ContractMode } from '../terms/procurement-terms';

export type DraftContract = {
  type: 'DraftContract';
  meta: CommandMeta;
  data: {
    contractId: string;
    tenant: string;
    title: string;
    mode: ContractMode;
    startDate: string;
    endDate: string;
    initialValueCents: number;
    maximumValueCents?: number;
    priorInformationNoticeDate?: string;
    singleLotJustification?: string;
    /**
     * Why a framework agreement lasts more than four years (CCP L2125-1 1°: exceptional cases justified by its
     * object or by investments to amortise over a longer period); required beyond four years.
     */
    durationJustification?: string;
    /**
     * How the contract is awarded (MAPA, a formalised procedure, or without publication on a ground of R2122-1 to
     * R2122-11) and its main CPV code: the tender committee's role and the thresholds follow from them.
     */
    awardProcedure?: AwardProcedure;
    cpvCode?: string;
    /** Days a provider has to answer a notified amendment; past them, no answer is recorded (default 15). */
    amendmentResponseDays?: number;
    /**
     * How many days past the framework's end an order issued while it is in force may run (CCP R2162-5: the usual
     * execution terms of the services); none when absent.
     */
    orderRunPastEndDays?: number;
  };
};
export type PublishContract = { type: 'PublishContract'; meta: CommandMeta };
export type ActivateContract = { type: 'ActivateContract'; meta: CommandMeta };
export type CloseContract = {
  type: 'CloseContract';
  meta: CommandMeta;
  /** The buyer's reason for closing a framework agreement below its minimum (CCP R2162-4), recorded with the figures. */
  data?: { minimumShortfallReason?: string };
};
export type TerminateContract = { type: 'TerminateContract'; meta: CommandMeta; data: { reason: string } };

export type ContractLifecycleCommand = DraftContract | PublishContract | ActivateContract | CloseContract | TerminateContract;
