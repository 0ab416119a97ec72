import { existing, inStatus } from '../contract/contract.decider';
import { ContractState, ExistingContract } from '../contract/contract.state';
import { refuse } from '../contract/refuse';
import { ProposeOrderAdjustment, ProposalCommand } from './proposal.commands';
import { AdjustmentProposalApproved, ProposalEvent } from './proposal.events';
import { decideAdjustment, inForceFrom } from '../order/order.decider';
import { OrderEvent } from '../order/order.events';
import { RECRUITMENT_SEASON_RULE } from '../policy/recruitment-season.rule';

export function decideProposal(command: ProposalCommand, state: ContractState): Array<ProposalEvent | OrderEvent> {
  const contract = existing(state);
  inStatus(contract, 'ACTIVE', 'CONTRACT_NOT_ACTIVE');
  const at = command.meta.at;
  switch (command.type) {
    case 'ConfigureAdjustmentPolicy': {
      const settings = command.data;
      if (settings.lowFillRatePercent >= settings.highFillRatePercent) {
        refuse('POLICY_THRESHOLDS_INVALID', 'The low fill rate must be below the high fill rate', { ...settings });
      }
      if ((settings.recruitmentSeasons?.length ?? 0) > 0 && settings.seasonLeadWeeks === undefined) {
        refuse('POLICY_SEASON_LEAD_TIME_MISSING', 'Recruitment seasons need the lead time before them, in weeks', { ...settings });
      }
      return [{ type: 'AdjustmentPolicyConfigured', data: { ...settings, configuredAt: at } }];
    }
    case 'ProposeOrderAdjustment':
      return propose(command, contract);
    case 'ApproveAdjustmentProposal': {
      const proposal = pending(contract, command.data.proposalId);
      // Checked again on today's state: orders may have moved since the proposal.
      const adjusted = inForceFrom(decideAdjustment(proposal, contract), at);
      return [{ type: 'AdjustmentProposalApproved', data: { proposalId: proposal.proposalId, approvedBy: 'BUYER', approvedAt: at } }, adjusted];
    }
    case 'RejectAdjustmentProposal': {
      const proposal = pending(contract, command.data.proposalId);
      return [{ type: 'AdjustmentProposalRejected', data: { proposalId: proposal.proposalId, reason: command.data.reason, rejectedAt: at } }];
    }
  }
}

/**
 * A proposal is checked against the clauses and limits like the adjustment it proposes: one that would be
 * refused is not proposed. Inside the contract's auto-approval envelope it approves itself and says so.
 * The same proposal id twice (the same state seen again) decides nothing.
 */
function propose(command: ProposeOrderAdjustment, contract: ExistingContract): Array<ProposalEvent | OrderEvent> {
  const data = command.data;
  if (contract.proposals[data.proposalId]) return [];
  const adjusted = inForceFrom(decideAdjustment(data, contract), command.meta.at);
  const proposed: ProposalEvent = { type: 'OrderAdjustmentProposed', data: { ...data, proposedAt: command.meta.at } };
  const envelope = autoApproval(contract, data);
  if (!envelope) return [proposed];
  const approved: AdjustmentProposalApproved = {
    type: 'AdjustmentProposalApproved',
    data: { proposalId: data.proposalId, approvedBy: 'AUTO_APPROVAL', envelope, approvedAt: command.meta.at },
  };
  return [proposed, approved, adjusted];
}

/** The envelope the proposal fits in, per kind of adjustment, or undefined when the buyer decides. */
function autoApproval(contract: ExistingContract, data: ProposeOrderAdjustment['data']): AdjustmentProposalApproved['data']['envelope'] {
  const adjustment = data.adjustment;
  if (adjustment.kind === 'SWITCH_TRAINEE_TO_REMOTE') {
    const maxRemoteWeeks = contract.adjustmentPolicy?.autoApprovalMaxRemoteWeeks;
    if (maxRemoteWeeks === undefined || adjustment.weeks > maxRemoteWeeks) return undefined;
    return { maxRemoteWeeks, weeks: adjustment.weeks };
  }
  if (adjustment.kind === 'ADD_SESSION') {
    const preSeason = data.inputs.rule === RECRUITMENT_SEASON_RULE && contract.adjustmentPolicy?.autoApprovePreSeasonSessions === true;
    return preSeason ? { preSeasonSessions: true } : undefined;
  }
  const maxPercent = contract.adjustmentPolicy?.autoApprovalMaxPercent;
  if (maxPercent === undefined || data.adjustment.kind !== 'CHANGE_QUANTITY') return undefined;
  const quantity = contract.orders[data.orderId].quantities[data.adjustment.unitType] ?? 0;
  if (quantity === 0) return undefined;
  // Exact comparison in integers: |delta| × 100 ≤ max% × quantity.
  if (Math.abs(data.adjustment.delta) * 100 > maxPercent * quantity) return undefined;
  return { maxPercent, changePercent: Math.floor((Math.abs(data.adjustment.delta) * 10_000) / quantity) / 100 };
}

function pending(contract: ExistingContract, proposalId: string) {
  const proposal = contract.proposals[proposalId];
  if (!proposal) refuse('PROPOSAL_NOT_FOUND', `No proposal ${proposalId} in this contract`);
  if (proposal.status !== 'PENDING') {
    refuse('PROPOSAL_NOT_PENDING', `Proposal ${proposalId} is ${proposal.status.toLowerCase()}`, { status: proposal.status });
  }
  return proposal;
}
