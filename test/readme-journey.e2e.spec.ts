import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, chromium } from 'playwright-core';
import request from 'supertest';
import { ManagedProcess, apiProcess, freePort, requireBuild, workerProcess } from './cluster/processes';
import { runPrefix, tokensFor } from './support/http-harness';

/**
 * The README's journey, as a newcomer runs it: `npm run demo` against the built api and worker (`npm run build`,
 * which `npm test` does first), on a fresh data folder. Then the audit page shows what it made.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const REPO_ROOT = join(__dirname, '..');

describe('the README journey (npm run demo)', () => {
  let api: ManagedProcess;
  let worker: ManagedProcess;
  let url: string;
  let dataDir: string;
  let auditor: string;

  beforeAll(async () => {
    requireBuild();
    dataDir = mkdtempSync(join(tmpdir(), 'readme-journey-'));
    const settings = { dataDir, redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix: runPrefix('readme-journey') };
    const port = await freePort();
    api = apiProcess('api', port, settings);
    worker = workerProcess('worker', await freePort(), settings);
    await api.start();
    await worker.start();
    url = `http://127.0.0.1:${port}`;
    ({ auditor } = await tokensFor({ auditor: { sub: 'auditor-ara-1', role: 'auditor', tenant: 'ARA' } }));
  }, 90_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const demo = () => spawnSync('npm', ['run', '-s', 'demo', '--', '--url', url], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 180_000 });
  const eventCount = async () => {
    const answer = await request(url).get('/audit/export/history.jsonl').set('Authorization', `Bearer ${auditor}`).buffer(true).parse((res, done) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => done(null, text));
    }).expect(200);
    return (answer.body as string).split('\n').filter((line) => line.trim() !== '').length;
  };
  let contractId: string;

  it('runs every block of the journey as written, with the refusals and checks it shows', async () => {
    const run = demo();
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    const lines = run.stdout.split('\n');
    contractId = /^contract ([0-9a-f-]{36})$/m.exec(run.stdout)![1];
    // The adjustment beyond the volume clause is refused, with the figures.
    expect(lines.map((line) => (line.startsWith('{"code"') ? JSON.parse(line).code : undefined)).filter(Boolean)).toEqual([
      'VOLUME_CLAUSE_BOUND_EXCEEDED',
    ]);
    // The worker's proposal was approved: the order went from 3 pathways to 6.
    expect(lines).toContain('{"PATHWAY":6}');
    expect(lines).toContain('["AdjustmentProposalApproved","OrderQuantityAdjusted"]');
    expect(lines.some((line) => line.startsWith('{"ok":true,"integrity":{"ok":true'))).toBe(true);
    expect(lines.some((line) => line.includes('"failed":0'))).toBe(true);
    expect(run.stdout).toContain(`${url}/audit#token=`);
    expect(run.stdout).toContain(`&contract=${contractId}`);
  }, 200_000);

  it('writes nothing new when run a second time', async () => {
    const before = await eventCount();
    expect(before).toBeGreaterThan(30);
    const again = demo();
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(`contract ${contractId}`);
    expect(await eventCount()).toBe(before);
  }, 200_000);

  it('fails, saying why, when no api answers', () => {
    const run = spawnSync('npm', ['run', '-s', 'demo', '--', '--url', 'http://127.0.0.1:9'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('No api answers at http://127.0.0.1:9');
  });

  describe('the audit page after the demo (headless Chromium)', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless'] });
    }, 60_000);
    afterAll(async () => browser?.close());

    it('shows a non-empty timeline and a chart per lot, and takes its screenshot', async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${url}/audit#token=${auditor}&contract=${contractId}`);
      await page.locator('#audit').waitFor({ state: 'visible' });
      await page.locator('#timeline > li.decision').first().waitFor({ state: 'visible' });
      expect(await page.locator('#timeline > li.decision').count()).toBeGreaterThan(20);
      const chart = page.locator('section.lot[data-lot="LOT-1"] svg.chart[role="img"]');
      await chart.waitFor({ state: 'visible' });
      // LOT-1's chart: 3 pathways ordered at issue and adjustment, 6 after the approved proposal; 1 completed.
      const ordered = await chart.locator('circle.point.ordered').evaluateAll((circles) => circles.map((c) => Number(c.getAttribute('data-value'))));
      expect(Math.max(...ordered)).toBe(6);
      const delivered = await chart.locator('circle.point.delivered').evaluateAll((circles) => circles.map((c) => Number(c.getAttribute('data-value'))));
      expect(Math.max(...delivered)).toBe(1);
      const screenshot = await page.screenshot({ fullPage: true, path: process.env.AUDIT_SCREENSHOT ?? join(dataDir, 'audit-page.png') });
      expect(screenshot.length).toBeGreaterThan(20_000);
      await page.close();
    }, 60_000);
  });
});
