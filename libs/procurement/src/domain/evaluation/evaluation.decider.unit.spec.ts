import { specify } from '@app/shared/testing/decider-specification';
import { CommandMeta } from '../terms/command-meta';
import { seedCommitmentOf } from './evaluation-draw';
import { EvaluationCommand, evaluationDecider, armOf, evaluatedLotDecider, PlaceLotUnderEvaluation } from './evaluation.decider';
import { CandidateProfile, EvaluationEvent, EvaluationProtocol } from './evaluation.events';

const meta: CommandMeta = { at: '2026-02-02T09:00:00.000Z', actorId: 'buyer-ara' };
const programmeId = 'pric-ara-2026';
const projectId = 'digital';
const SEED = 'the secret seed of the digital project';
const protocol: EvaluationProtocol = {
  eligibility: { criteria: 'Young people neither in employment nor training, at most level 4', requiredFlags: ['youngNeet'], qualificationLevels: ['NONE', '3', '4'] },
  arms: [
    { name: 'treatment', ratio: 1, receivesAction: true },
    { name: 'control', ratio: 1, receivesAction: false },
  ],
  strata: [{ factor: 'territory', levels: ['urban', 'rural'] }],
  seedCommitment: seedCommitmentOf(SEED),
  lots: [{ contractId: 'c-1', lotId: 'LOT-1' }],
};
const declared: EvaluationEvent = { type: 'ExperimentalProjectDeclared', data: { tenant: 'ARA', programmeId, projectId, title: 'Parcours numériques', protocol, declaredAt: meta.at } };
const candidate = (n: number, territory = 'urban'): CandidateProfile => ({ candidateId: `tr-candidate-${String(n).padStart(4, '0')}`, strata: { territory }, flags: ['youngNeet'], qualificationLevel: '3' });
const registered = (profile: CandidateProfile): EvaluationEvent => ({ type: 'CandidateRegistered', data: { programmeId, projectId, candidate: profile, registeredAt: meta.at } });
const closed: EvaluationEvent = { type: 'CandidateRegistrationClosed', data: { programmeId, projectId, candidates: 4, closedAt: meta.at } };
const four = [candidate(1), candidate(2), candidate(3, 'rural'), candidate(4, 'rural')].map(registered);
const register = (...candidates: CandidateProfile[]): EvaluationCommand => ({ type: 'RegisterCandidates', meta, data: { programmeId, projectId, candidates } });
const draw = (seed = SEED): EvaluationCommand => ({ type: 'DrawCandidates', meta, data: { programmeId, projectId, seed } });
const declare = (changes: Partial<EvaluationProtocol>): EvaluationCommand => ({ type: 'DeclareExperimentalProject', meta, data: { ...declared.data, protocol: { ...protocol, ...changes } } as never });

describe('a randomised evaluation', () => {
  it('is declared once with a protocol whose seed is committed by its SHA-256 hash', () => {
    const { declaredAt: _at, ...data } = declared.data as Extract<EvaluationEvent, { type: 'ExperimentalProjectDeclared' }>['data'];
    specify(evaluationDecider).given([]).when({ type: 'DeclareExperimentalProject', meta, data }).then([declared]);
    specify(evaluationDecider).given([declared]).when({ type: 'DeclareExperimentalProject', meta, data }).thenRefuses('EVALUATION_ALREADY_DECLARED');
    specify(evaluationDecider).given([]).when(declare({ seedCommitment: SEED })).thenRefuses('EVALUATION_SEED_COMMITMENT_MALFORMED');
    specify(evaluationDecider).given([]).when(declare({ seedCommitment: seedCommitmentOf(SEED).toUpperCase() })).thenRefuses('EVALUATION_SEED_COMMITMENT_MALFORMED');
  });

  it('refuses a protocol with one arm, arms of one name, a ratio of 0 or 1.5, no arm receiving the action, or a factor twice', () => {
    const [treatment, control] = protocol.arms;
    specify(evaluationDecider).given([]).when(declare({ arms: [treatment] })).thenRefuses('EVALUATION_PROTOCOL_INVALID', { problems: ['fewer than two arms'] });
    specify(evaluationDecider).given([]).when(declare({ arms: [treatment, { ...control, name: 'treatment' }] })).thenRefuses('EVALUATION_PROTOCOL_INVALID', { problems: ['two arms of the same name'] });
    specify(evaluationDecider).given([]).when(declare({ arms: [treatment, { ...control, ratio: 0 }] })).thenRefuses('EVALUATION_PROTOCOL_INVALID');
    specify(evaluationDecider).given([]).when(declare({ arms: [treatment, { ...control, ratio: 1.5 }] })).thenRefuses('EVALUATION_PROTOCOL_INVALID');
    specify(evaluationDecider).given([]).when(declare({ arms: [{ ...treatment, receivesAction: false }, control] })).thenRefuses('EVALUATION_PROTOCOL_INVALID', { problems: ['no arm receives the action'] });
    specify(evaluationDecider).given([]).when(declare({ strata: [protocol.strata[0], protocol.strata[0]] })).thenRefuses('EVALUATION_PROTOCOL_INVALID');
    specify(evaluationDecider).given([]).when(declare({ strata: [{ factor: 'territory', levels: [] }] })).thenRefuses('EVALUATION_PROTOCOL_INVALID');
    specify(evaluationDecider).given([]).when(declare({ arms: [treatment, { ...control, ratio: 3 }, { name: 'blended', ratio: 2, receivesAction: true }], strata: [] })).events();
  });

  it('registers eligible candidates once, each with one level per factor, until registration closes', () => {
    specify(evaluationDecider).given([]).when(register(candidate(1))).thenRefuses('EVALUATION_NOT_DECLARED');
    specify(evaluationDecider).given([declared]).when(register(candidate(1), candidate(2, 'rural'))).then([registered(candidate(1)), registered(candidate(2, 'rural'))]);
    specify(evaluationDecider).given([declared, registered(candidate(1))]).when(register(candidate(1))).thenRefuses('CANDIDATE_ALREADY_REGISTERED', { candidateId: candidate(1).candidateId });
    specify(evaluationDecider).given([declared]).when(register(candidate(1), candidate(1))).thenRefuses('CANDIDATE_ALREADY_REGISTERED');
    specify(evaluationDecider).given([declared]).when(register({ ...candidate(1), candidateId: '1850775123456' })).thenRefuses('CANDIDATE_ID_NOT_PSEUDONYMOUS');
    specify(evaluationDecider).given([declared]).when(register(candidate(1, 'suburban'))).thenRefuses('CANDIDATE_STRATUM_INVALID', { factorsWithoutLevel: ['territory'] });
    specify(evaluationDecider).given([declared]).when(register({ ...candidate(1), strata: { territory: 'urban', age: '16-25' } })).thenRefuses('CANDIDATE_STRATUM_INVALID', { unknownFactors: ['age'] });
    specify(evaluationDecider).given([declared]).when(register({ ...candidate(1), flags: [] })).thenRefuses('CANDIDATE_NOT_ELIGIBLE', { missingFlags: ['youngNeet'] });
    specify(evaluationDecider).given([declared]).when(register({ ...candidate(1), qualificationLevel: '5' })).thenRefuses('CANDIDATE_NOT_ELIGIBLE', { qualificationLevel: '5' });
    specify(evaluationDecider).given([declared]).when(register({ ...candidate(1), qualificationLevel: undefined })).thenRefuses('CANDIDATE_NOT_ELIGIBLE', { qualificationLevel: null });
    specify(evaluationDecider).given([declared, ...four, closed]).when(register(candidate(5))).thenRefuses('CANDIDATE_REGISTRATION_CLOSED');
  });

  it('closes registration once, with at least one candidate', () => {
    const close: EvaluationCommand = { type: 'CloseCandidateRegistration', meta, data: { programmeId, projectId } };
    specify(evaluationDecider).given([declared]).when(close).thenRefuses('EVALUATION_NO_CANDIDATES');
    specify(evaluationDecider).given([declared, ...four]).when(close).then([closed]);
    specify(evaluationDecider).given([declared, ...four, closed]).when(close).thenRefuses('CANDIDATE_REGISTRATION_CLOSED');
  });

  it('draws once, after registration closed, from the seed that hashes to the commitment', () => {
    specify(evaluationDecider).given([declared, ...four]).when(draw()).thenRefuses('DRAW_BEFORE_REGISTRATION_CLOSED');
    specify(evaluationDecider).given([declared, ...four, closed]).when(draw('another seed')).thenRefuses('EVALUATION_SEED_MISMATCH', {
      committedHash: protocol.seedCommitment,
      revealedHash: seedCommitmentOf('another seed'),
    });
    const [drawn] = specify(evaluationDecider).given([declared, ...four, closed]).when(draw()).events();
    expect(drawn).toMatchObject({ type: 'CandidatesDrawn', data: { seed: SEED, algorithm: 'hmac-sha256-stratified-blocks/1', candidateIds: four.map((e) => (e.data as { candidate: CandidateProfile }).candidate.candidateId) } });
    const assignments = (drawn.data as { assignments: Array<{ stratum: string; arm: string }> }).assignments;
    // Two candidates per territory and a 1:1 ratio: one of each arm in each stratum.
    for (const stratum of ['["urban"]', '["rural"]']) {
      expect(assignments.filter((a) => a.stratum === stratum).map((a) => a.arm).sort()).toEqual(['control', 'treatment']);
    }
    specify(evaluationDecider).given([declared, ...four, closed, drawn]).when(draw()).thenRefuses('DRAW_ALREADY_PERFORMED');
  });

  it('tells the arm of a drawn candidate and whether it receives the action', () => {
    const given = [declared, ...four, closed];
    const [drawn] = specify(evaluationDecider).given(given).when(draw()).events();
    const state = specify(evaluationDecider).given([...given, drawn]).state;
    const arms = four.map((e) => armOf(state, (e.data as { candidate: CandidateProfile }).candidate.candidateId));
    expect(arms.filter((arm) => arm?.receivesAction === false)).toHaveLength(2);
    expect(armOf(state, 'tr-not-a-candidate')).toBeUndefined();
    expect(armOf(specify(evaluationDecider).given(given).state, candidate(1).candidateId)).toBeUndefined();
  });

  it('places a lot under one evaluation only: again by the same project writes nothing, another project is refused', () => {
    const placement = { tenant: 'ARA', contractId: 'c-1', lotId: 'LOT-1', programmeId, projectId };
    const place = (data: PlaceLotUnderEvaluation['data']): PlaceLotUnderEvaluation => ({ type: 'PlaceLotUnderEvaluation', meta, data });
    const placed = { type: 'LotPlacedUnderEvaluation' as const, data: placement };
    specify(evaluatedLotDecider).given([]).when(place(placement)).then([placed]);
    specify(evaluatedLotDecider).given([placed]).when(place(placement)).then([]);
    specify(evaluatedLotDecider)
      .given([placed])
      .when(place({ ...placement, projectId: 'mobility' }))
      .thenRefuses('LOT_UNDER_ANOTHER_EVALUATION', { contractId: 'c-1', lotId: 'LOT-1', programmeId, projectId });
    specify(evaluatedLotDecider)
      .given([placed])
      .when(place({ ...placement, programmeId: 'pric-ara-2027' }))
      .thenRefuses('LOT_UNDER_ANOTHER_EVALUATION');
  });
});
