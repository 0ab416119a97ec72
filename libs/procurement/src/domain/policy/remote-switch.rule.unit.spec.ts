import { ExistingContract } from '../contract/contract.state';
import { activeContract, adjustOrder, clauseAdded, orderPathways, PATHWAY_LOT, recorded, SESSION_ID, stateOf } from '../testing/fixtures';
import { ADJUSTMENT_POLICY_VERSION, proposeAdjustments } from './adjustment-policy';
import { TENSION_POLICY_VERSION } from './labour-market-tension';
import { ADJUSTMENT_POLICY_VERSIONS, rerunProposal } from './policy-replay';
import { AtRiskTrainee, proposeRemoteSwitches, remoteSwitchSignalsOf, RemoteSwitchSignals } from './remote-switch.rule';

const DROPOUT_CLAUSE = 'clause-dropout-remote-8-weeks';
const atRisk: AtRiskTrainee = { orderId: 'order-1', traineeId: 'trainee-7f3a9c21', sessionId: SESSION_ID, reportedOn: '2026-04-10', reason: 'EMPLOYMENT' };
const signals = (overrides: Partial<RemoteSwitchSignals> = {}): RemoteSwitchSignals => ({
  ...atRisk,
  dropoutClauseId: DROPOUT_CLAUSE,
  maxRemoteWeeks: 8,
  remoteWeeksUsed: 0,
  ...overrides,
});
const withDropout = (...extra: Parameters<typeof recorded>[1][]) =>
  stateOf(
    recorded(
      activeContract({ extraClauses: [clauseAdded(DROPOUT_CLAUSE, { type: 'DROPOUT', maxRemoteWeeks: 8 }, PATHWAY_LOT)] }),
      orderPathways('order-1', 20),
      ...extra,
    ),
  ) as ExistingContract;

describe('the remote-switch rule of the adjustment policy', () => {
  it('proposes the weeks the dropout clause allows for a trainee at risk, under that clause', () => {
    const [proposal] = proposeRemoteSwitches([signals()]);
    expect(proposal).toMatchObject({
      orderId: 'order-1',
      clauseId: DROPOUT_CLAUSE,
      adjustment: { kind: 'SWITCH_TRAINEE_TO_REMOTE', traineeId: atRisk.traineeId, sessionId: SESSION_ID, weeks: 8 },
      policyVersion: ADJUSTMENT_POLICY_VERSION,
      inputs: { rule: 'DROPOUT_REMOTE_SWITCH', maxRemoteWeeks: 8, remoteWeeksUsed: 0, reportedOn: '2026-04-10' },
    });
  });

  it('proposes only the weeks left, and nothing once the clause is used up for that trainee', () => {
    expect(proposeRemoteSwitches([signals({ remoteWeeksUsed: 7 })])[0].adjustment).toMatchObject({ weeks: 1 });
    expect(proposeRemoteSwitches([signals({ remoteWeeksUsed: 8 })])).toEqual([]);
  });

  it('reads the clause of the order’s lot and the weeks already granted from the contract', () => {
    const switched = withDropout(
      adjustOrder('order-1', DROPOUT_CLAUSE, { kind: 'SWITCH_TRAINEE_TO_REMOTE', traineeId: atRisk.traineeId, sessionId: SESSION_ID, weeks: 3 }),
    );
    expect(remoteSwitchSignalsOf(switched, [atRisk])).toEqual([signals({ remoteWeeksUsed: 3 })]);
  });

  it('has no signals where the lot has no dropout clause, or the order or session is gone', () => {
    const noClause = stateOf(recorded(activeContract(), orderPathways('order-1', 20))) as ExistingContract;
    expect(remoteSwitchSignalsOf(noClause, [atRisk])).toEqual([]);
    expect(remoteSwitchSignalsOf(withDropout(), [{ ...atRisk, orderId: 'order-unknown' }])).toEqual([]);
    expect(remoteSwitchSignalsOf(withDropout(), [{ ...atRisk, sessionId: 'session-unknown' }])).toEqual([]);
  });

  it('gives the same proposal id for the same signals, and another once the weeks granted change', () => {
    expect(proposeRemoteSwitches([signals()])[0].proposalId).toBe(proposeRemoteSwitches([signals()])[0].proposalId);
    expect(proposeRemoteSwitches([signals()])[0].proposalId).not.toBe(proposeRemoteSwitches([signals({ remoteWeeksUsed: 2 })])[0].proposalId);
  });
});

describe('re-running a recorded proposal', () => {
  const settings = { waitingListThreshold: 5, highFillRatePercent: 90, lowFillRatePercent: 50 };
  const order = {
    orderId: 'order-1',
    unitType: 'PATHWAY' as const,
    orderedQuantity: 40,
    capacity: 12,
    entries: 12,
    waitingList: 8,
    volumeClauseId: 'clause-volume',
    clauseRoomUp: 20,
    clauseRoomDown: 20,
    lotRoomUp: 90,
  };

  it('gives back every version’s volume proposal, id included, from its inputs', () => {
    // The tension version is never run as such: the current volume rule records it when tension decided.
    for (const version of ADJUSTMENT_POLICY_VERSIONS.filter((known) => known !== TENSION_POLICY_VERSION)) {
      const [recordedProposal] = proposeAdjustments([order], settings, version);
      expect(rerunProposal(version, recordedProposal.inputs)).toEqual([recordedProposal]);
    }
    expect(proposeAdjustments([order], settings, ADJUSTMENT_VERSION_1)[0].proposalId).not.toBe(proposeAdjustments([order], settings)[0].proposalId);
  });

  it('gives back a remote switch from its inputs', () => {
    const [recordedProposal] = proposeRemoteSwitches([signals({ remoteWeeksUsed: 5 })]);
    expect(rerunProposal(ADJUSTMENT_POLICY_VERSION, recordedProposal.inputs)).toEqual([recordedProposal]);
  });

  it('says why it cannot re-run: a rule the version did not have, an unknown version, missing figures', () => {
    const [remote] = proposeRemoteSwitches([signals()]);
    expect(rerunProposal(ADJUSTMENT_VERSION_1, remote.inputs)).toEqual({ problem: expect.stringContaining('no rule DROPOUT_REMOTE_SWITCH') });
    expect(rerunProposal('older-policy@0', remote.inputs)).toEqual({ problem: expect.stringContaining('not one this build knows') });
    const { maxRemoteWeeks: _dropped, ...incomplete } = remote.inputs;
    expect(rerunProposal(ADJUSTMENT_POLICY_VERSION, incomplete)).toEqual({ problem: expect.stringContaining('maxRemoteWeeks') });
  });
});

const ADJUSTMENT_VERSION_1 = 'fill-rate-and-waiting-list@1';
