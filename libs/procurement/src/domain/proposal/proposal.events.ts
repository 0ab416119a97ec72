import { Adjustment } from '../order/order.commands';

/** The contract's settings of the adjustment loop: when to propose, and what may approve itself. */
export interface AdjustmentPolicySettings {
  /** People waiting for a place in an order's sessions from which more volume is proposed. */
  waitingListThreshold: number;
  /** Fill rate (entries / capacity, percent) from which an order counts as full. */
  highFillRatePercent: number;
  /** Fill rate below which fewer units are proposed. */
  lowFillRatePercent: number;
  /** Volume changes up to this percentage of the order's quantity approve themselves; none when absent. */
  autoApprovalMaxPercent?: number;
  /**
   * Recruitment tension (index of the labour-market signals) from which a waiting list alone justifies more
   * volume on a lot leading to that occupation in that territory; the labour-market rule is off when absent.
   */
  tensionIndexThreshold?: number;
  /** Under that rule, how many units beyond the waiting list are proposed, in percent of it (0 when absent). */
  tensionExtraPercent?: number;
  /**
   * Remote switches of trainees at risk up to this many weeks approve themselves (the dropout clause bounds
   * them anyway: set it to the clause's weeks to approve every switch the clause allows); none when absent.
   */
  autoApprovalMaxRemoteWeeks?: number;
  /** Recruitment seasons before which a session is added to orders of the lots they concern; none when absent. */
  recruitmentSeasons?: RecruitmentSeason[];
  /** How many weeks before a season's start its session is proposed (needed with recruitmentSeasons). */
  seasonLeadWeeks?: number;
  /** Sessions proposed before a recruitment season approve themselves; off when absent. */
  autoApprovePreSeasonSessions?: boolean;
}

/** A yearly recruitment season (months 1–12; one ending in an earlier month runs into the next year). */
export interface RecruitmentSeason {
  /** The season concerns only this lot, or only the lots of this training domain; every lot when neither. */
  lotId?: string;
  domainCode?: string;
  startMonth: number;
  endMonth: number;
  label: string;
}

export type AdjustmentPolicyConfigured = { type: 'AdjustmentPolicyConfigured'; data: AdjustmentPolicySettings & { configuredAt: string } };

/** A change the adjustment policy proposes, with the exact projection values it used, for re-running. */
export type OrderAdjustmentProposed = {
  type: 'OrderAdjustmentProposed';
  data: {
    proposalId: string;
    orderId: string;
    clauseId: string;
    adjustment: Adjustment;
    reason: string;
    policyVersion: string;
    inputs: Record<string, number | string>;
    proposedAt: string;
  };
};
/** What a proposal proposes, as its event records it: what the policy drafts and the command carries. */
export type ProposalDraft = Omit<OrderAdjustmentProposed['data'], 'proposedAt'>;
export type AdjustmentProposalApproved = {
  type: 'AdjustmentProposalApproved';
  data: {
    proposalId: string;
    /** BUYER, or AUTO_APPROVAL when the change fits the contract's envelope (stated with it). */
    approvedBy: 'BUYER' | 'AUTO_APPROVAL';
    envelope?: { maxPercent: number; changePercent: number } | { maxRemoteWeeks: number; weeks: number } | { preSeasonSessions: true };
    approvedAt: string;
  };
};
export type AdjustmentProposalRejected = {
  type: 'AdjustmentProposalRejected';
  data: { proposalId: string; reason: string; rejectedAt: string };
};

export type ProposalEvent = AdjustmentPolicyConfigured | OrderAdjustmentProposed | AdjustmentProposalApproved | AdjustmentProposalRejected;
