import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import request from 'supertest';
import { API_MAIN, freePort, httpAnswers } from './cluster/processes';
import { eventually, RunningApi, runPrefix, startApi } from './support/http-harness';

/**
 * Behind a load balancer every connection comes from the balancer. With TRUST_PROXY naming it, the api takes the
 * client's address from the X-Forwarded-For it adds: callers without a token get a rate-limit budget each, and the
 * request logs name them. Without it, the header is ignored, so nobody escapes the limit by forging one. The
 * test client connects from 127.0.0.1: it plays the proxy.
 */
describe('callers behind a reverse proxy (end to end)', () => {
  const LIMIT = 3;

  describe('the rate limit of callers without a token', () => {
    let api: RunningApi | undefined;
    afterEach(async () => {
      await api?.close();
      api = undefined;
      delete process.env.THROTTLE_LIMIT;
      delete process.env.THROTTLE_REDIS_PREFIX;
      delete process.env.TRUST_PROXY;
    });

    const start = async (env: Record<string, string> = {}) => {
      api = await startApi('trusted-proxy', { env: { THROTTLE_LIMIT: String(LIMIT), ...env } });
      return api;
    };
    const anonymous = (running: RunningApi, forwardedFor: string) => request(running.app.getHttpServer()).get('/contracts').set('X-Forwarded-For', forwardedFor);

    it('ignores X-Forwarded-For when no proxy is trusted: a caller cannot escape the limit by forging it', async () => {
      const running = await start();
      for (let i = 0; i < LIMIT; i++) await anonymous(running, '203.0.113.1').expect(401);
      const refused = await anonymous(running, '203.0.113.2').expect(429);
      expect(refused.body.code).toBe('RATE_LIMITED');
    });

    it('gives each client forwarded by a trusted proxy a budget of its own', async () => {
      const running = await start({ TRUST_PROXY: 'loopback' });
      for (let i = 0; i < LIMIT; i++) await anonymous(running, '203.0.113.1').expect(401);
      await anonymous(running, '203.0.113.1').expect(429);
      const other = await anonymous(running, '203.0.113.2').expect(401);
      expect(other.headers['x-ratelimit-remaining']).toBe(String(LIMIT - 1));
    });

    it('still limits a client that forges X-Forwarded-For before the trusted proxy adds the address it sees', async () => {
      const running = await start({ TRUST_PROXY: 'loopback' });
      for (let i = 0; i < LIMIT; i++) await anonymous(running, `198.51.100.${i}, 203.0.113.9`).expect(401);
      await anonymous(running, `198.51.100.${LIMIT}, 203.0.113.9`).expect(429);
    });
  });

  /** The built api (`npm run build`) as its own process: its request logs are its standard output. */
  describe('the request logs', () => {
    let child: ChildProcess | undefined;
    let dataDir: string | undefined;
    const lines: string[] = [];

    async function startBuiltApi(env: Record<string, string>): Promise<number> {
      if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run \`npm run build\` before this test (npm test does it through "pretest").`);
      const port = await freePort();
      dataDir = mkdtempSync(join(tmpdir(), 'trusted-proxy-logs-'));
      child = spawn(process.execPath, [API_MAIN], {
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'test',
          PORT: String(port),
          DATA_DIR: dataDir,
          REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
          THROTTLE_REDIS_PREFIX: runPrefix('trusted-proxy-logs'),
          LOG_LEVEL: 'info',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      createInterface({ input: child.stdout! }).on('line', (line) => lines.push(line));
      await httpAnswers(port, 20_000)();
      return port;
    }

    afterEach(async () => {
      if (child && child.exitCode === null) {
        const exited = new Promise((resolve) => child!.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      child = undefined;
      lines.length = 0;
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    /** The address the request line of this correlation id records. */
    async function loggedAddressOf(correlationId: string): Promise<{ remoteAddress?: string; remotePort?: number }> {
      return eventually(`the request line of ${correlationId}`, async () => {
        const entries = lines.map((text) => JSON.parse(text) as { req?: { id?: string; remoteAddress?: string; remotePort?: number } });
        return entries.find((entry) => entry.req?.id === correlationId)?.req;
      });
    }

    it('records the client address that a trusted proxy forwards, not the proxy\'s', async () => {
      const port = await startBuiltApi({ TRUST_PROXY: 'loopback' });
      await request(`http://127.0.0.1:${port}`).get('/contracts').set('X-Forwarded-For', '203.0.113.7').set('X-Correlation-Id', 'trusted-proxy-forwarded').expect(401);
      const logged = await loggedAddressOf('trusted-proxy-forwarded');
      expect(logged.remoteAddress).toBe('203.0.113.7');
      expect(logged.remotePort).toBeUndefined();
    });

    it('writes a request line with the correlation id at its top and no header: neither the token nor forwarded addresses', async () => {
      const port = await startBuiltApi({ TRUST_PROXY: 'loopback' });
      await request(`http://127.0.0.1:${port}`)
        .get('/contracts')
        .set('Authorization', 'Bearer not-a-real-token-but-secret-looking')
        .set('X-Forwarded-For', '198.51.100.23, 203.0.113.7')
        .set('X-Correlation-Id', 'request-line-shape')
        .expect(401);
      const line = await eventually('the request line', async () => lines.find((text) => text.includes('"request-line-shape"')));
      const entry = JSON.parse(line) as { correlationId?: string; req?: Record<string, unknown>; res?: Record<string, unknown>; responseTime?: number };
      expect(entry.correlationId).toBe('request-line-shape');
      expect(entry.req).toEqual({ id: 'request-line-shape', method: 'GET', url: '/contracts', remoteAddress: '203.0.113.7' });
      expect(entry.res).toEqual({ statusCode: 401 });
      expect(entry.responseTime).toEqual(expect.any(Number));
      expect(line).not.toContain('not-a-real-token');
      expect(line).not.toContain('198.51.100.23');
    });

    it('records the address of the connection when no proxy is trusted, whatever X-Forwarded-For says', async () => {
      const port = await startBuiltApi({});
      await request(`http://127.0.0.1:${port}`).get('/contracts').set('X-Forwarded-For', '203.0.113.7').set('X-Correlation-Id', 'trusted-proxy-ignored').expect(401);
      const logged = await loggedAddressOf('trusted-proxy-ignored');
      expect(logged.remoteAddress).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
      expect(logged.remotePort).toEqual(expect.any(Number));
    });
  });
});
