import { CommandMeta } from '../terms/command-meta';
import { AdjustmentPolicySettings, ProposalDraft } from './proposal.events';

export type ConfigureAdjustmentPolicy = { type: 'ConfigureAdjustmentPolicy'; meta: CommandMeta; data: AdjustmentPolicySettings };
export type ProposeOrderAdjustment = {
  type: 'ProposeOrderAdjustment';
  meta: CommandMeta;
  data: ProposalDraft;
};
export type ApproveAdjustmentProposal = { type: 'ApproveAdjustmentProposal'; meta: CommandMeta; data: { proposalId: string } };
export type RejectAdjustmentProposal = { type: 'RejectAdjustmentProposal'; meta: CommandMeta; data: { proposalId: string; reason: string } };

export type ProposalCommand = ConfigureAdjustmentPolicy | ProposeOrderAdjustment | ApproveAdjustmentProposal | RejectAdjustmentProposal;
