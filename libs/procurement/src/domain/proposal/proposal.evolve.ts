import { FacetEvolve } from '../contract/facet-evolve';
import { AdjustmentProposalApproved, AdjustmentProposalRejected, ProposalEvent } from './proposal.events';
import type { ExistingContract } from '../contract/contract-state.types';

export const PROPOSAL_EVOLVE: FacetEvolve<ProposalEvent> = {
  AdjustmentPolicyConfigured: (state, event) => {
    const { configuredAt: _configuredAt, ...settings } = event.data;
    return { ...state, adjustmentPolicy: settings };
  },
  OrderAdjustmentProposed: (state, event) => {
    const { proposedAt: _proposedAt, ...proposal } = event.data;
    return { ...state, proposals: { ...state.proposals, [proposal.proposalId]: { ...proposal, status: 'PENDING' } } };
  },
  AdjustmentProposalApproved: (state, event) => answerProposal(state, event),
  AdjustmentProposalRejected: (state, event) => answerProposal(state, event),
};

export function answerProposal(state: ExistingContract, event: AdjustmentProposalApproved | AdjustmentProposalRejected): ExistingContract {
  const proposal = state.proposals[event.data.proposalId];
  const status = event.type === 'AdjustmentProposalApproved' ? 'APPROVED' : 'REJECTED';
  return { ...state, proposals: { ...state.proposals, [proposal.proposalId]: { ...proposal, status } } };
}
