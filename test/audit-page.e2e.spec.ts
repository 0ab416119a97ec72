import { Browser, chromium, Page } from 'playwright-core';
import request from 'supertest';
import { FixedClock, Principal } from '@app/shared';
import { anAuditedHistory } from './support/audit-history';
import { callerOf, RunningApi, startApi, tokensFor } from './support/http-harness';

/**
 * The audit page in a real browser (headless Chromium) against the real api: a contract's decision timeline
 * with its reasons, and per lot the ordered and delivered units as a chart and a table; refused without a
 * token, or with a token that may not read decisions. CHROMIUM_PATH names the browser (Debian's package by
 * default).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Data that would run if the page put it in as HTML. */
const TITLE = 'Parcours <b>2026</b> & co';
const ADJUSTMENT_REASON = 'Waiting list of 14 <img src=x data-injected=1>';

describe('audit page (headless Chromium)', () => {
  let api: RunningApi;
  let browser: Browser;
  let base: string;
  let contractId: string;
  const clock = new FixedClock(new Date('2026-01-05T09:00:00.000Z'));
  const tokens: Record<string, string> = {};
  const as = (who: string) => callerOf(api.app, tokens)(who);

  /** Every request each page sends (to check where the token goes), and its script and policy errors. */
  const seen = new Map<Page, { requests: Array<{ url: string; authorization?: string }>; problems: string[] }>();

  async function open(fragment: string): Promise<Page> {
    const page = await browser.newPage();
    const { requests, problems } = { requests: [] as Array<{ url: string; authorization?: string }>, problems: [] as string[] };
    seen.set(page, { requests, problems });
    page.on('request', (request) => requests.push({ url: request.url(), authorization: request.headers().authorization }));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${base}/audit${fragment}`);
    return page;
  }

  beforeAll(async () => {
    api = await startApi('audit-page-e2e', { clock });
    base = await api.app.getUrl();
    base = base.replace('[::1]', '127.0.0.1');
    const principals: Record<string, Principal> = {
      buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
      auditor: { sub: 'auditor-1', role: 'auditor', tenant: 'ARA' },
      providerA: { sub: 'of-a-user', role: 'provider', tenant: 'ARA', providerId: 'of-a' },
      providerB: { sub: 'of-b-user', role: 'provider', tenant: 'ARA', providerId: 'of-b' },
    };
    Object.assign(tokens, await tokensFor(principals));

    ({ contractId } = await anAuditedHistory(as, clock, { title: TITLE, adjustmentReason: ADJUSTMENT_REASON }));

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless'] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('serves the page without a token, under a policy that allows only its own scripts, with none inline', async () => {
    const response = await request(api.app.getHttpServer()).get('/audit').expect(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).toContain("script-src-attr 'none'");
    expect(response.text.match(/<script\b[^>]*>/g)).toEqual(['<script src="/audit/audit-page.js" defer>']);
    expect(response.text).not.toMatch(/<script[^>]*>[^<]+<\/script>|\son[a-z]+=/i);
    await request(api.app.getHttpServer()).get('/audit/audit-page.js').expect(200).expect('Content-Type', 'text/javascript; charset=utf-8');
  });

  describe('the lot series route', () => {
    it('gives ordered, delivered and maximum units after each event that moved them, in log order', async () => {
      const lot1 = await as('auditor').get(`/audit/contracts/${contractId}/lots/LOT-1/series`).expect(200);
      expect(lot1.body).toMatchObject({ contractId, lotId: 'LOT-1', title: 'Parcours numériques' });
      expect(lot1.body.units).toHaveLength(1);
      expect(lot1.body.units[0].unitType).toBe('PATHWAY');
      const points = lot1.body.units[0].points as Array<Record<string, unknown>>;
      expect(points.map(({ eventType, ordered, delivered, maximum, at: when }) => ({ eventType, ordered, delivered, maximum, at: when }))).toEqual([
        { eventType: 'LotDefined', ordered: 0, delivered: 0, maximum: 200, at: '2026-01-05T09:00:00.000Z' },
        { eventType: 'OrderIssued', ordered: 50, delivered: 0, maximum: 200, at: '2026-03-02T09:00:00.000Z' },
        { eventType: 'OrderQuantityAdjusted', ordered: 55, delivered: 0, maximum: 200, at: '2026-03-10T10:00:00.000Z' },
        { eventType: 'TraineeCompleted', ordered: 55, delivered: 1, maximum: 200, at: '2026-07-03T16:00:00.000Z' },
        { eventType: 'TraineeCompleted', ordered: 55, delivered: 2, maximum: 200, at: '2026-07-04T16:00:00.000Z' },
      ]);

      const lot2 = await as('auditor').get(`/audit/contracts/${contractId}/lots/LOT-2/series`).expect(200);
      expect(lot2.body.units[0].points.map((point: { ordered: number; delivered: number }) => [point.ordered, point.delivered])).toEqual([
        [0, 0],
        [200, 0],
        [200, 3],
        [200, 5],
      ]);
    });

    it('answers 404 for a lot the contract does not have, and refuses a provider', async () => {
      await as('auditor').get(`/audit/contracts/${contractId}/lots/LOT-9/series`).expect(404);
      await as('providerA').get(`/audit/contracts/${contractId}/lots/LOT-1/series`).expect(403);
    });
  });

  describe('with an auditor token', () => {
    let page: Page;
    let decisions: Array<{ type: string; what: string; occurredAt: string; actor: { id: string } }>;

    beforeAll(async () => {
      decisions = (await as('auditor').get(`/audit/contracts/${contractId}/decisions`).expect(200)).body;
      page = await open(`#token=${tokens.auditor}&contract=${contractId}`);
      await page.locator('#audit').waitFor({ state: 'visible' });
    });
    afterAll(() => page.close());

    it('shows the contract with its title as text, and takes the token out of the address bar', async () => {
      expect(await page.locator('#contract-title').textContent()).toBe(TITLE);
      expect(await page.locator('#contract-title b').count()).toBe(0);
      expect(page.url()).toBe(`${base}/audit#contract=${contractId}`);
      expect(await page.locator('#refusal').isVisible()).toBe(false);
    });

    it('lists every decision in log order, with who, when and what in plain words', async () => {
      expect(decisions).toHaveLength(13);
      const entries = page.locator('#timeline > li.decision');
      expect(await entries.count()).toBe(decisions.length);
      const shown = await entries.evaluateAll((items) =>
        items.map((item) => ({
          type: item.getAttribute('data-type'),
          when: item.querySelector('time')?.getAttribute('datetime'),
          who: item.querySelector('.who')?.textContent,
          what: item.querySelector('.what')?.textContent,
        })),
      );
      expect(shown).toEqual(decisions.map((d) => ({ type: d.type, when: d.occurredAt, who: `${d.actor.id} (buyer)`, what: d.what })));
      expect(shown.map((entry) => entry.type)).toEqual([
        'ContractDrafted',
        'LotDefined',
        'LotDefined',
        'ClauseAdded',
        'ContractPublished',
        'LotAwarded',
        'LotAwarded',
        'ContractActivated',
        'OrderIssued',
        'OrderIssued',
        'OrderQuantityAdjusted',
        'AmendmentProposed',
        'AmendmentSigned',
      ]);
      expect(shown[10].what).toMatch(/^Order .*: \+5 PATHWAY under clause VOL-1 \(now 55, \+€15,000\.00\)$/);
    });

    it('gives the reasons: clause, reason and figures of the adjustment, legal basis and article of the amendment', async () => {
      const ground = (type: string, kind: string) => page.locator(`li.decision[data-type="${type}"] dd[data-ground="${kind}"]`).first().textContent();
      expect(await ground('OrderQuantityAdjusted', 'clause')).toBe('VOL-1');
      expect(await ground('OrderQuantityAdjusted', 'reason')).toBe(ADJUSTMENT_REASON);
      expect(await page.locator('#timeline img').count()).toBe(0);
      expect(await ground('OrderQuantityAdjusted', 'figures')).toMatch(/\d/);
      expect(await ground('AmendmentProposed', 'legal-basis')).toMatch(/^R2194-\d+ \(mod-[a-z]+\)$/);
      expect(await ground('AmendmentProposed', 'article')).toMatch(/\S/);
      expect(await ground('AmendmentProposed', 'reason')).toBe('Revalorisation du parcours');
    });

    it('draws, per lot, ordered and delivered units with one marker per point, at the values of the data', async () => {
      for (const [lotId, ordered, delivered] of [
        ['LOT-1', [0, 50, 55, 55, 55], [0, 0, 0, 1, 2]],
        ['LOT-2', [0, 200, 200, 200], [0, 0, 3, 5]],
      ] as const) {
        const figure = page.locator(`section.lot[data-lot="${lotId}"] figure`);
        expect(await figure.count()).toBe(1);
        const chart = figure.locator('svg.chart[role="img"]');
        expect(await chart.count()).toBe(1);
        const values = (kind: string) => chart.locator(`circle.point.${kind}`).evaluateAll((circles) => circles.map((c) => Number(c.getAttribute('data-value'))));
        expect({ lotId, ordered: await values('ordered'), delivered: await values('delivered') }).toEqual({ lotId, ordered, delivered });
        // Higher values are drawn higher, and the steps go through every marker.
        const heights = await chart.locator('circle.point.ordered').evaluateAll((circles) => circles.map((c) => Number(c.getAttribute('cy'))));
        expect(heights[1]).toBeLessThan(heights[0]);
        expect(await chart.locator('path.ordered').getAttribute('d')).toMatch(/^M [\d.]+ [\d.]+( H [\d.]+ V [\d.]+)+$/);
        expect(await chart.locator('path.maximum').count()).toBe(1);
        // Its text alternative: a title, a description naming the last figures, and the caption.
        expect(await chart.locator('title').first().textContent()).toContain(lotId);
        expect(await chart.locator('desc').textContent()).toContain(`delivered 0 to ${delivered[delivered.length - 1]}`);
      }
    });

    it('gives every figure of the chart in a table with a caption and column headers', async () => {
      const table = page.locator('section.lot[data-lot="LOT-1"] table.series-table');
      expect(await table.locator('caption').textContent()).toContain('PATHWAY on lot LOT-1');
      expect(await table.locator('thead th[scope="col"]').allTextContents()).toEqual(['When', 'Event', 'Ordered', 'Delivered', 'Maximum']);
      const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
      expect(rows).toEqual([
        ['2026-01-05 09:00 UTC', 'LotDefined', '0', '0', '200'],
        ['2026-03-02 09:00 UTC', 'OrderIssued', '50', '0', '200'],
        ['2026-03-10 10:00 UTC', 'OrderQuantityAdjusted', '55', '0', '200'],
        ['2026-07-03 16:00 UTC', 'TraineeCompleted', '55', '1', '200'],
        ['2026-07-04 16:00 UTC', 'TraineeCompleted', '55', '2', '200'],
      ]);
    });

    it('sent the token to this api only, and ran under the Content-Security-Policy without an error', () => {
      const { requests, problems } = seen.get(page)!;
      const withToken = requests.filter((request) => request.authorization !== undefined);
      expect(withToken.length).toBeGreaterThan(0);
      expect(withToken.filter((request) => !request.url.startsWith(`${base}/`) || request.authorization !== `Bearer ${tokens.auditor}`)).toEqual([]);
      expect(requests.filter((request) => !request.url.startsWith(`${base}/`))).toEqual([]);
      expect(problems).toEqual([]);
    });
  });

  it('takes a token typed in the form, and lists the contracts when none is named', async () => {
    const page = await open('');
    await page.locator('#token').fill(tokens.auditor);
    await page.locator('#access button[type="submit"]').click();
    await page.locator('#contracts').waitFor({ state: 'visible' });
    expect(await page.locator('#contract-list a').allTextContents()).toEqual([TITLE]);
    await page.locator('#contract-list a').click();
    await page.locator('#audit').waitFor({ state: 'visible' });
    expect(await page.locator('#timeline > li.decision').count()).toBe(13);
    expect(await page.locator('#token').inputValue()).toBe('');
    await page.close();
  });

  describe.each([
    ['without a token', () => `#contract=${contractId}`, 'No token was given.'],
    ['with a provider token', () => `#token=${tokens.providerA}&contract=${contractId}`, 'This token may not read decision histories.'],
    ['with a provider token and no contract named', () => `#token=${tokens.providerA}`, 'This token may not read decision histories.'],
    ['with a token that is not valid', () => `#token=${tokens.auditor.slice(0, -4)}AAAA&contract=${contractId}`, 'The api did not accept this token (missing, expired or not valid).'],
  ])('%s', (_, fragment, reason) => {
    it('shows the refusal and no data', async () => {
      const page = await open(fragment());
      await page.locator('#refusal').waitFor({ state: 'visible' });
      expect(await page.locator('#refusal .refusal-reason').textContent()).toBe(reason);
      expect(await page.locator('#audit').isVisible()).toBe(false);
      expect(await page.locator('#contracts').isVisible()).toBe(false);
      expect(await page.locator('#timeline li').count()).toBe(0);
      expect(await page.locator('#contract-list li').count()).toBe(0);
      expect(await page.locator('svg').count()).toBe(0);
      const body = (await page.locator('body').textContent()) ?? '';
      expect(body).not.toContain('Parcours');
      await page.close();
    });
  });
});
