import { ADJUSTMENT_POLICY_VERSION, OrderSignals, ProposalDraft, proposeAdjustments } from './adjustment-policy';
import { TENSION_POLICY_VERSION } from './labour-market-tension';
import { PreSeasonSignals, proposePreSeasonSessions, RECRUITMENT_SEASON_RULE } from './recruitment-season.rule';
import { proposeRemoteSwitches, REMOTE_SWITCH_RULE, RemoteSwitchSignals } from './remote-switch.rule';

/** Every version proposals were recorded under, oldest first. */
export const ADJUSTMENT_POLICY_VERSIONS: readonly string[] = [
  'fill-rate-and-waiting-list@1',
  'fill-rate-and-waiting-list@2',
  'fill-rate-and-waiting-list@3',
  ADJUSTMENT_POLICY_VERSION,
  TENSION_POLICY_VERSION,
];

/** The rules each version had: a proposal names its rule in its inputs (volume proposals, the first rule, do not). */
const RULES_OF_VERSION: Record<string, readonly string[]> = {
  'fill-rate-and-waiting-list@1': ['VOLUME'],
  'fill-rate-and-waiting-list@2': ['VOLUME', REMOTE_SWITCH_RULE],
  'fill-rate-and-waiting-list@3': ['VOLUME', REMOTE_SWITCH_RULE, RECRUITMENT_SEASON_RULE],
  [ADJUSTMENT_POLICY_VERSION]: ['VOLUME', REMOTE_SWITCH_RULE, RECRUITMENT_SEASON_RULE],
  // The volume rule of the current version, where the labour-market tension decided the proposal.
  [TENSION_POLICY_VERSION]: ['VOLUME'],
};

const VOLUME_SETTINGS = ['waitingListThreshold', 'highFillRatePercent', 'lowFillRatePercent'] as const;
const VOLUME_SIGNALS = ['orderedQuantity', 'capacity', 'entries', 'waitingList', 'clauseRoomUp', 'clauseRoomDown', 'lotRoomUp'] as const;
const REMOTE_SWITCH_TEXTS = ['orderId', 'traineeId', 'sessionId', 'reportedOn', 'reason', 'dropoutClauseId'] as const;
const REMOTE_SWITCH_FIGURES = ['maxRemoteWeeks', 'remoteWeeksUsed'] as const;
const PRE_SEASON_TEXTS = [
  'orderId',
  'lotId',
  'clauseId',
  'runDay',
  'seasonLabel',
  'lastSessionId',
  'lastSessionStartDate',
  'lastSessionEndDate',
  'lastSessionPlace',
  'lastSessionModality',
  'periodStart',
  'periodEnd',
] as const;
const PRE_SEASON_FIGURES = [
  'seasonStartMonth',
  'seasonEndMonth',
  'seasonLeadWeeks',
  'waitingList',
  'waitingListThreshold',
  'lastSessionCapacity',
  'lastSessionEntries',
  'lotRoomUp',
] as const;

type Inputs = Record<string, number | string>;

/**
 * The policy re-run on the inputs recorded with a proposal, by the rules of the version that made it: the
 * drafts it gives, or why it cannot be re-run (unknown version or rule, figures missing).
 */
export function rerunProposal(policyVersion: string, inputs: Inputs): ProposalDraft[] | { problem: string } {
  const rules = RULES_OF_VERSION[policyVersion];
  if (!rules) return { problem: `policy version ${policyVersion} is not one this build knows` };
  const rule = typeof inputs.rule === 'string' ? inputs.rule : 'VOLUME';
  if (!rules.includes(rule)) return { problem: `policy version ${policyVersion} has no rule ${rule}` };
  if (rule === REMOTE_SWITCH_RULE) {
    const missing = [
      ...REMOTE_SWITCH_TEXTS.filter((name) => typeof inputs[name] !== 'string'),
      ...REMOTE_SWITCH_FIGURES.filter((name) => typeof inputs[name] !== 'number'),
    ];
    if (missing.length > 0) return { problem: `the recorded inputs lack the figures ${missing.join(', ')}` };
    const { rule: _rule, ...signals } = inputs;
    return proposeRemoteSwitches([signals as unknown as RemoteSwitchSignals], policyVersion);
  }
  if (rule === RECRUITMENT_SEASON_RULE) {
    const missing = [
      ...PRE_SEASON_TEXTS.filter((name) => typeof inputs[name] !== 'string'),
      ...PRE_SEASON_FIGURES.filter((name) => typeof inputs[name] !== 'number'),
    ];
    if (missing.length > 0) return { problem: `the recorded inputs lack the figures ${missing.join(', ')}` };
    const { rule: _rule, ...signals } = inputs;
    return proposePreSeasonSessions([signals as unknown as PreSeasonSignals], policyVersion);
  }
  const missing = [...VOLUME_SETTINGS, ...VOLUME_SIGNALS].filter((name) => typeof inputs[name] !== 'number');
  if (missing.length > 0) return { problem: `the recorded inputs lack the figures ${missing.join(', ')}` };
  const {
    fillRatePercent: _fillRate,
    tensionExtraUnits: _extraUnits,
    waitingListThreshold,
    highFillRatePercent,
    lowFillRatePercent,
    tensionIndexThreshold,
    tensionExtraPercent,
    ...signals
  } = inputs;
  return proposeAdjustments(
    [signals as unknown as OrderSignals],
    {
      waitingListThreshold: waitingListThreshold as number,
      highFillRatePercent: highFillRatePercent as number,
      lowFillRatePercent: lowFillRatePercent as number,
      // The labour-market rule's settings, recorded only when the contract had it on.
      ...(typeof tensionIndexThreshold === 'number' ? { tensionIndexThreshold, tensionExtraPercent: tensionExtraPercent as number } : {}),
    },
    // A tension proposal was made by the current version's volume rule, which names it by its own version.
    policyVersion === TENSION_POLICY_VERSION ? ADJUSTMENT_POLICY_VERSION : policyVersion,
  );
}
