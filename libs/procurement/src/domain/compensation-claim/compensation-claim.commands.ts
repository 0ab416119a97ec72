import { CommandMeta } from '../terms/command-meta';

/** A provider claims compensation for a unilateral modification of its lot, with the amount and its reasons. */
export type FileCompensationClaim = {
  type: 'FileCompensationClaim';
  meta: CommandMeta;
  data: { claimId: string; amendmentId: string; amountCents: number; reasons: string };
};
/** The buyer accepts a claim, for the amount claimed or less, with its reason when less. */
export type AcceptCompensationClaim = {
  type: 'AcceptCompensationClaim';
  meta: CommandMeta;
  data: { claimId: string; acceptedAmountCents: number; reason?: string };
};
export type RefuseCompensationClaim = { type: 'RefuseCompensationClaim'; meta: CommandMeta; data: { claimId: string; reason: string } };

export type CompensationClaimCommand = FileCompensationClaim | AcceptCompensationClaim | RefuseCompensationClaim;
