import { Decider } from '@app/shared';
import { refuse } from '../contract/refuse';
import { traineeIdProblem } from '../delivery/trainee-id';
import { CommandMeta } from '../terms/command-meta';
import { drawAssignments, seedCommitmentOf } from './evaluation-draw';
import { Assignment, CandidateProfile, DRAW_ALGORITHM, EvaluationEvent, EvaluationProtocol, ExperimentalProjectDeclared, LotPlacedUnderEvaluation } from './evaluation.events';

export type EvaluationCommand =
  | { type: 'DeclareExperimentalProject'; meta: CommandMeta; data: Omit<ExperimentalProjectDeclared['data'], 'declaredAt'> }
  | { type: 'RegisterCandidates'; meta: CommandMeta; data: { programmeId: string; projectId: string; candidates: CandidateProfile[] } }
  | { type: 'CloseCandidateRegistration'; meta: CommandMeta; data: { programmeId: string; projectId: string } }
  | { type: 'DrawCandidates'; meta: CommandMeta; data: { programmeId: string; projectId: string; seed: string } };

export interface EvaluationState {
  declared?: ExperimentalProjectDeclared['data'];
  /** Candidates in registration order. */
  candidates: CandidateProfile[];
  registrationClosed: boolean;
  draw?: { seed: string; drawnAt: string; assignments: Assignment[] };
}

export const initialEvaluationState = (): EvaluationState => ({ candidates: [], registrationClosed: false });

export function evolveEvaluation(state: EvaluationState, event: EvaluationEvent): EvaluationState {
  switch (event.type) {
    case 'ExperimentalProjectDeclared':
      return { ...state, declared: event.data };
    case 'CandidateRegistered':
      return { ...state, candidates: [...state.candidates, event.data.candidate] };
    case 'CandidateRegistrationClosed':
      return { ...state, registrationClosed: true };
    case 'CandidatesDrawn':
      return { ...state, draw: { seed: event.data.seed, drawnAt: event.data.drawnAt, assignments: event.data.assignments } };
  }
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function decideEvaluation(command: EvaluationCommand, state: EvaluationState): EvaluationEvent[] {
  const at = command.meta.at;
  const { programmeId, projectId } = command.data;
  if (command.type === 'DeclareExperimentalProject') {
    if (state.declared) refuse('EVALUATION_ALREADY_DECLARED', `Project ${projectId} of programme ${programmeId} is already experimental`);
    checkProtocol(command.data.protocol);
    return [{ type: 'ExperimentalProjectDeclared', data: { ...command.data, declaredAt: at } }];
  }
  const declared = state.declared;
  if (!declared) refuse('EVALUATION_NOT_DECLARED', `Project ${projectId} of programme ${programmeId} is not declared experimental`);
  const { protocol } = declared;
  switch (command.type) {
    case 'RegisterCandidates': {
      if (state.registrationClosed) refuse('CANDIDATE_REGISTRATION_CLOSED', 'Registration of candidates is closed', { candidates: state.candidates.length });
      const known = new Set(state.candidates.map(({ candidateId }) => candidateId));
      return command.data.candidates.map((candidate) => {
        checkCandidate(protocol, candidate, known);
        known.add(candidate.candidateId);
        return { type: 'CandidateRegistered', data: { programmeId, projectId, candidate, registeredAt: at } };
      });
    }
    case 'CloseCandidateRegistration':
      if (state.registrationClosed) refuse('CANDIDATE_REGISTRATION_CLOSED', 'Registration of candidates is already closed', { candidates: state.candidates.length });
      if (state.candidates.length === 0) refuse('EVALUATION_NO_CANDIDATES', 'No candidate is registered');
      return [{ type: 'CandidateRegistrationClosed', data: { programmeId, projectId, candidates: state.candidates.length, closedAt: at } }];
    case 'DrawCandidates': {
      if (state.draw) refuse('DRAW_ALREADY_PERFORMED', `The draw was performed on ${state.draw.drawnAt}`, { drawnAt: state.draw.drawnAt });
      if (!state.registrationClosed) refuse('DRAW_BEFORE_REGISTRATION_CLOSED', 'Registration of candidates is still open', { candidates: state.candidates.length });
      const revealedHash = seedCommitmentOf(command.data.seed);
      if (revealedHash !== protocol.seedCommitment) {
        refuse('EVALUATION_SEED_MISMATCH', 'The seed revealed does not hash to the commitment', { committedHash: protocol.seedCommitment, revealedHash });
      }
      const assignments = drawAssignments(command.data.seed, protocol.arms, protocol.strata, state.candidates);
      const candidateIds = state.candidates.map(({ candidateId }) => candidateId);
      return [{ type: 'CandidatesDrawn', data: { programmeId, projectId, seed: command.data.seed, algorithm: DRAW_ALGORITHM, candidateIds, assignments, drawnAt: at } }];
    }
  }
}

function checkProtocol(protocol: EvaluationProtocol): void {
  const { arms, strata, seedCommitment } = protocol;
  if (!SHA256_HEX.test(seedCommitment)) refuse('EVALUATION_SEED_COMMITMENT_MALFORMED', 'The seed commitment is not a SHA-256 hash in lowercase hexadecimal', { seedCommitment });
  const problems = [
    arms.length < 2 && 'fewer than two arms',
    new Set(arms.map(({ name }) => name)).size !== arms.length && 'two arms of the same name',
    arms.some(({ ratio }) => !Number.isInteger(ratio) || ratio < 1) && 'a ratio that is not a whole number of at least 1',
    !arms.some(({ receivesAction }) => receivesAction) && 'no arm receives the action',
    new Set(strata.map(({ factor }) => factor)).size !== strata.length && 'two factors of the same name',
    strata.some(({ levels }) => levels.length === 0 || new Set(levels).size !== levels.length) && 'a factor without levels or with a level twice',
  ].filter((problem): problem is string => typeof problem === 'string');
  if (problems.length > 0) refuse('EVALUATION_PROTOCOL_INVALID', `The protocol has ${problems.join(', ')}`, { problems });
}

function checkCandidate(protocol: EvaluationProtocol, candidate: CandidateProfile, known: Set<string>): void {
  const { candidateId } = candidate;
  // The id itself is not echoed back when refused for its shape: it may be a name or a NIR.
  if (traineeIdProblem(candidateId) !== undefined) refuse('CANDIDATE_ID_NOT_PSEUDONYMOUS', 'A candidate id is a pseudonymous trainee id');
  if (known.has(candidateId)) refuse('CANDIDATE_ALREADY_REGISTERED', `Candidate ${candidateId} is already registered`, { candidateId });
  const factors = protocol.strata.map(({ factor }) => factor);
  const unknownFactors = Object.keys(candidate.strata).filter((factor) => !factors.includes(factor));
  const badLevels = protocol.strata.filter(({ factor, levels }) => !levels.includes(candidate.strata[factor])).map(({ factor }) => factor);
  if (unknownFactors.length > 0 || badLevels.length > 0) {
    refuse('CANDIDATE_STRATUM_INVALID', `Candidate ${candidateId} does not give one level of the protocol for each factor`, { candidateId, unknownFactors, factorsWithoutLevel: badLevels });
  }
  const { requiredFlags, qualificationLevels } = protocol.eligibility;
  const missingFlags = requiredFlags.filter((flag) => !candidate.flags.includes(flag));
  const levelRefused = qualificationLevels !== undefined && (candidate.qualificationLevel === undefined || !qualificationLevels.includes(candidate.qualificationLevel));
  if (missingFlags.length > 0 || levelRefused) {
    refuse('CANDIDATE_NOT_ELIGIBLE', `Candidate ${candidateId} does not meet the eligibility criteria`, {
      candidateId,
      missingFlags,
      ...(levelRefused ? { qualificationLevel: candidate.qualificationLevel ?? null, qualificationLevels } : {}),
    });
  }
}

/** The arm a candidate was drawn into, when the draw is recorded and names them. */
export function armOf(state: EvaluationState, candidateId: string): { arm: string; receivesAction: boolean } | undefined {
  const assignment = state.draw?.assignments.find((drawn) => drawn.candidateId === candidateId);
  const arm = assignment && state.declared?.protocol.arms.find(({ name }) => name === assignment.arm);
  return arm ? { arm: arm.name, receivesAction: arm.receivesAction } : undefined;
}

export const evaluationDecider: Decider<EvaluationCommand, EvaluationEvent, EvaluationState> = {
  initialState: initialEvaluationState,
  decide: decideEvaluation,
  evolve: evolveEvaluation,
};

export type PlaceLotUnderEvaluation = { type: 'PlaceLotUnderEvaluation'; meta: CommandMeta; data: LotPlacedUnderEvaluation['data'] };
export type EvaluatedLotState = { evaluation?: LotPlacedUnderEvaluation['data'] };

/**
 * A lot's pointer to the evaluation whose draw its entries are checked against: placed once, placed again by the
 * same evaluation without writing anything (so a request repeated after a failure completes), refused for another.
 */
export const evaluatedLotDecider: Decider<PlaceLotUnderEvaluation, LotPlacedUnderEvaluation, EvaluatedLotState> = {
  initialState: () => ({}),
  evolve: (_state, event) => ({ evaluation: event.data }),
  decide: (command, state) => {
    const placed = state.evaluation;
    if (!placed) return [{ type: 'LotPlacedUnderEvaluation', data: command.data }];
    if (placed.programmeId === command.data.programmeId && placed.projectId === command.data.projectId) return [];
    refuse('LOT_UNDER_ANOTHER_EVALUATION', `Lot ${placed.lotId} of contract ${placed.contractId} delivers the experimental action of project ${placed.projectId} of programme ${placed.programmeId}`, {
      contractId: placed.contractId,
      lotId: placed.lotId,
      programmeId: placed.programmeId,
      projectId: placed.projectId,
    });
  },
};
