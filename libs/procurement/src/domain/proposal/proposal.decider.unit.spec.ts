import { specify } from '@app/shared/testing/decider-specification';
import { ProcurementEvent } from '../contract/contract.state';
import { procurementDecider } from '../procurement.decider';
import { activeContract, ADJUSTED_AT, meta, orderPathways, recorded, stateOf, VOLUME_PATHWAY_CLAUSE } from '../testing/fixtures';
import { ProposalCommand } from './proposal.commands';

const configure = (autoApprovalMaxPercent?: number): ProposalCommand => ({
  type: 'ConfigureAdjustmentPolicy',
  meta: meta('2026-03-01T09:00:00.000Z'),
  data: { waitingListThreshold: 5, highFillRatePercent: 90, lowFillRatePercent: 50, ...(autoApprovalMaxPercent === undefined ? {} : { autoApprovalMaxPercent }) },
});
const propose = (delta: number, proposalId = 'proposal-1'): ProposalCommand => ({
  type: 'ProposeOrderAdjustment',
  meta: { at: ADJUSTED_AT, actorId: 'adjustment-policy' },
  data: {
    proposalId,
    orderId: 'order-1',
    clauseId: VOLUME_PATHWAY_CLAUSE,
    adjustment: { kind: 'CHANGE_QUANTITY', unitType: 'PATHWAY', delta },
    reason: '8 people waiting and sessions 100% full',
    policyVersion: 'fill-rate-and-waiting-list@1',
    inputs: { waitingList: 8, fillRatePercent: 100 },
  },
});
const approve = (proposalId = 'proposal-1'): ProposalCommand => ({ type: 'ApproveAdjustmentProposal', meta: meta('2026-04-02T09:00:00.000Z'), data: { proposalId } });
const reject = (proposalId = 'proposal-1'): ProposalCommand => ({
  type: 'RejectAdjustmentProposal',
  meta: meta('2026-04-02T09:00:00.000Z'),
  data: { proposalId, reason: 'Budget kept for the autumn' },
});

const withOrder = (...commands: ProposalCommand[]): ProcurementEvent[] => recorded(activeContract(), orderPathways('order-1', 40), ...commands);
const types = (events: ProcurementEvent[]) => events.map((event) => event.type);

describe('an adjustment proposal', () => {
  it('is recorded with the inputs and policy version it came from, and changes nothing yet', () => {
    const events = specify(procurementDecider).given(withOrder(configure())).when(propose(8)).events();
    expect(events).toEqual([
      { type: 'OrderAdjustmentProposed', data: { ...(propose(8) as Extract<ProposalCommand, { type: 'ProposeOrderAdjustment' }>).data, proposedAt: ADJUSTED_AT } },
    ]);
  });

  it('is not proposed when the adjustment would go beyond the volume clause', () => {
    specify(procurementDecider).given(withOrder(configure())).when(propose(21)).thenRefuses('VOLUME_CLAUSE_BOUND_EXCEEDED');
  });

  it('is proposed once: the same proposal again decides nothing', () => {
    specify(procurementDecider).given(withOrder(configure(), propose(8))).when(propose(8)).then([]);
  });

  it('approves itself inside the auto-approval envelope, and says so', () => {
    // 2 more pathways on an order of 40 is 5%: inside a 5% envelope.
    const events = specify(procurementDecider).given(withOrder(configure(5))).when(propose(2)).events();
    expect(types(events)).toEqual(['OrderAdjustmentProposed', 'AdjustmentProposalApproved', 'OrderQuantityAdjusted']);
    expect(events[1].data).toMatchObject({ approvedBy: 'AUTO_APPROVAL', envelope: { maxPercent: 5, changePercent: 5 } });
  });

  it('waits for the buyer just outside the envelope', () => {
    const events = specify(procurementDecider).given(withOrder(configure(5))).when(propose(3)).events();
    expect(types(events)).toEqual(['OrderAdjustmentProposed']);
  });

  it('changes the order when the buyer approves it', () => {
    const events = specify(procurementDecider).given(withOrder(configure(), propose(8))).when(approve()).events();
    expect(types(events)).toEqual(['AdjustmentProposalApproved', 'OrderQuantityAdjusted']);
    const state = stateOf(withOrder(configure(), propose(8), approve()));
    expect(state.status !== 'EMPTY' && state.orders['order-1'].quantities.PATHWAY).toBe(48);
  });

  it('is checked again at approval: refused if the clause has been used up since', () => {
    const history = recorded(withOrder(configure(), propose(8, 'proposal-1'), propose(15, 'proposal-2')), approve('proposal-2'));
    specify(procurementDecider).given(history).when(approve('proposal-1')).thenRefuses('VOLUME_CLAUSE_BOUND_EXCEEDED');
  });

  it('is approved or rejected once', () => {
    specify(procurementDecider).given(withOrder(configure(), propose(8), reject())).when(approve()).thenRefuses('PROPOSAL_NOT_PENDING');
    specify(procurementDecider).given(withOrder(configure())).when(approve('unknown')).thenRefuses('PROPOSAL_NOT_FOUND');
  });

  it('refuses policy settings whose low fill rate is not below the high one', () => {
    specify(procurementDecider)
      .given(withOrder())
      .when({ ...configure(), data: { waitingListThreshold: 5, highFillRatePercent: 60, lowFillRatePercent: 60 } } as ProposalCommand)
      .thenRefuses('POLICY_THRESHOLDS_INVALID');
  });
});

describe('the auto-approval envelope of remote switches', () => {
  const DROPOUT_CLAUSE = 'clause-dropout-remote-8-weeks';
  const configureRemote = (autoApprovalMaxRemoteWeeks?: number): ProposalCommand => ({
    type: 'ConfigureAdjustmentPolicy',
    meta: meta('2026-03-01T09:00:00.000Z'),
    data: { waitingListThreshold: 5, highFillRatePercent: 90, lowFillRatePercent: 50, autoApprovalMaxPercent: 5, ...(autoApprovalMaxRemoteWeeks === undefined ? {} : { autoApprovalMaxRemoteWeeks }) },
  });
  const proposeRemote = (weeks: number): ProposalCommand => ({
    type: 'ProposeOrderAdjustment',
    meta: { at: ADJUSTED_AT, actorId: 'adjustment-policy' },
    data: {
      proposalId: `proposal-remote-${weeks}`,
      orderId: 'order-1',
      clauseId: DROPOUT_CLAUSE,
      adjustment: { kind: 'SWITCH_TRAINEE_TO_REMOTE', traineeId: 'trainee-7f3a9c21', sessionId: 'session-lyon-spring', weeks },
      reason: 'trainee at risk',
      policyVersion: 'fill-rate-and-waiting-list@2',
      inputs: { rule: 'DROPOUT_REMOTE_SWITCH' },
    },
  });
  const history = (configured: ProposalCommand) =>
    recorded(
      activeContract({ extraClauses: [{ type: 'ClauseAdded', data: { clauseId: DROPOUT_CLAUSE, lotId: 'lot-1-digital-pathways', terms: { type: 'DROPOUT', maxRemoteWeeks: 8 } } }] }),
      orderPathways('order-1', 40),
      configured,
    );

  it('approves a switch up to the envelope’s weeks by itself, says so, and switches the trainee', () => {
    const events = specify(procurementDecider).given(history(configureRemote(8))).when(proposeRemote(8)).events();
    expect(types(events)).toEqual(['OrderAdjustmentProposed', 'AdjustmentProposalApproved', 'OrderTraineeSwitchedToRemote']);
    expect(events[1].data).toMatchObject({ approvedBy: 'AUTO_APPROVAL', envelope: { maxRemoteWeeks: 8, weeks: 8 } });
  });

  it('leaves a switch beyond the envelope to the buyer, and every switch when the envelope has no weeks for it', () => {
    expect(types(specify(procurementDecider).given(history(configureRemote(4))).when(proposeRemote(5)).events())).toEqual(['OrderAdjustmentProposed']);
    expect(types(specify(procurementDecider).given(history(configureRemote(4))).when(proposeRemote(4)).events())).toHaveLength(3);
    // A volume envelope does not cover remote switches.
    expect(types(specify(procurementDecider).given(history(configureRemote())).when(proposeRemote(1)).events())).toEqual(['OrderAdjustmentProposed']);
  });

  it('does not propose a switch the clause refuses', () => {
    specify(procurementDecider).given(history(configureRemote(8))).when(proposeRemote(9)).thenRefuses('DROPOUT_REMOTE_WEEKS_EXCEEDED');
  });
});
