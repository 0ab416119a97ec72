import { Adjustment } from '../order/order.commands';
import { ExistingContract } from '../contract/contract.state';
import { ProposalDraft } from './adjustment-policy';

/** What a proposal changes: an order's volume, its sessions, or one trainee's way of following the pathway. */
function subjectOf(orderId: string, adjustment: Adjustment): string {
  return adjustment.kind === 'SWITCH_TRAINEE_TO_REMOTE' ? `${orderId}|${adjustment.kind}|${adjustment.traineeId}` : `${orderId}|${adjustment.kind}`;
}

/**
 * The drafts that do not wait behind a pending proposal on the same subject. The policy's figures move with
 * every report (one more person waiting gives new inputs, hence a new proposal id): without this the buyer
 * would find several pending proposals for the same order, each superseding the last. Once the pending one is
 * approved or rejected, the next run proposes from the figures of that moment.
 */
export function draftsNotAwaitingTheBuyer(drafts: readonly ProposalDraft[], contract: ExistingContract): ProposalDraft[] {
  const awaiting = new Set(
    Object.values(contract.proposals)
      .filter((proposal) => proposal.status === 'PENDING')
      .map((proposal) => subjectOf(proposal.orderId, proposal.adjustment)),
  );
  return drafts.filter((draft) => !awaiting.has(subjectOf(draft.orderId, draft.adjustment)));
}
