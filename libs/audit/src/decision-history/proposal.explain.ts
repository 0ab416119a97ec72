import { Adjustment, ProposalEvent } from '@app/procurement';
import { FacetExplain, signed, words } from './facet-explain';

export const PROPOSAL_EXPLAIN: FacetExplain<ProposalEvent> = {
  AdjustmentPolicyConfigured: (event) => {
    const { configuredAt: _configuredAt, ...settings } = event.data;
    return [
      `Adjustment policy set: propose more from ${settings.waitingListThreshold} waiting and ${settings.highFillRatePercent}% full, less below ${settings.lowFillRatePercent}%` +
        (settings.autoApprovalMaxPercent === undefined ? '' : `; changes up to ${settings.autoApprovalMaxPercent}% approve themselves`),
      { figures: { ...settings } },
    ];
  },
  OrderAdjustmentProposed: (event) => {
    const d = event.data;
    return [
      `Proposal ${d.proposalId}: order ${d.orderId} ${adjustment(d.adjustment)} under clause ${d.clauseId}`,
      { clauseId: d.clauseId, reason: d.reason, policyVersion: d.policyVersion, inputs: d.inputs },
    ];
  },
  AdjustmentProposalApproved: (event) => {
    const d = event.data;
    const by = d.approvedBy === 'AUTO_APPROVAL' ? 'approved itself inside the auto-approval envelope' : 'approved by the buyer';
    return [`Proposal ${d.proposalId} ${by}`, d.envelope ? { figures: { ...d.envelope } } : {}];
  },
  AdjustmentProposalRejected: (event) => [`Proposal ${event.data.proposalId} rejected`, { reason: event.data.reason }],
};

function adjustment(value: Adjustment): string {
  switch (value.kind) {
    case 'CHANGE_QUANTITY':
      return `${signed(value.delta)} ${value.unitType}`;
    case 'MOVE_SESSION':
      return `move session ${value.sessionId} to ${value.startDate}`;
    case 'ADD_SESSION':
      return `add session ${value.session.sessionId}`;
    case 'CANCEL_SESSION':
      return `cancel session ${value.sessionId}`;
    case 'SWITCH_MODALITY':
      return `switch session ${value.sessionId} to ${words(value.modality)}`;
    case 'ADD_MODULE':
      return `add ${value.quantity} of module ${value.moduleId}`;
    case 'SWITCH_TRAINEE_TO_REMOTE':
      return `trainee ${value.traineeId} of session ${value.sessionId} continues remotely ${value.weeks} weeks`;
  }
}
