import { specify } from '@app/shared/testing/decider-specification';
import { ExistingContract } from '../contract/contract.state';
import { procurementDecider } from '../procurement.decider';
import { ProposalCommand } from '../proposal/proposal.commands';
import { AdjustmentPolicySettings } from '../proposal/proposal.events';
import {
  activeContract,
  ADJUSTED_AT,
  CALENDAR_CLAUSE,
  meta,
  OPEN_DAY_LOT,
  orderPathways,
  PATHWAY_LOT,
  PATHWAY_MAX_QUANTITY,
  recorded,
  session,
  SESSION_END,
  SESSION_ID,
  SESSION_START,
  stateOf,
} from '../testing/fixtures';
import { ADJUSTMENT_POLICY_VERSION, ProposalDraft } from './adjustment-policy';
import { rerunProposal } from './policy-replay';
import { proposeRemoteSwitches } from './remote-switch.rule';
import { nextSeason, PreSeasonSignals, preSeasonSignalsOf, proposePreSeasonSessions } from './recruitment-season.rule';

// The autumn season starts on Tuesday 1 September 2026; six weeks before it is Tuesday 21 July.
const signals = (overrides: Partial<PreSeasonSignals> = {}): PreSeasonSignals => ({
  orderId: 'order-1',
  lotId: PATHWAY_LOT,
  clauseId: CALENDAR_CLAUSE,
  runDay: '2026-07-21',
  seasonLabel: 'Rentrée',
  seasonStartMonth: 9,
  seasonEndMonth: 11,
  seasonLeadWeeks: 6,
  waitingList: 5,
  waitingListThreshold: 5,
  lastSessionId: SESSION_ID,
  lastSessionStartDate: SESSION_START,
  lastSessionEndDate: SESSION_END,
  lastSessionPlace: 'Lyon 7e',
  lastSessionCapacity: 12,
  lastSessionModality: 'IN_PERSON',
  lastSessionEntries: 11,
  periodStart: '2026-02-01',
  periodEnd: '2026-12-31',
  lotRoomUp: 110,
  ...overrides,
});
const propose = (overrides: Partial<PreSeasonSignals> = {}): ProposalDraft[] => proposePreSeasonSessions([signals(overrides)]);

describe('the recruitment-season rule of the adjustment policy', () => {
  it('proposes, on the first day of the lead time, a session like the last one from the season’s start', () => {
    const [proposal] = propose();
    expect(proposal).toMatchObject({
      orderId: 'order-1',
      clauseId: CALENDAR_CLAUSE,
      policyVersion: ADJUSTMENT_POLICY_VERSION,
      // The last session lasts 109 days (Monday 9 March to Friday 26 June): so does the new one.
      adjustment: { kind: 'ADD_SESSION', session: { startDate: '2026-09-01', endDate: '2026-12-19', place: 'Lyon 7e', capacity: 12, modality: 'IN_PERSON' } },
      inputs: { rule: 'RECRUITMENT_SEASON_SESSION', seasonLabel: 'Rentrée', seasonLeadWeeks: 6, runDay: '2026-07-21', waitingList: 5, lastSessionId: SESSION_ID },
    });
    expect(proposal.reason).toContain('recruitment season "Rentrée" starts 2026-09-01 and 5 people waiting');
  });

  it('proposes nothing one day before the lead time', () => {
    expect(propose({ runDay: '2026-07-20' })).toEqual([]);
  });

  it('proposes up to the day before the season, and nothing once the season has started', () => {
    expect(propose({ runDay: '2026-08-31' })).toHaveLength(1);
    expect(propose({ runDay: '2026-09-01' })).toEqual([]);
    expect(propose({ runDay: '2026-10-15' })).toEqual([]);
  });

  it('proposes nothing when fewer people wait than the threshold and the last session has places left', () => {
    expect(propose({ waitingList: 4, lastSessionEntries: 11 })).toEqual([]);
  });

  it('proposes a session when the last session is full, even with nobody waiting', () => {
    const [proposal] = propose({ waitingList: 0, lastSessionEntries: 12 });
    expect(proposal.reason).toContain(`last session ${SESSION_ID} full`);
  });

  it('proposes nothing when the order’s period ends before the season, or before the new session would end', () => {
    expect(propose({ periodEnd: '2026-08-31' })).toEqual([]);
    expect(propose({ periodEnd: '2026-12-18' })).toEqual([]);
    expect(propose({ periodEnd: '2026-12-19' })).toHaveLength(1);
  });

  it('proposes nothing when the lot maximum has no room for the session’s places', () => {
    expect(propose({ lotRoomUp: 0 })).toEqual([]);
    expect(propose({ lotRoomUp: 11 })).toEqual([]);
    expect(propose({ lotRoomUp: 12 })).toHaveLength(1);
  });

  it('proposes nothing when the order already has a session starting in the season', () => {
    expect(propose({ lastSessionStartDate: '2026-09-07', lastSessionEndDate: '2026-12-11' })).toEqual([]);
  });

  it('starts on the first working day the season and the order’s period allow', () => {
    // The order's period starts on Saturday 5 September: the session starts on Monday 7.
    expect(propose({ periodStart: '2026-09-05', lastSessionEndDate: '2026-04-09' })[0].adjustment).toMatchObject({
      session: { startDate: '2026-09-07', endDate: '2026-10-08' },
    });
    // 1 November 2026 is a Sunday.
    expect(propose({ runDay: '2026-10-01', seasonStartMonth: 11, seasonEndMonth: 2, lastSessionEndDate: '2026-03-20' })[0].adjustment).toMatchObject({
      session: { startDate: '2026-11-02', endDate: '2026-11-13' },
    });
    // The period starts after the season is over: no session in it.
    expect(propose({ periodStart: '2026-12-01' })).toEqual([]);
  });

  it('gives one proposal and one session id per order and season year, whatever the run day or the figures', () => {
    const [first] = propose();
    const [later] = propose({ runDay: '2026-08-10', waitingList: 9 });
    expect(later.proposalId).toBe(first.proposalId);
    expect(later.adjustment).toEqual(first.adjustment);
    const [nextYear] = propose({ runDay: '2027-07-21', periodEnd: '2027-12-31' });
    expect(nextYear.proposalId).not.toBe(first.proposalId);
  });

  it('finds the next start of a season and its end, into the next year for a season across the new year', () => {
    expect(nextSeason('2026-07-21', 9, 11)).toEqual({ start: '2026-09-01', end: '2026-11-30', year: 2026 });
    expect(nextSeason('2026-09-01', 9, 11)).toEqual({ start: '2027-09-01', end: '2027-11-30', year: 2027 });
    expect(nextSeason('2026-10-01', 11, 2)).toEqual({ start: '2026-11-01', end: '2027-02-28', year: 2026 });
    expect(nextSeason('2026-10-01', 1, 12)).toEqual({ start: '2027-01-01', end: '2027-12-31', year: 2027 });
  });
});

describe('the signals of the recruitment-season rule', () => {
  const settings = (overrides: Partial<AdjustmentPolicySettings> = {}): AdjustmentPolicySettings => ({
    waitingListThreshold: 5,
    highFillRatePercent: 90,
    lowFillRatePercent: 50,
    recruitmentSeasons: [{ lotId: PATHWAY_LOT, startMonth: 9, endMonth: 11, label: 'Rentrée' }],
    seasonLeadWeeks: 6,
    ...overrides,
  });
  const contract = stateOf(
    recorded(
      activeContract(),
      orderPathways('order-1', 20, {
        periodEnd: '2026-12-31',
        sessions: [session(), session({ sessionId: 'session-lyon-early', startDate: '2026-02-09', endDate: '2026-05-29' })],
      }),
    ),
  ) as ExistingContract;
  const fill = { 'order-1': { entries: 20, waitingList: 7 } };
  const entries = { 'order-1': { [SESSION_ID]: 12, 'session-lyon-early': 3 } };

  it('reads the season, the order’s last session, its places taken and the lot’s room from the contract and read models', () => {
    expect(preSeasonSignalsOf(contract, settings(), '2026-07-21', fill, entries)).toEqual([signals({ waitingList: 7, lastSessionEntries: 12, lotRoomUp: PATHWAY_MAX_QUANTITY - 20 })]);
  });

  it('reads only the seasons concerning the order’s lot, by lot or by training domain', () => {
    const seasons = (recruitmentSeasons: AdjustmentPolicySettings['recruitmentSeasons']) =>
      preSeasonSignalsOf(contract, settings({ recruitmentSeasons }), '2026-07-21', fill, entries).map((signal) => signal.seasonLabel);
    expect(seasons([{ lotId: OPEN_DAY_LOT, startMonth: 9, endMonth: 11, label: 'Autre lot' }])).toEqual([]);
    expect(seasons([{ domainCode: '31054', startMonth: 9, endMonth: 11, label: 'Numérique' }])).toEqual(['Numérique']);
    expect(seasons([{ domainCode: '15041', startMonth: 9, endMonth: 11, label: 'Autre domaine' }])).toEqual([]);
    expect(seasons([{ startMonth: 1, endMonth: 3, label: 'Hiver' }])).toEqual(['Hiver']);
  });

  it('has no signals without seasons or lead time', () => {
    expect(preSeasonSignalsOf(contract, settings({ recruitmentSeasons: [] }), '2026-07-21', fill, entries)).toEqual([]);
    expect(preSeasonSignalsOf(contract, settings({ seasonLeadWeeks: undefined }), '2026-07-21', fill, entries)).toEqual([]);
  });
});

describe('a pre-season session proposed to the contract', () => {
  const configure = (overrides: Partial<AdjustmentPolicySettings> = {}): ProposalCommand => ({
    type: 'ConfigureAdjustmentPolicy',
    meta: meta('2026-03-01T09:00:00.000Z'),
    data: { waitingListThreshold: 5, highFillRatePercent: 90, lowFillRatePercent: 50, recruitmentSeasons: [{ startMonth: 9, endMonth: 11, label: 'Rentrée' }], seasonLeadWeeks: 6, ...overrides },
  });
  const order = orderPathways('order-1', 20, { periodEnd: '2026-12-31' });
  const [draft] = propose();
  const proposeDraft: ProposalCommand = { type: 'ProposeOrderAdjustment', meta: { at: ADJUSTED_AT, actorId: ADJUSTMENT_POLICY_VERSION }, data: draft };

  it('waits for the buyer, who approves it into the order under the calendar clause', () => {
    specify(procurementDecider).given(recorded(activeContract(), order, configure())).when(proposeDraft).then([
      { type: 'OrderAdjustmentProposed', data: { ...draft, proposedAt: ADJUSTED_AT } },
    ]);
    const approve: ProposalCommand = { type: 'ApproveAdjustmentProposal', meta: meta('2026-07-22T09:00:00.000Z'), data: { proposalId: draft.proposalId } };
    const [, added] = specify(procurementDecider).given(recorded(activeContract(), order, configure(), proposeDraft)).when(approve).events();
    expect(added).toEqual({ type: 'OrderSessionAdded', data: { orderId: 'order-1', clauseId: CALENDAR_CLAUSE, reason: draft.reason, session: (draft.adjustment as { session: object }).session } });
  });

  it('approves itself when the policy says pre-season sessions do', () => {
    const events = specify(procurementDecider).given(recorded(activeContract(), order, configure({ autoApprovePreSeasonSessions: true }))).when(proposeDraft).events();
    expect(events.map((event) => event.type)).toEqual(['OrderAdjustmentProposed', 'AdjustmentProposalApproved', 'OrderSessionAdded']);
    expect(events[1].data).toMatchObject({ approvedBy: 'AUTO_APPROVAL', envelope: { preSeasonSessions: true } });
  });

  it('is refused as a policy without the lead time before its seasons', () => {
    specify(procurementDecider).given(activeContract()).when(configure({ seasonLeadWeeks: undefined })).thenRefuses('POLICY_SEASON_LEAD_TIME_MISSING');
  });
});

describe('re-running a recorded pre-season proposal', () => {
  it('gives back the same proposal, id included, from its inputs', () => {
    const [recordedProposal] = propose({ waitingList: 0, lastSessionEntries: 12 });
    expect(rerunProposal(ADJUSTMENT_POLICY_VERSION, recordedProposal.inputs)).toEqual([recordedProposal]);
  });

  it('still re-runs the remote switches recorded under @2 exactly as before', () => {
    const version2 = 'fill-rate-and-waiting-list@2';
    const [switched] = proposeRemoteSwitches(
      [{ orderId: 'order-1', traineeId: 'trainee-7f3a9c21', sessionId: SESSION_ID, reportedOn: '2026-04-10', reason: 'HEALTH', dropoutClauseId: 'clause-dropout', maxRemoteWeeks: 8, remoteWeeksUsed: 0 }],
      version2,
    );
    expect(switched.policyVersion).toBe(version2);
    expect(rerunProposal(version2, switched.inputs)).toEqual([switched]);
  });

  it('says the versions before @3 had no such rule, and names the figures missing', () => {
    const [recordedProposal] = propose();
    expect(rerunProposal('fill-rate-and-waiting-list@2', recordedProposal.inputs)).toEqual({ problem: expect.stringContaining('no rule RECRUITMENT_SEASON_SESSION') });
    const { lastSessionCapacity: _dropped, ...incomplete } = recordedProposal.inputs;
    expect(rerunProposal(ADJUSTMENT_POLICY_VERSION, incomplete)).toEqual({ problem: expect.stringContaining('lastSessionCapacity') });
  });
});
