import { CommandMeta } from '../terms/command-meta';
import { AmendmentChange, AmendmentJustification, SubstantialEffects } from './amendment.events';

export type RequestAmendment = {
  type: 'RequestAmendment';
  meta: CommandMeta;
  data: { amendmentId: string; lotId: string; description: string; change: AmendmentChange };
};
export type ProposeAmendment = {
  type: 'ProposeAmendment';
  meta: CommandMeta;
  data: {
    amendmentId: string;
    description: string;
    change: AmendmentChange;
    /** The buyer's estimate of the change in value, kept beside the computed figure; never checked in its place. */
    declaredAmountChangeCents?: number;
    reviewClauseId?: string;
    justification?: AmendmentJustification;
    substantialEffects?: SubstantialEffects;
    changesOverallNature?: boolean;
    requestId?: string;
  };
};
export type RecordTenderCommitteeOpinion = {
  type: 'RecordTenderCommitteeOpinion';
  meta: CommandMeta;
  data: { amendmentId: string; opinionDate: string; favourable: boolean };
};
export type SignAmendment = { type: 'SignAmendment'; meta: CommandMeta; data: { amendmentId: string } };
export type NotifyAmendment = { type: 'NotifyAmendment'; meta: CommandMeta; data: { amendmentId: string } };
export type AcknowledgeAmendment = { type: 'AcknowledgeAmendment'; meta: CommandMeta; data: { amendmentId: string } };
export type AcceptAmendment = { type: 'AcceptAmendment'; meta: CommandMeta; data: { amendmentId: string } };
export type DisputeAmendment = { type: 'DisputeAmendment'; meta: CommandMeta; data: { amendmentId: string; reason: string } };
/**
 * Refused since an avenant needs the contractor's consent: kept so that the route and older clients get the
 * rule that refuses it (DEEMED_ACCEPTANCE_NOT_ALLOWED) rather than an unknown command.
 */
export type RecordDeemedAcceptance = { type: 'RecordDeemedAcceptance'; meta: CommandMeta; data: { amendmentId: string } };
/** The response deadline passed without an answer: recorded as such, the amendment lapses without coming into force. */
export type RecordNoAnswer = { type: 'RecordNoAnswer'; meta: CommandMeta; data: { amendmentId: string } };

/**
 * The buyer's unilateral modification of the contract (CCP L6 4°, L2194-2): a decision, not an avenant, in force
 * without the provider's consent, within the same legal bases as an amendment and on the ground the buyer gives;
 * it opens the provider's right to compensation (see compensation-claim).
 */
export type ImposeUnilateralModification = {
  type: 'ImposeUnilateralModification';
  meta: CommandMeta;
  data: {
    amendmentId: string;
    description: string;
    change: AmendmentChange;
    /** The general-interest ground of the decision. */
    ground: string;
    declaredAmountChangeCents?: number;
    reviewClauseId?: string;
    justification?: AmendmentJustification;
    substantialEffects?: SubstantialEffects;
    changesOverallNature?: boolean;
  };
};

/** An amendment never signed is withdrawn: it no longer counts in any running total (R2194-9). */
export type WithdrawAmendment = { type: 'WithdrawAmendment'; meta: CommandMeta; data: { amendmentId: string; reason: string } };

export type AmendmentCommand =
  | RequestAmendment
  | ProposeAmendment
  | RecordTenderCommitteeOpinion
  | SignAmendment
  | NotifyAmendment
  | AcknowledgeAmendment
  | AcceptAmendment
  | DisputeAmendment
  | RecordDeemedAcceptance
  | RecordNoAnswer
  | ImposeUnilateralModification
  | WithdrawAmendment;
