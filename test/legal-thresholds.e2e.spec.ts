import { FixedClock, Principal } from '@app/shared';
import { schemaProblems } from '../libs/audit/src/exports/schema-validation';
import { callerOf, RunningApi, startApi, tokensFor } from './support/http-harness';
import { anActiveFramework, FRAMEWORK } from './support/procurement-fixtures';

const TRAINING_CPV = '80530000-8';
const euros = (amount: number): number => Math.round(amount * 100);

/** One lot of pathways at 3,000 €: the lot's initial quantity makes the contract's initial amount. */
const pathwayLot = (pathways: number) => ({
  lotId: 'LOT-1',
  title: 'Parcours qualifiants',
  scope: { domainCode: '31054', territoryCodes: ['69'], targetPublics: ['QPV_RESIDENTS'] },
  workUnits: [{ type: 'PATHWAY', unitPriceCents: euros(3_000), initialQuantity: pathways, minQuantity: 1, maxQuantity: pathways * 2 }],
  maximumValueCents: euros(3_000 * pathways * 2),
});

/**
 * The code's thresholds and procedures over HTTP: vocational training is a social and specific service (R2123-1
 * 3°, 750,000 € threshold), the tender committee is consulted only on contracts of a formalised procedure (CGCT
 * L1414-2, L1414-4), and the exports publish the procedure recorded.
 */
describe('legal thresholds and award procedures (end to end)', () => {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00.000Z'));
  let api: RunningApi;
  let as: ReturnType<typeof callerOf>;

  beforeAll(async () => {
    api = await startApi('legal-thresholds-e2e', { clock, env: { DECP_BUYER_SIRETS: 'ARA=23690001100012' } });
    const principals: Record<string, Principal> = { buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' }, auditor: { sub: 'auditor-1', role: 'auditor', tenant: 'ARA' } };
    as = callerOf(api.app, await tokensFor(principals));
  });
  afterAll(() => api?.close());

  /** A training framework of `pathways` × 3,000 € awarded under `procedure`. */
  const trainingFramework = (pathways: number, procedure: string) =>
    anActiveFramework(as, {
      lots: [pathwayLot(pathways)],
      clauses: [],
      contract: {
        title: `Formation ${procedure} ${pathways}`,
        awardProcedure: { procedure },
        cpvCode: TRAINING_CPV,
        initialValueCents: euros(3_000 * pathways),
        maximumValueCents: euros(3_000 * pathways * 2),
      },
    });
  const priceChange = (newUnitPriceCents: number) => ({
    description: 'Revalorisation du parcours',
    change: { kind: 'PRICE', lotId: 'LOT-1', unitType: 'PATHWAY', newUnitPriceCents },
  });

  it('accepts a de minimis change of 9% of a 600,000 € training framework under R2194-8 and refuses one of 11%', async () => {
    const contractId = await trainingFramework(200, 'MAPA');
    // +330 € on 200 pathways is 66,000 €, 11% of 600,000 €.
    const eleven = await as('buyer').post(`/contracts/${contractId}/amendments`, priceChange(euros(3_330))).expect(422);
    expect(eleven.body).toMatchObject({
      code: 'AMENDMENT_EXCEEDS_DE_MINIMIS',
      rule: 'CCP R2194-8 and R2194-9',
      details: {
        purchaseKind: 'SOCIAL_AND_SPECIFIC_SERVICES',
        amountChangeCents: euros(66_000),
        amountChangePercentOfInitial: 11,
        deMinimis: { euThresholdCents: euros(750_000), percentCapCents: euros(60_000), belowEuThreshold: true, belowPercentCap: false },
      },
    });
    expect(eleven.body.message).toContain('10% of the initial amount');

    // +270 € on 200 pathways is 54,000 €, 9%: above the committee's 5%, but the contract was awarded under MAPA.
    const nine = await as('buyer').post(`/contracts/${contractId}/amendments`, priceChange(euros(3_270))).expect(201);
    const proposed = await as('buyer').get(`/contracts/${contractId}/amendments/${nine.body.amendmentId}`).expect(200);
    expect(proposed.body).toMatchObject({
      amountChangeCents: euros(54_000),
      legalCheck: { legalBasis: 'R2194-8', eformsCode: 'mod-minv', tenderCommitteeOpinionRequired: false },
    });
    await as('buyer').post(`/contracts/${contractId}/amendments/${nine.body.amendmentId}/sign`).expect(200);
  });

  it('asks the tender committee’s opinion above 5% only when the contract was awarded under a formalised procedure', async () => {
    const contractId = await trainingFramework(200, 'OPEN_TENDER');
    const nine = await as('buyer').post(`/contracts/${contractId}/amendments`, priceChange(euros(3_270))).expect(201);
    const amendment = `/contracts/${contractId}/amendments/${nine.body.amendmentId}`;
    const unsigned = await as('buyer').post(`${amendment}/sign`).expect(422);
    expect(unsigned.body.code).toBe('TENDER_COMMITTEE_OPINION_REQUIRED');
    await as('buyer').post(`${amendment}/tender-committee-opinion`, { opinionDate: '2026-03-02', favourable: true }).expect(200);
    await as('buyer').post(`${amendment}/sign`).expect(200);
  });

  it('holds training to the 750,000 € threshold: 8% of a 3,000,000 € framework (240,000 €) is de minimis', async () => {
    const contractId = await trainingFramework(1_000, 'MAPA');
    const eight = await as('buyer').post(`/contracts/${contractId}/amendments`, priceChange(euros(3_240))).expect(201);
    const proposed = await as('buyer').get(`/contracts/${contractId}/amendments/${eight.body.amendmentId}`).expect(200);
    expect(proposed.body).toMatchObject({ amountChangeCents: euros(240_000), legalCheck: { legalBasis: 'R2194-8' } });
  });

  it('records a non-substantial change beyond de minimis under L2194-1 5° only with the buyer’s answer to each effect of R2194-7', async () => {
    const contractId = await trainingFramework(200, 'MAPA');
    const beyond = priceChange(euros(3_600)); // +120,000 €, 20%
    const unanswered = await as('buyer')
      .post(`/contracts/${contractId}/amendments`, { ...beyond, justification: { notSubstantial: true }, substantialEffects: { wouldHaveAttractedOtherBidders: false } })
      .expect(422);
    expect(unanswered.body).toMatchObject({ code: 'SUBSTANTIAL_ASSESSMENT_INCOMPLETE', rule: 'CCP L2194-1 5° and R2194-7' });
    const assessed = { wouldHaveAttractedOtherBidders: false, shiftsEconomicBalanceToContractor: false, considerablyExtendsScope: false };
    const substantial = await as('buyer')
      .post(`/contracts/${contractId}/amendments`, { ...beyond, justification: { notSubstantial: true }, substantialEffects: { ...assessed, shiftsEconomicBalanceToContractor: true } })
      .expect(422);
    expect(substantial.body).toMatchObject({ code: 'AMENDMENT_SUBSTANTIAL', rule: 'CCP R2194-7' });
    const allowed = await as('buyer')
      .post(`/contracts/${contractId}/amendments`, { ...beyond, justification: { notSubstantial: true }, substantialEffects: assessed })
      .expect(201);
    const read = await as('buyer').get(`/contracts/${contractId}/amendments/${allowed.body.amendmentId}`).expect(200);
    expect(read.body.legalCheck).toMatchObject({ legalBasis: 'R2194-7', article: 'CCP L2194-1 5° and R2194-7', eformsCode: 'mod-nons' });
  });

  it('refuses a draft without its procedure, and the adapted procedure for ordinary services above the threshold', async () => {
    const { awardProcedure: _procedure, cpvCode: _cpv, ...withoutProcedure } = FRAMEWORK;
    const missing = await as('buyer').post('/contracts', withoutProcedure).expect(400);
    expect(JSON.stringify(missing.body)).toContain('awardProcedure');
    expect(JSON.stringify(missing.body)).toContain('cpvCode');
    // Computer training (80533100-0) is an ordinary service: 2,000,000 € is above 216,000 €.
    const mapa = await as('buyer').post('/contracts', { ...FRAMEWORK, awardProcedure: { procedure: 'MAPA' }, cpvCode: '80533100-0' }).expect(422);
    expect(mapa.body).toMatchObject({ code: 'ADAPTED_PROCEDURE_ABOVE_THRESHOLD', rule: 'CCP R2123-1 1°', details: { euThresholdCents: euros(216_000) } });
    const noGround = await as('buyer').post('/contracts', { ...FRAMEWORK, awardProcedure: { procedure: 'WITHOUT_PUBLICATION_OR_COMPETITION' } }).expect(422);
    expect(noGround.body.code).toBe('AWARD_GROUND_REQUIRED');
  });

  it('publishes the procedure recorded in the DECP and OCDS exports', async () => {
    const contractId = await trainingFramework(200, 'MAPA');
    const decp = await as('auditor').get(`/audit/contracts/${contractId}/decp`).expect(200);
    expect(schemaProblems('decp', decp.body)).toEqual([]);
    expect(decp.body.marches.marche[0]).toMatchObject({ procedure: 'Procédure adaptée', codeCPV: '80530000' });
    const ocds = await as('auditor').get(`/audit/contracts/${contractId}/ocds`).expect(200);
    expect(schemaProblems('ocds', ocds.body)).toEqual([]);
    expect(ocds.body.releases.at(-1).tender).toMatchObject({ procurementMethod: 'open', procurementMethodDetails: expect.stringContaining('Procédure adaptée') });
  });
});
