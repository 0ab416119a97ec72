import { INestApplication } from '@nestjs/common';
import { EventStore } from '@app/event-store';
import { FixedClock, Principal } from '@app/shared';
import { callerOf, RunningApi, startApi, tokensFor } from './support/http-harness';
import { certifiedProviders } from './support/provider-register-fixtures';
import { aPathwayOrder } from './support/procurement-fixtures';
import { pseudonym } from './support/trainee-ids';

/**
 * Six trainees enter a pathway whose variable part (10 %) is tied to employment at 6 months; three complete, three
 * leave early (for a job, an apprenticeship, without a solution). The first statement withholds the variable part,
 * a statement issued before the outcomes are all recorded pays none of it; the buyer records a survey answer, the
 * provider its own report, Pôle emploi imports the rest (a faulty import is refused whole, line by line); the next
 * statement pays the withheld part with the tier the measured employment reaches. Over real HTTP, embedded store.
 */
describe('trainee outcomes and the quality bonus they pay (end to end)', () => {
  let app: INestApplication;
  let store: EventStore;
  let api: RunningApi;
  const clock = new FixedClock(new Date('2026-03-02T09:00:00.000Z'));
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi('outcomes-e2e', { clock });
    ({ app, store } = api);
    const principals: Record<string, Principal> = {
      buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
      providerA: { sub: 'of-a-user', role: 'provider', tenant: 'ARA', providerId: 'of-a' },
      providerB: { sub: 'of-b-user', role: 'provider', tenant: 'ARA', providerId: 'of-b' },
      auditor: { sub: 'auditor-1', role: 'auditor', tenant: 'ARA' },
      poleEmploi: { sub: 'pe-officer-1', role: 'pole_emploi', tenant: 'ARA' },
    };
    Object.assign(tokens, await tokensFor(principals));
  });
  afterAll(() => api.close());

  const as = (who: string) => callerOf(app, tokens)(who);
  const trainees = ['t1', 't2', 't3', 't4', 't5', 't6'].map((label) => pseudonym(`outcomes-${label}`));
  const [t1, t2, t3, t4, t5, t6] = trainees;
  const publics = { qpvResident: false, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: true };

  /** LOT-1: pathways at 3,000 € for of-a, 10 % tied to employment at 6 months; the clause's tiers count from 4 trainees. LOT-2 for of-b. */
  async function aContract(): Promise<{ contractId: string; orderId: string }> {
    clock.set(new Date('2026-03-02T09:00:00.000Z'));
    const drafted = await as('buyer')
      .post('/contracts', {
        title: 'Parcours vers l’emploi 2026-2029',
        mode: 'FRAMEWORK_AGREEMENT',
        awardProcedure: { procedure: 'OPEN_TENDER' },
        cpvCode: '80530000-8',
        startDate: '2026-01-01',
        endDate: '2029-12-31',
        initialValueCents: 100_000_000,
        maximumValueCents: 200_000_000,
      })
      .expect(201);
    const contractId = drafted.body.contractId as string;
    const lot = (lotId: string, indicator: string) => ({
      lotId,
      title: `Parcours ${lotId}`,
      scope: { domainCode: '31054', territoryCodes: ['69'], targetPublics: ['YOUNG_NEET'] },
      workUnits: [{ type: 'PATHWAY', unitPriceCents: 300_000, qualityPart: { percent: 10, indicator }, initialQuantity: 100, minQuantity: 20, maxQuantity: 200 }],
      maximumValueCents: 80_000_000,
    });
    await as('buyer').post(`/contracts/${contractId}/lots`, lot('LOT-1', 'EMPLOYMENT_RATE_6_MONTHS')).expect(201);
    await as('buyer').post(`/contracts/${contractId}/lots`, lot('LOT-2', 'COMPLETION_RATE')).expect(201);
    const clause = (minimumGroupSize: unknown) => ({
      clauseId: 'QUAL-EMP',
      lotId: 'LOT-1',
      terms: {
        type: 'QUALITY_INCENTIVE',
        tiers: [
          { indicator: 'EMPLOYMENT_RATE_6_MONTHS', thresholdPercent: 0, adjustmentPercent: -50 },
          { indicator: 'EMPLOYMENT_RATE_6_MONTHS', thresholdPercent: 50, adjustmentPercent: 0 },
          { indicator: 'EMPLOYMENT_RATE_6_MONTHS', thresholdPercent: 75, adjustmentPercent: 20 },
        ],
        minimumGroupSize,
      },
    });
    const badSize = await as('buyer').post(`/contracts/${contractId}/clauses`, clause(0)).expect(400);
    expect(badSize.body.fields.map((field: { field: string }) => field.field)).toEqual(['terms.minimumGroupSize']);
    await as('buyer').post(`/contracts/${contractId}/clauses`, clause(4)).expect(201);
    await as('buyer').post(`/contracts/${contractId}/publish`).expect(200);
    await certifiedProviders(as, ['of-a', 'of-b']);
    await as('buyer').post(`/contracts/${contractId}/lots/LOT-1/award`, { providerIds: ['of-a'], bidsReceived: 3 }).expect(200);
    await as('buyer').post(`/contracts/${contractId}/lots/LOT-2/award`, { providerIds: ['of-b'], bidsReceived: 3 }).expect(200);
    await as('buyer').post(`/contracts/${contractId}/activate`).expect(200);
    return { contractId, orderId: await aPathwayOrder(as, contractId, { quantity: 10, capacity: 6 }) };
  }

  it('withholds the bonus until employment at 6 months is measured, then pays it with its tier on the next statement', async () => {
    const { contractId, orderId } = await aContract();
    const deliveries = `/contracts/${contractId}/orders/${orderId}/deliveries`;
    const statements = `/contracts/${contractId}/orders/${orderId}/service-statements`;
    const outcomes = `/contracts/${contractId}/orders/${orderId}/outcomes`;

    // The pathway: six enter, three complete; one leaves for a 6-month CDD, one for an apprenticeship, one without a solution.
    clock.set(new Date('2026-07-03T17:00:00.000Z'));
    await as('providerA').post(deliveries, { kind: 'SESSION_STARTED', sessionId: 'S-1', on: '2026-04-06' }).expect(201);
    for (const traineeId of trainees) {
      await as('providerA').post(deliveries, { kind: 'TRAINEE_ENTERED', traineeId, sessionId: 'S-1', enteredOn: '2026-04-06', publics }).expect(201);
    }
    const noContract = await as('providerA').post(deliveries, { kind: 'TRAINEE_LEFT_EARLY', traineeId: t4, on: '2026-05-10', destination: 'EMPLOYMENT' }).expect(422);
    expect(noContract.body).toMatchObject({ code: 'EMPLOYMENT_CONTRACT_INVALID', details: { problem: 'MISSING' } });
    await as('providerA')
      .post(deliveries, { kind: 'TRAINEE_LEFT_EARLY', traineeId: t4, on: '2026-05-10', destination: 'EMPLOYMENT', employment: { contractType: 'CDD', durationMonths: 6 } })
      .expect(201);
    await as('providerA').post(deliveries, { kind: 'TRAINEE_LEFT_EARLY', traineeId: t5, on: '2026-05-20', destination: 'APPRENTICESHIP' }).expect(201);
    await as('providerA').post(deliveries, { kind: 'TRAINEE_LEFT_EARLY', traineeId: t6, on: '2026-06-01', destination: 'WITHOUT_SOLUTION', reason: 'MOTIVATION' }).expect(201);
    for (const traineeId of [t1, t2, t3]) await as('providerA').post(deliveries, { kind: 'TRAINEE_COMPLETED', traineeId, on: '2026-07-03' }).expect(201);
    await as('providerA').post(deliveries, { kind: 'SESSION_ENDED', sessionId: 'S-1', on: '2026-07-03' }).expect(201);

    // 3 pathways × 3,000 €: the 900 € variable part is withheld, not paid at its base, until the outcomes are in.
    clock.set(new Date('2026-08-03T09:00:00.000Z'));
    const summer = await as('buyer').post(statements, { periodStart: '2026-04-01', periodEnd: '2026-07-31' }).expect(201);
    expect(summer.body.statement).toMatchObject({
      fixedAmountCents: 810_000,
      qualityVariables: [
        {
          indicator: 'EMPLOYMENT_RATE_6_MONTHS',
          baseAmountCents: 90_000,
          measured: false,
          withheld: true,
          amountCents: 0,
          inputs: { outcomesAt6Months: { trainees: 6, observed: 0 }, minimumGroupSize: 4 },
        },
      ],
      totalCents: 810_000,
    });
    const summerId = summer.body.statementId as string;

    // Six months on: the buyer records a survey answer; an outcome observed before six months have passed is refused.
    clock.set(new Date('2027-01-05T09:00:00.000Z'));
    const survey = { traineeId: t1, horizonMonths: 6, situation: 'EMPLOYED', employment: { contractType: 'CDI' }, source: 'SURVEY', observedOn: '2027-01-04', satisfied: true };
    const early = await as('buyer').post(outcomes, { ...survey, observedOn: '2027-01-02' }).expect(422);
    expect(early.body).toMatchObject({ code: 'OUTCOME_LINES_REFUSED', details: { refused: [{ line: 0, code: 'OUTCOME_OBSERVED_TOO_EARLY', details: { earliest: '2027-01-03' } }] } });
    const answered = await as('buyer').post(outcomes, survey).expect(201);
    expect(answered.body).toMatchObject({ contractId, recorded: 1, orders: [{ orderId, events: [{ type: 'TraineeOutcomeObserved' }] }] });
    await as('buyer').post(outcomes, survey).expect(200);

    // The provider reports its own trainee's outcome, as its report only; an auditor records nothing.
    const providerReport = { traineeId: t6, horizonMonths: 6, situation: 'EMPLOYED', employment: { contractType: 'INTERIM' }, source: 'PROVIDER_REPORT', observedOn: '2027-01-04' };
    const asSurvey = await as('providerA').post(outcomes, { ...providerReport, source: 'SURVEY' }).expect(422);
    expect(asSurvey.body.details.refused[0].code).toBe('OUTCOME_SOURCE_NOT_ALLOWED');
    await as('providerB').post(outcomes, providerReport).expect(404);
    await as('auditor').post(outcomes, providerReport).expect(403);
    await as('providerA').post(outcomes, providerReport).expect(201);
    const malformed = await as('buyer').post(outcomes, { ...providerReport, horizonMonths: 9, situation: 'HAPPY' }).expect(400);
    expect(malformed.body.fields.map((field: { field: string }) => field.field).sort()).toEqual(['horizonMonths', 'situation']);

    // A statement issued before every outcome is recorded pays nothing of the withheld part.
    const autumn = await as('buyer').post(statements, { periodStart: '2026-08-01', periodEnd: '2026-12-31' }).expect(201);
    expect(autumn.body.statement).not.toHaveProperty('regularisations');
    expect(autumn.body.statement.totalCents).toBe(0);

    // Pôle emploi's import: each line checked; a malformed line answers 400 naming it, a refused one 422 listing it, nothing written.
    const imports = `/contracts/${contractId}/outcome-imports`;
    const line = (traineeId: string, situation: string, extra: object = {}) => ({ orderId, traineeId, horizonMonths: 6, situation, observedOn: '2027-01-04', ...extra });
    const lines = [line(t2, 'EMPLOYED', { employment: { contractType: 'CDD', durationMonths: 12 } }), line(t3, 'UNKNOWN'), line(t4, 'EMPLOYED', { employment: { contractType: 'CDI' } }), line(t5, 'APPRENTICESHIP')];
    const badShape = await as('poleEmploi').post(imports, { lines: [lines[0], { ...lines[1], situation: 'HAPPY' }] }).expect(400);
    expect(badShape.body.fields.map((field: { field: string }) => field.field)).toEqual(['lines.1.situation']);
    const before = await store.headPosition();
    const refused = await as('poleEmploi').post(imports, { lines: [...lines, line(t4, 'JOB_SEEKER'), line(pseudonym('outcomes-stranger'), 'EMPLOYED', { employment: { contractType: 'CDI' } })] }).expect(422);
    expect(refused.body).toMatchObject({
      code: 'OUTCOME_LINES_REFUSED',
      details: { refused: [{ line: 4, code: 'OUTCOME_ALREADY_OBSERVED' }, { line: 5, code: 'TRAINEE_NOT_ENTERED' }] },
    });
    expect(await store.headPosition()).toBe(before);
    await as('providerA').post(imports, { lines }).expect(403);
    const imported = await as('poleEmploi').post(imports, { lines }).expect(201);
    expect(imported.body).toMatchObject({ recorded: 4, orders: [{ orderId, replayed: false }] });

    // Measured: 4 employed of 5 known situations (one unknown) = 80 %, the +20 % tier: the withheld 900 € is paid as 1,080 €, once.
    clock.set(new Date('2027-02-01T09:00:00.000Z'));
    const january = await as('buyer').post(statements, { periodStart: '2027-01-01', periodEnd: '2027-01-31' }).expect(201);
    expect(january.body.statement).toMatchObject({
      fixedAmountCents: 0,
      regularisations: [
        {
          statementId: summerId,
          periodStart: '2026-04-01',
          periodEnd: '2026-07-31',
          indicator: 'EMPLOYMENT_RATE_6_MONTHS',
          baseAmountCents: 90_000,
          measuredPercent: 80,
          tierApplied: { clauseId: 'QUAL-EMP', thresholdPercent: 75, adjustmentPercent: 20 },
          amountCents: 108_000,
          inputs: { outcomesAt6Months: { trainees: 6, observed: 6, known: 5, employed: 4 }, numerator: 4, denominator: 5 },
        },
      ],
      totalCents: 108_000,
    });
    clock.set(new Date('2027-03-01T09:00:00.000Z'));
    const february = await as('buyer').post(statements, { periodStart: '2027-02-01', periodEnd: '2027-02-28' }).expect(201);
    expect(february.body.statement).not.toHaveProperty('regularisations');

    // The read model per lot: exits by destination, outcomes at 6 months, the indicators with their counts.
    const written = await store.headPosition();
    const readModel = async (who: string) => {
      for (let attempt = 0; ; attempt++) {
        const answer = await as(who).get(`/read-models/outcomes?contractId=${contractId}`).expect(200);
        if (answer.body.position >= written || attempt >= 100) return answer.body;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const read = await readModel('auditor');
    expect(read.rows).toEqual([
      {
        contract_id: contractId,
        lot_id: 'LOT-1',
        exits: {
          entered: 6,
          completed: 3,
          left_early: 3,
          continued_remotely: 0,
          positive_exits: 2,
          by_destination: { EMPLOYMENT: 1, APPRENTICESHIP: 1, FURTHER_TRAINING: 0, IAE: 0, WITHOUT_SOLUTION: 1, OTHER: 0 },
        },
        outcomes: { '6': { EMPLOYED: 4, UNKNOWN: 1, APPRENTICESHIP: 1 }, '12': {} },
        indicators: {
          // 3 completed of the 4 who did not leave for a job or an apprenticeship.
          COMPLETION_RATE: { percent: 75, completed: 3, counted: 4 },
          CERTIFICATION_RATE: { percent: 0, certified: 0, completed: 3 },
          EMPLOYMENT_RATE_6_MONTHS: { percent: 80, employed: 4, known: 5, observed: 6, entered: 6 },
          SATISFACTION_RATE: { percent: 100, satisfied: 1, answers: 1 },
        },
      },
      expect.objectContaining({ lot_id: 'LOT-2', indicators: expect.objectContaining({ EMPLOYMENT_RATE_6_MONTHS: expect.objectContaining({ percent: null }) }) }),
    ]);
    expect((await readModel('providerB')).rows.map((row: { lot_id: string }) => row.lot_id)).toEqual(['LOT-2']);

    // The decision history says where each trainee went and what became of them; verification decides them all again.
    const history = await as('auditor').get('/audit/decisions?type=TraineeLeftEarly,TraineeOutcomeObserved,ServiceStatementIssued').expect(200);
    const what = JSON.stringify(history.body);
    expect(what).toContain('early on 2026-05-10 for a job (CDD of 6 months), a positive exit, not a dropout');
    expect(what).toContain('employed (INTERIM) at 6 months (observed on 2027-01-04, from the provider’s report)');
    expect(what).toContain('withheld: €900.00 of employment rate 6 months until measured');
    expect(what).toContain(`regularised: €1,080.00 for employment rate 6 months of statement ${summerId}, measured at 80 %`);
    const verified = await as('auditor').post('/audit/verify').expect(200);
    expect(verified.body).toMatchObject({ ok: true });
    expect(verified.body.decisions.byType).toMatchObject({
      TraineeLeftEarly: { decided: 3, failed: 0 },
      TraineeOutcomeObserved: { decided: 6, failed: 0 },
      ServiceStatementIssued: { decided: 4, failed: 0 },
    });
  });
});
