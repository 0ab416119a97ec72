import { ProposalEvent } from '@app/procurement';
import { FacetReconstruct } from './facet-reconstruct';

export const PROPOSAL_RECONSTRUCT: FacetReconstruct<ProposalEvent> = {
  AdjustmentPolicyConfigured: (event, meta) => {
    const { configuredAt: _configuredAt, ...settings } = event.data;
    return { type: 'ConfigureAdjustmentPolicy', meta, data: settings };
  },
  OrderAdjustmentProposed: (event, meta) => {
    const { proposedAt: _proposedAt, ...data } = event.data;
    return { type: 'ProposeOrderAdjustment', meta, data };
  },
  AdjustmentProposalApproved: (event, meta) =>
    // A buyer's approval is a command of its own; an auto-approval is written by the proposal's command.
    event.data.approvedBy === 'BUYER' ? { type: 'ApproveAdjustmentProposal', meta, data: { proposalId: event.data.proposalId } } : undefined,
  AdjustmentProposalRejected: (event, meta) => ({ type: 'RejectAdjustmentProposal', meta, data: { proposalId: event.data.proposalId, reason: event.data.reason } }),
};
