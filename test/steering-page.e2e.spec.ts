import { Browser, chromium, Page } from 'playwright-core';
import request from 'supertest';
import { FixedClock } from '@app/shared';
import { callerOf, RunningApi, startApi, tokensFor } from './support/http-harness';
import { anActiveFramework, aPathwayOrder } from './support/procurement-fixtures';
import { pseudonym } from './support/trainee-ids';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PROGRAMME = 'pric-ara-steering';
const PUBLICS = { qpvResident: true, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: false };

/**
 * The steering page in headless Chromium against the real api: a programme's objectives, funding lines, State
 * additionality and lots, as of a day, each table showing the api's figures; refused to a provider.
 */
describe('steering page (headless Chromium)', () => {
  let api: RunningApi;
  let browser: Browser;
  let base: string;
  let tokens: Record<string, string>;
  const clock = new FixedClock(new Date('2026-02-01T09:00:00.000Z'));

  beforeAll(async () => {
    api = await startApi('steering-page-e2e', { clock });
    base = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    tokens = await tokensFor({
      buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
      auditor: { sub: 'auditor-ara', role: 'auditor', tenant: 'ARA' },
      providerA: { sub: 'user-of-a', role: 'provider', tenant: 'ARA', providerId: 'of-a' },
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
    clock.set(new Date('2026-03-01T10:00:00.000Z'));
    const orderId = await aPathwayOrder(as, contractId, { quantity: 10, capacity: 6 });
    await as('buyer').post(`/contracts/${contractId}/orders`, { lotId: 'LOT-2', lines: [{ unitType: 'OPEN_DAY', quantity: 100 }], sessions: [], periodStart: '2026-04-01', periodEnd: '2026-12-31' }).expect(201);
    clock.set(new Date('2026-04-06T16:00:00.000Z'));
    const reports = `/contracts/${contractId}/orders/${orderId}/deliveries`;
    await as('providerA').post(reports, { kind: 'SESSION_STARTED', sessionId: 'S-1', on: '2026-04-06' }).expect(201);
    for (const label of ['p-1', 'p-2', 'p-3']) {
      await as('providerA').post(reports, { kind: 'TRAINEE_ENTERED', traineeId: pseudonym(label), sessionId: 'S-1', enteredOn: '2026-04-06', publics: PUBLICS }).expect(201);
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless'] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
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
      ['region', 'REGION', 'Budget régional', '400 000.00 €', '80 000.00 €', '0.00 €', '320 000.00 €'],
      ['state', 'STATE_PIC', 'PIC', '20 000.00 €', '30 000.00 €', '0.00 €', '−10 000.00 €'],
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
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the programme as it stood on an earlier day', async () => {
    const { page } = await open(`#token=${tokens.buyer}&programme=${PROGRAMME}&asOf=2026-02-15`);
    await page.locator('#steering').waitFor({ state: 'visible' });
    expect(await rows(page, '.objectives-table')).toEqual([['entries', 'digital', 'ENTRIES', '4', '2026-06-30', '0', '0 %', 'IN_PROGRESS']]);
    expect((await rows(page, '.funding-table')).map((row) => row[4])).toEqual(['0.00 €', '0.00 €']);
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
