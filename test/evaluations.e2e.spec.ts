import { createHash } from 'node:crypto';
import { evaluatedLotStream, evaluationStream } from '@app/procurement';
import { FixedClock } from '@app/shared';
import { callerOf, RunningApi, startApi, tokensFor } from './support/http-harness';
import { anActiveFramework, aPathwayOrder } from './support/procurement-fixtures';
import { pseudonym } from './support/trainee-ids';

const PROGRAMME = 'pric-ara-2026';
const PROJECT = 'digital';
const SEED = '5f0c2a9e4b7d18c36a1e9f20d4b8c7a35e6f1d2c9b0a8e7f6d5c4b3a29181706';
const COMMITMENT = createHash('sha256').update(SEED).digest('hex');
const PUBLICS = { qpvResident: false, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: true };
/** 200 candidates: 120 urban and 80 rural, all young people neither in employment nor training. */
const CANDIDATES = Array.from({ length: 200 }, (_, i) => ({ candidateId: pseudonym(`candidate-${i}`), strata: [{ factor: 'territory', level: i % 5 < 3 ? 'urban' : 'rural' }], flags: ['youngNeet'], qualificationLevel: 'NONE' }));
const PROTOCOL = {
  eligibility: { criteria: 'Young people neither in employment, education nor training, without a qualification', requiredFlags: ['youngNeet'], qualificationLevels: ['NONE', '3'] },
  arms: [
    { name: 'treatment', ratio: 1, receivesAction: true },
    { name: 'control', ratio: 1, receivesAction: false },
  ],
  strata: [{ factor: 'territory', levels: ['urban', 'rural'] }],
  seedCommitment: COMMITMENT,
};

interface Member {
  candidateId: string;
  arm: string;
  strata: Record<string, string>;
  entry: { orderId: string; enteredOn: string } | null;
  exit: { kind: string; on: string } | null;
}

/** An experimental project over HTTP: its protocol, 200 candidates in two strata drawn, the draw respected at entry, the cohort exported. */
describe('evaluations (end to end)', () => {
  let running: RunningApi;
  let as: ReturnType<typeof callerOf>;
  let contractId: string;
  let orderId: string;
  const clock = new FixedClock(new Date('2026-02-01T09:00:00.000Z'));
  const base = `/programmes/${PROGRAMME}/projects/${PROJECT}/evaluation`;

  beforeAll(async () => {
    running = await startApi('evaluations-e2e', { clock });
    const tokens = await tokensFor({
      buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
      providerA: { sub: 'user-of-a', role: 'provider', tenant: 'ARA', providerId: 'of-a' },
      officer: { sub: 'pe-ara-1', role: 'pole_emploi', tenant: 'ARA' },
      auditor: { sub: 'auditor-ara', role: 'auditor', tenant: 'ARA' },
      buyerIdf: { sub: 'buyer-idf-1', role: 'buyer', tenant: 'IDF' },
    });
    as = callerOf(running.app, tokens);
    contractId = await anActiveFramework(as);
    await as('buyer').post('/programmes', { programmeId: PROGRAMME, title: 'Pacte ARA 2026', startDate: '2026-01-01', endDate: '2026-12-31', regionReferenceLevelCents: 0 }).expect(201);
    await as('buyer').post(`/programmes/${PROGRAMME}/projects`, { projectId: PROJECT, title: 'Parcours numériques' }).expect(201);
    await as('buyer').post(`/programmes/${PROGRAMME}/funding-lines`, { fundingLineId: 'state', funder: 'STATE_PIC', label: 'PIC', amountCents: 50_000_000, startDate: '2026-01-01', endDate: '2026-12-31' }).expect(201);
    await as('buyer').post(`/programmes/${PROGRAMME}/lots`, { projectId: PROJECT, contractId, lotId: 'LOT-1', fundingLineId: 'state' }).expect(201);
  });
  afterAll(() => running?.close());

  it('is declared by a buyer with the commitment of its seed, for lots of its project only', async () => {
    const protocol = { ...PROTOCOL, lots: [{ contractId, lotId: 'LOT-1' }] };
    await as('providerA').post(base, protocol).expect(403);
    await as('officer').post(base, protocol).expect(403);
    const malformed = await as('buyer').post(base, { ...protocol, seedCommitment: SEED.slice(0, 10), arms: [{ name: 'treatment', ratio: 0.5, receivesAction: true }] }).expect(400);
    expect(JSON.stringify(malformed.body)).toMatch(/seedCommitment/);
    await as('buyer').post(`/programmes/${PROGRAMME}/projects/unknown/evaluation`, protocol).expect(404);
    const outside = await as('buyer').post(base, { ...protocol, lots: [{ contractId, lotId: 'LOT-2' }] }).expect(422);
    expect(outside.body).toMatchObject({ code: 'EVALUATION_LOT_NOT_IN_PROJECT', details: { lots: [{ contractId, lotId: 'LOT-2' }] } });
    const oneArm = await as('buyer').post(base, { ...protocol, arms: [{ name: 'a', ratio: 1, receivesAction: false }, { name: 'b', ratio: 1, receivesAction: false }] }).expect(422);
    expect(oneArm.body.code).toBe('EVALUATION_PROTOCOL_INVALID');
    await as('buyer').post(base, protocol).expect(201);
    expect(await running.store.readStream(evaluatedLotStream('ARA', contractId, 'LOT-1'))).toHaveLength(1);
  });

  it('registers 200 eligible candidates from buyers and Pôle emploi, then closes registration', async () => {
    await as('providerA').post(`${base}/candidates`, { candidates: CANDIDATES.slice(0, 1) }).expect(403);
    const ineligible = await as('officer').post(`${base}/candidates`, { candidates: [{ ...CANDIDATES[0], flags: [] }] }).expect(422);
    expect(ineligible.body).toMatchObject({ code: 'CANDIDATE_NOT_ELIGIBLE', details: { missingFlags: ['youngNeet'] } });
    await as('buyer').post(`${base}/candidates`, { candidates: [{ ...CANDIDATES[0], strata: [{ factor: 'territory', level: 'urban' }, { factor: 'age', level: 'x' }] }] }).expect(422);
    await as('buyer').post(`${base}/candidates`, { candidates: [{ ...CANDIDATES[0], strata: [{ factor: 'territory', level: 'urban' }, { factor: 'territory', level: 'rural' }] }] }).expect(400);
    await as('buyer').post(`${base}/candidates`, { candidates: CANDIDATES.slice(0, 150) }).expect(201);
    await as('officer').post(`${base}/candidates`, { candidates: CANDIDATES.slice(150) }).expect(201);
    const early = await as('buyer').post(`${base}/draw`, { seed: SEED }).expect(422);
    expect(early.body.code).toBe('DRAW_BEFORE_REGISTRATION_CLOSED');
    await as('officer').post(`${base}/registration-closure`).expect(403);
    await as('buyer').post(`${base}/registration-closure`).expect(201);
    const late = await as('officer').post(`${base}/candidates`, { candidates: [{ ...CANDIDATES[0], candidateId: pseudonym('late') }] }).expect(422);
    expect(late.body.code).toBe('CANDIDATE_REGISTRATION_CLOSED');
  });

  it('draws from the seed that hashes to the commitment, exactly half of each stratum in each arm', async () => {
    const head = await running.store.headPosition();
    const mismatch = await as('buyer').post(`${base}/draw`, { seed: 'a seed chosen after seeing the list' }).expect(422);
    expect(await running.store.headPosition()).toBe(head);
    expect(mismatch.body).toMatchObject({ code: 'EVALUATION_SEED_MISMATCH', details: { committedHash: COMMITMENT, revealedHash: createHash('sha256').update('a seed chosen after seeing the list').digest('hex') } });
    await as('officer').post(`${base}/draw`, { seed: SEED }).expect(403);
    clock.set(new Date('2026-03-02T10:00:00.000Z'));
    await as('buyer').post(`${base}/draw`, { seed: SEED }).expect(201);
    const again = await as('buyer').post(`${base}/draw`, { seed: SEED }).expect(422);
    expect(again.body.code).toBe('DRAW_ALREADY_PERFORMED');

    const read = await as('auditor').get(base).expect(200);
    expect(read.body).toMatchObject({ candidates: 200, registrationClosed: true, draw: { seed: SEED, drawnAt: '2026-03-02T10:00:00.000Z' } });
    expect(read.body.draw.countsByStratum).toEqual({ '["urban"]': { treatment: 60, control: 60 }, '["rural"]': { treatment: 40, control: 40 } });
    await as('buyerIdf').get(base).expect(404);
    await as('providerA').get(base).expect(403);
  });

  it('refuses to enter a candidate drawn into the control arm on an order of the experimental lot (422), and enters a treated one', async () => {
    const { members } = (await as('buyer').get(`${base}/cohort`).expect(200)).body as { members: Member[] };
    const treated = members.find((member) => member.arm === 'treatment')!;
    const control = members.find((member) => member.arm === 'control')!;
    clock.set(new Date('2026-04-06T09:00:00.000Z'));
    orderId = await aPathwayOrder(as, contractId, { quantity: 10, capacity: 6 });
    const reports = `/contracts/${contractId}/orders/${orderId}/deliveries`;
    await as('providerA').post(reports, { kind: 'SESSION_STARTED', sessionId: 'S-1', on: '2026-04-06' }).expect(201);
    const refused = await as('providerA').post(reports, { kind: 'TRAINEE_ENTERED', traineeId: control.candidateId, sessionId: 'S-1', enteredOn: '2026-04-06', publics: PUBLICS }).expect(422);
    expect(refused.body).toMatchObject({ code: 'EVALUATION_CONTROL_ARM_NOT_ENTERED', details: { traineeId: control.candidateId, arm: 'control', programmeId: PROGRAMME, projectId: PROJECT } });
    await as('providerA').post(reports, { kind: 'TRAINEE_ENTERED', traineeId: treated.candidateId, sessionId: 'S-1', enteredOn: '2026-04-06', publics: PUBLICS }).expect(201);
    // A trainee who is not a candidate is not concerned by the draw.
    await as('providerA').post(reports, { kind: 'TRAINEE_ENTERED', traineeId: pseudonym('not-a-candidate'), sessionId: 'S-1', enteredOn: '2026-04-06', publics: PUBLICS }).expect(201);
    clock.set(new Date('2026-07-03T17:00:00.000Z'));
    await as('providerA').post(reports, { kind: 'TRAINEE_COMPLETED', traineeId: treated.candidateId, on: '2026-07-03' }).expect(201);
    // Six months on, the buyer records the survey answer: employed.
    clock.set(new Date('2027-01-05T09:00:00.000Z'));
    await as('buyer')
      .post(`/contracts/${contractId}/orders/${orderId}/outcomes`, { traineeId: treated.candidateId, horizonMonths: 6, situation: 'EMPLOYED', employment: { contractType: 'CDI' }, source: 'SURVEY', observedOn: '2027-01-04' })
      .expect(201);
  });

  it('exports the pseudonymised cohort as JSON and CSV, and the arms with their entries, exits and outcomes at 6 months', async () => {
    const json = await as('auditor').get(`${base}/cohort`).expect(200);
    const members = json.body.members as Member[];
    expect(members).toHaveLength(200);
    const treated = members.find((member) => member.entry !== null)!;
    expect(treated).toMatchObject({ arm: 'treatment', entry: { orderId, enteredOn: '2026-04-06' }, exit: { kind: 'COMPLETED', on: '2026-07-03' }, outcomes: { months6: 'EMPLOYED', months12: null } });
    expect(members.filter((member) => member.entry !== null)).toHaveLength(1);

    const csv = await as('auditor').get(`${base}/cohort`).query({ format: 'csv' }).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('candidateId,arm,territory,enteredOn,orderId,exit,exitOn,exitDestination,situationAt6Months,situationAt12Months');
    expect(lines).toHaveLength(201);
    expect(lines).toContain(`${treated.candidateId},treatment,${treated.strata.territory},2026-04-06,${orderId},COMPLETED,2026-07-03,,EMPLOYED,`);
    await as('providerA').get(`${base}/cohort`).expect(403);
    await as('auditor').get(`${base}/cohort`).query({ format: 'xlsx' }).expect(400);

    const arms = await as('officer').get(`${base}/arms`).expect(200);
    // Month by month from the draw (March 2026) to the last observation (January 2027), cumulative.
    const months = ['2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01'];
    const none = { entered: 0, completed: 0, leftEarly: 0, observedAt6Months: 0, employedAt6Months: 0, observedAt12Months: 0, employedAt12Months: 0 };
    const treatedBy = (month: string) => ({
      month,
      entered: month >= '2026-04' ? 1 : 0,
      completed: month >= '2026-07' ? 1 : 0,
      leftEarly: 0,
      observedAt6Months: month >= '2027-01' ? 1 : 0,
      employedAt6Months: month >= '2027-01' ? 1 : 0,
      observedAt12Months: 0,
      employedAt12Months: 0,
    });
    expect(arms.body.arms).toEqual([
      { arm: 'treatment', receivesAction: true, candidates: 100, entered: 1, completed: 1, leftEarly: 0, employedAt6Months: 1, byStratum: { '["urban"]': 60, '["rural"]': 40 }, overTime: months.map(treatedBy) },
      { arm: 'control', receivesAction: false, candidates: 100, entered: 0, completed: 0, leftEarly: 0, employedAt6Months: 0, byStratum: { '["urban"]': 60, '["rural"]': 40 }, overTime: months.map((month) => ({ month, ...none })) },
    ]);

    // The programme's evaluations, for the steering page: the same arms, under their project.
    const evaluations = await as('auditor').get(`/programmes/${PROGRAMME}/evaluations`).expect(200);
    expect(evaluations.body).toEqual({
      programmeId: PROGRAMME,
      evaluations: [{ projectId: PROJECT, title: 'Parcours numériques', declaredAt: expect.any(String), candidates: 200, registrationClosed: true, drawnAt: '2026-03-02T10:00:00.000Z', arms: arms.body.arms }],
    });
    await as('providerA').get(`/programmes/${PROGRAMME}/evaluations`).expect(403);
    await as('buyerIdf').get(`/programmes/${PROGRAMME}/evaluations`).expect(404);
  });

  it('is decided again by the verification, the draw from its seed and its 200 candidates, and explained in the decision history', async () => {
    const report = await as('auditor').post('/audit/verify').expect(200);
    expect(report.body).toMatchObject({ ok: true, decisions: { failed: 0, byType: { CandidatesDrawn: { decided: 1, failed: 0 }, CandidateRegistered: { decided: 200 } } } });
    expect((await running.store.readStream(evaluationStream('ARA', PROGRAMME, PROJECT))).at(-1)!.type).toBe('CandidatesDrawn');
    const history = await as('auditor').get('/audit/decisions').query({ type: 'CandidatesDrawn' }).expect(200);
    expect(JSON.stringify(history.body)).toContain('200 candidates assigned by hmac-sha256-stratified-blocks/1 ([\\"urban\\"]: ');
  });
});
