import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import request from 'supertest';
import { FixedClock } from '@app/shared';
import { callerOf, RunningApi, startApi, tokensFor } from './support/http-harness';
import { anActiveFramework, aPathwayOrder } from './support/procurement-fixtures';
import { pseudonym } from './support/trainee-ids';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PROGRAMME = 'pric-ara-steering';
const NO_PUBLIC = { qpvResident: false, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: false };
const QPV = { ...NO_PUBLIC, qpvResident: true };
/** Who each trainee is for targeting: the priority-public flags, and the targeting data where the entry gives them. */
const ENTRANTS: Record<string, { publics: typeof NO_PUBLIC; targeting?: object }> = {
  'p-1': { publics: QPV, targeting: { qualificationLevel: 'NONE', ageBand: 'UNDER_26', sex: 'FEMALE', illiterate: false } },
  'p-2': { publics: QPV, targeting: { qualificationLevel: 'LEVEL_3', ageBand: 'AGED_26_TO_44', sex: 'MALE', illiterate: false } },
  'p-3': { publics: { ...NO_PUBLIC, ruralResident: true } },
  'p-4': { publics: QPV, targeting: { qualificationLevel: 'LEVEL_5', ageBand: 'AGED_45_AND_OVER', sex: 'FEMALE', illiterate: true } },
  'p-5': { publics: NO_PUBLIC, targeting: { qualificationLevel: 'LEVEL_4', ageBand: 'UNDER_26', sex: 'MALE', illiterate: false } },
  treated: { publics: QPV, targeting: { qualificationLevel: 'NONE', ageBand: 'AGED_26_TO_44', sex: 'FEMALE', illiterate: false } },
  'q-1': { publics: NO_PUBLIC, targeting: { qualificationLevel: 'LEVEL_3', ageBand: 'UNDER_26', sex: 'FEMALE', illiterate: false } },
  'q-2': { publics: QPV },
  'q-3': { publics: NO_PUBLIC, targeting: { qualificationLevel: 'LEVEL_6', ageBand: 'AGED_26_TO_44', sex: 'MALE', illiterate: false } },
};
/** The page's words for the publics of the api's targeting, in the api's order. */
const PUBLIC_WORDS: Record<string, string> = {
  QPV_RESIDENT: 'QPV residents',
  RURAL_RESIDENT: 'Rural residents',
  DISABLED: 'Disabled people',
  ISOLATED_PARENT: 'Isolated parents',
  YOUNG_NEET: 'Young NEETs',
  NO_QUALIFICATION: 'No qualification',
  INFRA_BAC: 'Infra-bac',
  UNDER_26: 'Under 26',
  AGED_45_AND_OVER: '45 and over',
  WOMEN: 'Women',
  ILLITERATE: 'Illiteracy',
};
const SEED = '0b9e6c1d2a3f4e5d6c7b8a9f0e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d';
/** 20 candidates of the experimental project: 12 urban, 8 rural. */
const CANDIDATES = Array.from({ length: 20 }, (_, i) => ({ candidateId: pseudonym(`steering-candidate-${i}`), strata: [{ factor: 'territory', level: i < 12 ? 'urban' : 'rural' }], flags: [] }));
const PROTOCOL = {
  eligibility: { criteria: 'Job seekers without a qualification', requiredFlags: [] },
  arms: [
    { name: 'treatment', ratio: 1, receivesAction: true },
    { name: 'control', ratio: 1, receivesAction: false },
  ],
  strata: [{ factor: 'territory', levels: ['urban', 'rural'] }],
  seedCommitment: createHash('sha256').update(SEED).digest('hex'),
};

/** The provider-outcomes rows of the api, as the api gives them. */
interface ProviderOutcomes {
  contract_id: string;
  lot_id: string;
  provider_id: string;
  entered: number;
  completed: number;
  in_training: number;
  left_early: Record<string, number>;
  employment_contracts: Record<string, number>;
  outcomes: Record<string, Record<string, number>>;
  indicators: { EMPLOYMENT_RATE_6_MONTHS: { percent: number | null; employed: number; known: number }; SATISFACTION_RATE: { percent: number | null; satisfied: number; answers: number } };
}
/** The targeting of the api, as the api gives it. */
interface PublicShare {
  public: string;
  count: number;
  recorded: number;
  sharePercent: number | null;
  target: { percent: number; validFrom: string | null; source: string } | null;
  gapPoints: number | null;
}
interface Shares {
  entries: number;
  publics: PublicShare[];
}
interface ProgrammeTargeting {
  asOf: string;
  position: number;
  programme: Shares;
  contracts: Array<{ contractId: string } & Shares>;
  lots: Array<{ contractId: string; lotId: string } & Shares>;
}
interface TargetingMonths {
  position: number;
  months: Array<{ month: string; entered: Shares; toDate: Shares }>;
}
interface ArmMonth {
  month: string;
  entered: number;
  completed: number;
  leftEarly: number;
  observedAt6Months: number;
  employedAt6Months: number;
  observedAt12Months: number;
  employedAt12Months: number;
}
interface Arm {
  arm: string;
  receivesAction: boolean;
  candidates: number;
  entered: number;
  completed: number;
  leftEarly: number;
  employedAt6Months: number;
  overTime: ArmMonth[];
}
interface Evaluation {
  projectId: string;
  title: string;
  candidates: number;
  registrationClosed: boolean;
  drawnAt: string | null;
  arms: Arm[] | null;
}

/**
 * The steering page in headless Chromium against the real api: a programme's objectives, funding lines, State
 * additionality, lots and targeting shares against targets, as of a day, each table showing the api's figures;
 * refused to a provider.
 */
describe('steering page (headless Chromium)', () => {
  let api: RunningApi;
  let browser: Browser;
  let base: string;
  let tokens: Record<string, string>;
  let screenshots: string;
  const clock = new FixedClock(new Date('2026-02-01T09:00:00.000Z'));

  beforeAll(async () => {
    api = await startApi('steering-page-e2e', { clock });
    base = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    tokens = await tokensFor({
      buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
      auditor: { sub: 'auditor-ara', role: 'auditor', tenant: 'ARA' },
      providerA: { sub: 'user-of-a', role: 'provider', tenant: 'ARA', providerId: 'of-a' },
      providerB: { sub: 'user-of-b', role: 'provider', tenant: 'ARA', providerId: 'of-b' },
      officer: { sub: 'pe-ara-1', role: 'pole_emploi', tenant: 'ARA' },
    });
    const as = callerOf(api.app, tokens);
    const contractId = await anActiveFramework(as);
    const programme = `/programmes/${PROGRAMME}`;
    await as('buyer').post('/programmes', { programmeId: PROGRAMME, title: 'Pacte <i>ARA</i> 2026', startDate: '2026-01-01', endDate: '2026-12-31', regionReferenceLevelCents: 36_500_000 }).expect(201);
    await as('buyer').post(`${programme}/projects`, { projectId: 'digital', title: 'Parcours numériques' }).expect(201);
    await as('buyer').post(`${programme}/funding-lines`, { fundingLineId: 'region', funder: 'REGION', label: 'Budget régional', amountCents: 40_000_000, startDate: '2026-01-01', endDate: '2026-12-31' }).expect(201);
    await as('buyer').post(`${programme}/funding-lines`, { fundingLineId: 'state', funder: 'STATE_PIC', label: 'PIC', amountCents: 2_000_000, startDate: '2026-01-01', endDate: '2026-12-31' }).expect(201);
    await as('buyer').post(`${programme}/objectives`, { objectiveId: 'entries', projectId: 'digital', indicator: 'ENTRIES', targetValue: 4, targetDate: '2026-06-30' }).expect(201);
    await as('buyer').post(`${programme}/lots`, { projectId: 'digital', contractId, lotId: 'LOT-1', fundingLineId: 'state' }).expect(201);
    await as('buyer').post(`${programme}/lots`, { projectId: 'digital', contractId, lotId: 'LOT-2', fundingLineId: 'region' }).expect(201);
    // The Région's targets: QPV at 30% then 40% from June, infra-bac at 50%, women at 50% from May.
    for (const [targetPublic, percent, validFrom] of [
      ['QPV_RESIDENT', 30, '2026-01-01'],
      ['QPV_RESIDENT', 40, '2026-06-01'],
      ['INFRA_BAC', 50, '2026-01-01'],
      ['WOMEN', 50, '2026-05-01'],
    ]) {
      await as('buyer').post(`${programme}/targets`, { targetPublic, percent, validFrom }).expect(201);
    }
    clock.set(new Date('2026-03-01T10:00:00.000Z'));
    const orderId = await aPathwayOrder(as, contractId, { quantity: 10, capacity: 6 });
    await as('buyer').post(`/contracts/${contractId}/orders`, { lotId: 'LOT-2', lines: [{ unitType: 'OPEN_DAY', quantity: 100 }], sessions: [], periodStart: '2026-04-01', periodEnd: '2026-12-31' }).expect(201);
    clock.set(new Date('2026-04-06T16:00:00.000Z'));
    const reports = `/contracts/${contractId}/orders/${orderId}/deliveries`;
    await as('providerA').post(reports, { kind: 'SESSION_STARTED', sessionId: 'S-1', on: '2026-04-06' }).expect(201);
    const entry = (label: string, traineeId: string, enteredOn: string) => ({ kind: 'TRAINEE_ENTERED', traineeId, sessionId: label.startsWith('q') ? 'S-B' : 'S-1', enteredOn, ...ENTRANTS[label] });
    for (const label of ['p-1', 'p-2', 'p-3']) {
      await as('providerA').post(reports, entry(label, pseudonym(label), '2026-04-06')).expect(201);
    }

    // The project is experimental: 20 candidates drawn on 10 April; a second project is declared, not drawn yet.
    clock.set(new Date('2026-04-10T09:00:00.000Z'));
    const evaluation = `${programme}/projects/digital/evaluation`;
    await as('buyer').post(evaluation, { ...PROTOCOL, lots: [{ contractId, lotId: 'LOT-1' }] }).expect(201);
    await as('officer').post(`${evaluation}/candidates`, { candidates: CANDIDATES }).expect(201);
    await as('buyer').post(`${evaluation}/registration-closure`).expect(201);
    await as('buyer').post(`${evaluation}/draw`, { seed: SEED }).expect(201);
    await as('buyer').post(`${programme}/projects`, { projectId: 'mobility', title: 'Mobilité' }).expect(201);
    await as('buyer').post(`${programme}/projects/mobility/evaluation`, { ...PROTOCOL, strata: [], lots: [] }).expect(201);
    await as('officer').post(`${programme}/projects/mobility/evaluation/candidates`, { candidates: CANDIDATES.slice(0, 3).map((candidate) => ({ ...candidate, strata: [] })) }).expect(201);
    const { members } = (await as('buyer').get(`${evaluation}/cohort`).expect(200)).body as { members: Array<{ candidateId: string; arm: string }> };
    const treated = members.filter((member) => member.arm === 'treatment').map((member) => member.candidateId);

    // Two more trainees and two treated candidates enter LOT-1 (of-a); two trainees enter a session of LOT-2 (of-b).
    clock.set(new Date('2026-04-13T16:00:00.000Z'));
    for (const [label, traineeId] of [['p-4', pseudonym('p-4')], ['p-5', pseudonym('p-5')], ['treated', treated[0]]]) {
      await as('providerA').post(reports, entry(label, traineeId, '2026-04-13')).expect(201);
    }
    const orderB = await as('buyer')
      .post(`/contracts/${contractId}/orders`, {
        lotId: 'LOT-2',
        lines: [{ unitType: 'OPEN_DAY', quantity: 10 }],
        sessions: [{ sessionId: 'S-B', startDate: '2026-04-13', endDate: '2026-06-26', place: 'Grenoble', capacity: 4, modality: 'IN_PERSON' }],
        periodStart: '2026-04-01',
        periodEnd: '2026-12-31',
      })
      .expect(201);
    const reportsB = `/contracts/${contractId}/orders/${orderB.body.orderId}/deliveries`;
    await as('providerB').post(reportsB, { kind: 'SESSION_STARTED', sessionId: 'S-B', on: '2026-04-13' }).expect(201);
    for (const label of ['q-1', 'q-2', 'q-3']) {
      await as('providerB').post(reportsB, entry(label, pseudonym(label), '2026-04-13')).expect(201);
    }

    // Exits of every kind; q-3 is still in training.
    clock.set(new Date('2026-07-03T17:00:00.000Z'));
    const leave = (to: string, traineeId: string, on: string, destination: string, extra: object = {}) => as(to === 'B' ? 'providerB' : 'providerA').post(to === 'B' ? reportsB : reports, { kind: 'TRAINEE_LEFT_EARLY', traineeId, on, destination, ...extra }).expect(201);
    await leave('A', pseudonym('p-2'), '2026-05-10', 'EMPLOYMENT', { employment: { contractType: 'CDD', durationMonths: 6 } });
    await leave('A', pseudonym('p-3'), '2026-05-20', 'FURTHER_TRAINING');
    await leave('A', pseudonym('p-4'), '2026-06-01', 'WITHOUT_SOLUTION', { reason: 'MOTIVATION' });
    await leave('A', pseudonym('p-5'), '2026-06-05', 'IAE');
    await leave('B', pseudonym('q-1'), '2026-05-04', 'APPRENTICESHIP');
    await leave('B', pseudonym('q-2'), '2026-05-11', 'EMPLOYMENT', { employment: { contractType: 'INTERIM' } });
    for (const traineeId of [pseudonym('p-1'), treated[0]]) await as('providerA').post(reports, { kind: 'TRAINEE_COMPLETED', traineeId, on: '2026-07-03' }).expect(201);

    // What became of them: at 6 months (survey answers and Pôle emploi's data), then at 12 months for one.
    clock.set(new Date('2027-01-05T09:00:00.000Z'));
    const outcomes = `/contracts/${contractId}/orders/${orderId}/outcomes`;
    const survey = (traineeId: string, situation: string, satisfied: boolean, extra: object = {}) =>
      as('buyer').post(outcomes, { traineeId, horizonMonths: 6, situation, source: 'SURVEY', observedOn: '2027-01-04', satisfied, ...extra }).expect(201);
    await survey(pseudonym('p-1'), 'EMPLOYED', true, { employment: { contractType: 'CDI' } });
    await survey(treated[0], 'EMPLOYED', true, { employment: { contractType: 'CDD', durationMonths: 12 } });
    await survey(pseudonym('p-3'), 'IN_TRAINING', false);
    const line = (traineeId: string, situation: string, extra: object = {}) => ({ orderId, traineeId, horizonMonths: 6, situation, observedOn: '2027-01-04', ...extra });
    await as('officer')
      .post(`/contracts/${contractId}/outcome-imports`, { lines: [line(pseudonym('p-2'), 'EMPLOYED', { employment: { contractType: 'CDD', durationMonths: 12 } }), line(pseudonym('p-4'), 'JOB_SEEKER'), line(pseudonym('p-5'), 'UNKNOWN')] })
      .expect(201);
    clock.set(new Date('2027-07-06T09:00:00.000Z'));
    await as('buyer').post(outcomes, { traineeId: pseudonym('p-1'), horizonMonths: 12, situation: 'EMPLOYED', employment: { contractType: 'CDI' }, source: 'SURVEY', observedOn: '2027-07-05' }).expect(201);
    await as('buyer').post(outcomes, { traineeId: pseudonym('p-2'), horizonMonths: 12, situation: 'INACTIVE', source: 'SURVEY', observedOn: '2027-07-05' }).expect(201);
    await as('buyer').post(outcomes, { traineeId: treated[0], horizonMonths: 12, situation: 'JOB_SEEKER', source: 'SURVEY', observedOn: '2027-07-05' }).expect(201);
    // The targeting read model has caught up with every event written, for the page to show it all.
    const head = await api.store.headPosition();
    for (let attempt = 0; attempt < 200; attempt++) {
      const answer = await as('auditor').get(`${programme}/targeting`).expect(200);
      if (answer.body.position >= head) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless'] });
    screenshots = mkdtempSync(join(tmpdir(), 'steering-page-'));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    if (screenshots) rmSync(screenshots, { recursive: true, force: true });
  });

  async function open(fragment: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.goto(`${base}/audit/steering${fragment}`);
    return { page, problems };
  }

  const rows = (page: Page, selector: string) =>
    page.locator(`${selector} tbody tr`).evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));

  // How the page writes the api's targeting figures.
  const share = (item: PublicShare) => (item.sharePercent === null ? 'no entry states it' : `${item.sharePercent} % (${item.count} of ${item.recorded})`);
  const target = (inForce: PublicShare['target']) => (inForce === null ? 'none' : `${inForce.percent} %`);
  const targetFrom = (inForce: PublicShare['target']) => (inForce === null ? '' : inForce.source === 'PROGRAMME' ? inForce.validFrom : 'national figure');
  const gap = (points: number | null) => (points === null ? '' : `${points > 0 ? '+' : points < 0 ? '−' : ''}${Math.abs(points)} points`);
  /** A row per public: its target, then its share and gap in the programme, each contract and each lot (the targets are the programme's for all). */
  const targetingRows = (targeting: ProgrammeTargeting) => {
    const scopes = [targeting.programme, ...targeting.contracts, ...targeting.lots];
    return targeting.programme.publics.map((item, i) => {
      for (const scope of scopes) expect(scope.publics[i]).toMatchObject({ public: item.public, target: item.target });
      return [PUBLIC_WORDS[item.public], target(item.target), targetFrom(item.target), ...scopes.flatMap((scope) => [share(scope.publics[i]), gap(scope.publics[i].gapPoints)])];
    });
  };
  const targetingHeadings = (page: Page) => page.locator('.targeting-table thead th').evaluateAll((ths) => ths.map((th) => th.textContent));
  const targetingOf = async (who: string, asOf: string) => (await callerOf(api.app, tokens)(who).get(`/programmes/${PROGRAMME}/targeting`).query({ asOf }).expect(200)).body as ProgrammeTargeting;
  /** A public's target and its share and gap in the programme. */
  const programmeRow = async (page: Page, words: string) => (await rows(page, '.targeting-table')).find((row) => row[0] === words)?.slice(0, 5);

  it('serves the page without a token, with its own script only', async () => {
    const response = await request(api.app.getHttpServer()).get('/audit/steering').expect(200);
    expect(response.text.match(/<script\b[^>]*>/g)).toEqual(['<script src="/audit/steering-page.js" defer>']);
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('shows a programme as of a day: objectives, funding lines, additionality and lots, with the api’s figures', async () => {
    const { page, problems } = await open(`#token=${tokens.auditor}&programme=${PROGRAMME}&asOf=2026-04-06`);
    await page.locator('#steering').waitFor({ state: 'visible' });
    expect(page.url()).toBe(`${base}/audit/steering#programme=${PROGRAMME}&asOf=2026-04-06`);
    // The title is text, never HTML.
    expect(await page.locator('#programme-title').textContent()).toBe('Pacte <i>ARA</i> 2026');

    expect(await rows(page, '.objectives-table')).toEqual([['entries', 'digital', 'ENTRIES', '4', '2026-06-30', '3', '75 %', 'IN_PROGRESS']]);
    expect(await page.locator('svg.bars rect.bar-progress').getAttribute('data-value')).toBe('75');
    // 10 pathways at 3,000 € on the State's line, 100 open days at 800 € on the Région's.
    expect(await rows(page, '.funding-table')).toEqual([
      ['region', 'REGION', 'Budget régional', '400 000.00 €', '80 000.00 €', '0.00 €', '0.00 €', '320 000.00 €'],
      ['state', 'STATE_PIC', 'PIC', '20 000.00 €', '30 000.00 €', '0.00 €', '0.00 €', '−10 000.00 €'],
    ]);
    // Day 96 of 365: a reference of 96,000 € to date; the Région's 80,000 € fall 16,000 € short, which the State's money fills.
    const additionality = await page.locator('#additionality dd').evaluateAll((dds) => Object.fromEntries(dds.map((dd) => [dd.getAttribute('data-figure'), dd.textContent])));
    expect(additionality).toEqual({
      reference: '365 000.00 €',
      'reference-to-date': '96 000.00 €',
      'region-committed': '80 000.00 €',
      'state-committed': '30 000.00 €',
      'beyond-reference': '14 000.00 €',
      'state-additional': '14 000.00 €',
      'state-substituting': '16 000.00 €',
    });
    expect(await rows(page, '.lots-table')).toEqual([
      ['digital', expect.any(String), 'LOT-1', 'state', '30 000.00 €', '0.00 €', '3', '0'],
      ['digital', expect.any(String), 'LOT-2', 'region', '80 000.00 €', '0.00 €', '0', '0'],
    ]);
    // The shares of the 3 entries of the day against the targets valid on it: QPV's first target, none yet for women.
    expect(await rows(page, '.targeting-table')).toEqual(targetingRows(await targetingOf('auditor', '2026-04-06T23:59:59.999Z')));
    expect(await programmeRow(page, 'QPV residents')).toEqual(['QPV residents', '30 %', '2026-01-01', '66.67 % (2 of 3)', '+36.67 points']);
    expect(await programmeRow(page, 'Women')).toEqual(['Women', 'none', '', '50 % (1 of 2)', '']);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the targeting shares against targets, the outcomes per lot and provider and the evaluation’s arms with the api’s figures, and takes its screenshot', async () => {
    const as = callerOf(api.app, tokens);
    // The read models have caught up with every event written.
    const head = await api.store.headPosition();
    const progress = (await as('auditor').get(`/programmes/${PROGRAMME}/progress`).expect(200)).body as { lots: Array<{ projectId: string; contractId: string; lotId: string }> };
    const contractId = progress.lots[0].contractId;
    let outcomes: ProviderOutcomes[] = [];
    for (let attempt = 0; attempt < 200; attempt++) {
      const answer = await as('auditor').get(`/read-models/provider-outcomes?contractId=${contractId}`).expect(200);
      outcomes = answer.body.rows;
      if (answer.body.position >= head) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const evaluations = (await as('auditor').get(`/programmes/${PROGRAMME}/evaluations`).expect(200)).body.evaluations as Evaluation[];
    const asOf = '2027-07-06T23:59:59.999Z';
    const targeting = await targetingOf('auditor', asOf);
    const byMonth = (await as('auditor').get(`/programmes/${PROGRAMME}/targeting/months`).query({ asOf }).expect(200)).body as TargetingMonths;

    // What the seed recorded, so that the page's figures below are not trivially empty.
    const [ofA, ofB] = outcomes;
    expect([ofA.lot_id, ofA.provider_id, ofB.lot_id, ofB.provider_id]).toEqual(['LOT-1', 'of-a', 'LOT-2', 'of-b']);
    expect(ofA).toMatchObject({ entered: 6, completed: 2, in_training: 0, employment_contracts: { CDD: 1 }, left_early: { EMPLOYMENT: 1, FURTHER_TRAINING: 1, WITHOUT_SOLUTION: 1, IAE: 1 } });
    expect(ofA.outcomes).toEqual({ '6': { EMPLOYED: 3, IN_TRAINING: 1, JOB_SEEKER: 1, UNKNOWN: 1 }, '12': { EMPLOYED: 1, INACTIVE: 1, JOB_SEEKER: 1 } });
    expect(ofA.indicators.EMPLOYMENT_RATE_6_MONTHS).toMatchObject({ percent: 60, employed: 3, known: 5 });
    expect(ofA.indicators.SATISFACTION_RATE).toMatchObject({ percent: 66.67, satisfied: 2, answers: 3 });
    // Nothing observed for of-b's trainees: neither rate can be measured, and none is shown as 100 %.
    expect(ofB).toMatchObject({ entered: 3, in_training: 1, left_early: { APPRENTICESHIP: 1, EMPLOYMENT: 1 }, employment_contracts: { INTERIM: 1 } });
    expect([ofB.indicators.EMPLOYMENT_RATE_6_MONTHS.percent, ofB.indicators.SATISFACTION_RATE.percent]).toEqual([null, null]);
    // 9 entries: 5 in a QPV against the 40% valid from June; 4 infra-bac and 4 women of the 7 that state who they are.
    expect(targeting.position).toBeGreaterThanOrEqual(head);
    const programmeShare = (name: string) => targeting.programme.publics.find((item) => item.public === name);
    expect(targeting.programme.entries).toBe(9);
    expect(programmeShare('QPV_RESIDENT')).toEqual({ public: 'QPV_RESIDENT', count: 5, recorded: 9, sharePercent: 55.56, target: { percent: 40, validFrom: '2026-06-01', source: 'PROGRAMME' }, gapPoints: 15.56 });
    expect(programmeShare('INFRA_BAC')).toMatchObject({ count: 4, recorded: 7, sharePercent: 57.14, target: { percent: 50 }, gapPoints: 7.14 });
    expect(programmeShare('WOMEN')).toMatchObject({ count: 4, recorded: 7, sharePercent: 57.14, target: { percent: 50, validFrom: '2026-05-01' } });
    expect(targeting.lots.map((lot) => [lot.lotId, lot.entries])).toEqual([['LOT-1', 6], ['LOT-2', 3]]);
    expect(byMonth.months.map((month) => [month.month, month.toDate.entries, month.toDate.publics[0].target?.percent])).toEqual([
      ['2026-01', 0, 30],
      ['2026-02', 0, 30],
      ['2026-03', 0, 30],
      ['2026-04', 9, 30],
      ['2026-05', 9, 30],
      ...['06', '07', '08', '09', '10', '11', '12'].map((month) => [`2026-${month}`, 9, 40]),
    ]);
    expect(evaluations.map((evaluation) => [evaluation.projectId, evaluation.candidates, evaluation.arms?.map((arm) => [arm.arm, arm.candidates, arm.entered])])).toEqual([
      ['digital', 20, [['treatment', 10, 1], ['control', 10, 0]]],
      ['mobility', 3, undefined],
    ]);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.goto(`${base}/audit/steering#token=${tokens.auditor}&programme=${PROGRAMME}&asOf=2027-07-06`);
    await page.locator('#steering').waitFor({ state: 'visible' });

    // Each table holds the api's figures, in the programme's order of lots, each rate as measured or "not measured yet".
    const project = (row: ProviderOutcomes) => progress.lots.find((lot) => lot.contractId === row.contract_id && lot.lotId === row.lot_id)!.projectId;
    const who = (row: ProviderOutcomes) => [project(row), row.contract_id, row.lot_id, row.provider_id];
    const exits = (row: ProviderOutcomes) => [
      row.completed,
      ...['CDI', 'CDD', 'INTERIM', 'OTHER', 'UNSTATED'].map((type) => row.employment_contracts[type]),
      ...['APPRENTICESHIP', 'FURTHER_TRAINING', 'IAE', 'WITHOUT_SOLUTION', 'OTHER'].map((destination) => row.left_early[destination]),
      row.in_training,
    ];
    expect(await rows(page, '.exits-table')).toEqual(outcomes.map((row) => [...who(row), row.entered, ...exits(row)].map(String)));
    const situations = ['EMPLOYED', 'IN_TRAINING', 'APPRENTICESHIP', 'IAE', 'JOB_SEEKER', 'INACTIVE', 'UNKNOWN'];
    expect(await rows(page, '.situations-table')).toEqual(
      outcomes.flatMap((row) => ['6', '12'].map((horizon) => [...who(row), horizon, ...situations.map((situation) => String(row.outcomes[horizon][situation] ?? 0))])),
    );
    const rate = (percent: number | null) => (percent === null ? 'not measured yet' : `${percent} %`);
    expect(await rows(page, '.rates-table')).toEqual(
      outcomes.map(({ indicators: { EMPLOYMENT_RATE_6_MONTHS: employment, SATISFACTION_RATE: satisfaction }, ...row }) => [
        ...who(row as ProviderOutcomes),
        rate(employment.percent),
        String(employment.employed),
        String(employment.known),
        rate(satisfaction.percent),
        String(satisfaction.satisfied),
        String(satisfaction.answers),
      ]),
    );
    // The charts draw the same figures: each trainee once in the exits' bar of its lot and provider; a rate not measured has no bar.
    const exitBars = await page.locator('svg.stacked').first().locator('rect.segment').evaluateAll((rects) => rects.map((rect) => Number(rect.getAttribute('data-value'))));
    expect(exitBars.reduce((total, value) => total + value, 0)).toBe(outcomes.reduce((total, row) => total + row.entered, 0));
    const employmentBars = await page.locator('svg.bars rect.bar-employment').evaluateAll((rects) => rects.map((rect) => [rect.getAttribute('data-value'), rect.getAttribute('width')]));
    expect(employmentBars).toEqual(outcomes.map((row) => (row.indicators.EMPLOYMENT_RATE_6_MONTHS.percent === null ? ['', '0.0'] : [String(row.indicators.EMPLOYMENT_RATE_6_MONTHS.percent), expect.not.stringMatching(/^0\.0$/)])));

    // The evaluations: the drawn one with its arms and their months, the other one waiting for its draw.
    const drawn = evaluations[0];
    const arms = drawn.arms!;
    expect(await rows(page, '.evaluation[data-project="digital"] .arms-table')).toEqual(
      arms.map((arm) => [arm.arm, arm.receivesAction ? 'yes' : 'no', ...[arm.candidates, arm.entered, arm.completed, arm.leftEarly, arm.employedAt6Months].map(String)]),
    );
    expect(await rows(page, '.evaluation[data-project="digital"] .arm-months-table')).toEqual(
      arms.flatMap((arm) => arm.overTime.map((month) => [arm.arm, month.month, ...[month.entered, month.completed, month.leftEarly, month.observedAt6Months, month.employedAt6Months, month.observedAt12Months, month.employedAt12Months].map(String)])),
    );
    expect(arms[0].overTime.at(-1)).toEqual({ month: '2027-07', entered: 1, completed: 1, leftEarly: 0, observedAt6Months: 1, employedAt6Months: 1, observedAt12Months: 1, employedAt12Months: 0 });
    expect(await page.locator('.evaluation[data-project="digital"] svg.lines').count()).toBe(arms.length);
    const entries = await page.locator('.evaluation[data-project="digital"] svg.lines').first().locator('g.s-0 circle').evaluateAll((circles) => circles.map((circle) => Number(circle.getAttribute('data-value'))));
    expect(entries).toEqual(arms[0].overTime.map((month) => month.entered));
    expect(await page.locator('.evaluation[data-project="mobility"] .evaluation-status').textContent()).toBe('3 candidates registered, registration open: not drawn yet.');

    // Targeting: every public's share against its target for the programme, its contract and each lot, as the api gives them.
    expect(await rows(page, '.targeting-table')).toEqual(targetingRows(targeting));
    expect(await targetingHeadings(page)).toEqual([
      'Public',
      'Target',
      'Target valid from',
      ...[['Programme', targeting.programme.entries], ...targeting.contracts.map((contract) => [`Contract ${contract.contractId}`, contract.entries]), ...targeting.lots.map((lot) => [`Lot ${lot.lotId} of ${lot.contractId}`, lot.entries])].flatMap(
        ([scope, entries]) => [`${scope}, ${entries} entries: share`, 'Gap'],
      ),
    ]);
    const shareBars = await page.locator('#targeting svg.bars').evaluate((svg) =>
      ['share', 'target'].map((kind) => [...svg.querySelectorAll(`rect.bar-${kind}`)].map((rect) => rect.getAttribute('data-value'))),
    );
    expect(shareBars).toEqual([
      targeting.programme.publics.map((item) => (item.sharePercent === null ? '' : String(item.sharePercent))),
      targeting.programme.publics.map((item) => (item.target === null ? '' : String(item.target.percent))),
    ]);
    // Month by month, the publics with a target: the shares of the month and to date, against the target at the month's end.
    const targeted = ['QPV_RESIDENT', 'INFRA_BAC', 'WOMEN'];
    const publicOf = (shares: Shares, name: string) => shares.publics.find((item) => item.public === name)!;
    expect(await rows(page, '.targeting-months-table')).toEqual(
      byMonth.months.flatMap((month) =>
        targeted.map((name) => {
          const toDate = publicOf(month.toDate, name);
          return [
            month.month,
            PUBLIC_WORDS[name],
            String(month.entered.entries),
            share(publicOf(month.entered, name)),
            String(month.toDate.entries),
            share(toDate),
            target(toDate.target),
            targetFrom(toDate.target),
            gap(toDate.gapPoints),
          ];
        }),
      ),
    );
    // A chart per targeted public, QPV's first: its share to date from the first entries, its target every month.
    expect(await page.locator('#targeting svg.lines').count()).toBe(targeted.length);
    const lines = page.locator('#targeting svg.lines').first();
    const qpvShares = await lines.locator('g.s-0 circle').evaluateAll((circles) => circles.map((circle) => [circle.getAttribute('data-month'), Number(circle.getAttribute('data-value'))]));
    expect(qpvShares).toEqual(byMonth.months.filter((month) => month.toDate.entries > 0).map((month) => [month.month, publicOf(month.toDate, 'QPV_RESIDENT').sharePercent]));
    const qpvTargets = await lines.locator('g.s-1 circle').evaluateAll((circles) => circles.map((circle) => Number(circle.getAttribute('data-value'))));
    expect(qpvTargets).toEqual(byMonth.months.map((month) => publicOf(month.toDate, 'QPV_RESIDENT').target!.percent));

    const screenshot = await page.screenshot({ fullPage: true, path: process.env.STEERING_SCREENSHOT ?? join(screenshots, 'steering-page.png') });
    expect(screenshot.length).toBeGreaterThan(20_000);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows the programme as it stood on an earlier day', async () => {
    const { page } = await open(`#token=${tokens.buyer}&programme=${PROGRAMME}&asOf=2026-02-15`);
    await page.locator('#steering').waitFor({ state: 'visible' });
    expect(await rows(page, '.objectives-table')).toEqual([['entries', 'digital', 'ENTRIES', '4', '2026-06-30', '0', '0 %', 'IN_PROGRESS']]);
    expect((await rows(page, '.funding-table')).map((row) => row[4])).toEqual(['0.00 €', '0.00 €']);
    // No entry yet: only the targets valid on the day, QPV's first one.
    expect(await programmeRow(page, 'QPV residents')).toEqual(['QPV residents', '30 %', '2026-01-01', 'no entry states it', '']);
    expect(await programmeRow(page, 'Infra-bac')).toEqual(['Infra-bac', '50 %', '2026-01-01', 'no entry states it', '']);
    expect(await rows(page, '.targeting-table')).toEqual(targetingRows(await targetingOf('buyer', '2026-02-15T23:59:59.999Z')));
    await page.close();
  });

  it('refuses a provider’s token and shows nothing of the programme', async () => {
    const { page } = await open(`#token=${tokens.providerA}&programme=${PROGRAMME}`);
    await page.locator('#refusal').waitFor({ state: 'visible' });
    expect(await page.locator('.refusal-reason').textContent()).toBe('This token may not read programmes.');
    expect(await page.locator('#steering').isVisible()).toBe(false);
    await page.close();
  });
});
