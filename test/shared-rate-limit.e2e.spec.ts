import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { OwnRedisServer } from '../apps/worker/src/testing/own-redis-server';
import { eventually, RunningApi, runPrefix, startApi, tokensFor } from './support/http-harness';

/** A port nothing listens on: Redis unreachable. */
async function closedPort(): Promise<number> {
  const listener = createServer();
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const { port } = listener.address() as AddressInfo;
  await new Promise((resolve) => listener.close(resolve));
  return port;
}

/**
 * The rate limit holds for a caller however many api processes serve it: the counters live in Redis. Without
 * Redis the api still answers, and limits each process on its own.
 */
describe('rate limit shared by the api processes (end to end)', () => {
  const LIMIT = 4;
  const tokens: Record<string, string> = {};
  const running: RunningApi[] = [];

  beforeAll(async () => {
    Object.assign(tokens, await tokensFor({ buyer: { sub: 'buyer-shared-limit', role: 'buyer', tenant: 'ARA' } }));
  });
  afterEach(async () => {
    for (const api of running.splice(0)) await api.close();
    delete process.env.THROTTLE_LIMIT;
    delete process.env.THROTTLE_REDIS_PREFIX;
    delete process.env.REDIS_URL;
  });

  /** Api processes started with the same settings, as behind a load balancer. */
  async function startApis(count: number, env: Record<string, string>): Promise<RunningApi[]> {
    const started: RunningApi[] = [];
    for (let i = 0; i < count; i++) started.push(await startApi(`shared-limit-${i}`, { env: { THROTTLE_LIMIT: String(LIMIT), ...env } }));
    running.push(...started);
    return started;
  }
  const listContracts = (api: RunningApi) => request(api.app.getHttpServer()).get('/contracts').auth(tokens.buyer, { type: 'bearer' });

  it('refuses a caller once its requests through two api processes reach the limit in total', async () => {
    const [first, second] = await startApis(2, { THROTTLE_REDIS_PREFIX: runPrefix('shared-limit') });
    const alternating = (i: number) => (i % 2 === 0 ? first : second);

    for (let i = 0; i < LIMIT; i++) {
      const answer = await listContracts(alternating(i)).expect(200);
      expect(answer.headers['x-ratelimit-remaining']).toBe(String(LIMIT - 1 - i));
    }
    for (const api of [first, second]) {
      const refused = await listContracts(api).expect(429);
      expect(refused.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it('keeps apart the counters of deployments that share one Redis', async () => {
    const [ours] = await startApis(1, { THROTTLE_REDIS_PREFIX: runPrefix('shared-limit-ours') });
    const [theirs] = await startApis(1, { THROTTLE_REDIS_PREFIX: runPrefix('shared-limit-theirs') });

    for (let i = 0; i < LIMIT; i++) await listContracts(ours).expect(200);
    await listContracts(ours).expect(429);
    await listContracts(theirs).expect(200);
  });

  it('still answers without Redis, and limits each process on its own', async () => {
    const [first, second] = await startApis(2, { REDIS_URL: `redis://127.0.0.1:${await closedPort()}` });

    for (let i = 0; i < LIMIT; i++) await listContracts(first).expect(200);
    const refused = await listContracts(first).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // The other process has counted nothing: without Redis the budget is per process.
    await listContracts(second).expect(200);
  });

  describe('when Redis comes back', () => {
    let folder: string;
    let redis: OwnRedisServer;

    beforeAll(async () => {
      folder = mkdtempSync(join(tmpdir(), 'shared-limit-redis-'));
      redis = await OwnRedisServer.start(folder);
    });
    afterAll(() => {
      redis.stop();
      rmSync(folder, { recursive: true, force: true });
    });

    it('counts in Redis again once it answers after a restart', async () => {
      const prefix = runPrefix('shared-limit-restart');
      const [api] = await startApis(1, { REDIS_URL: redis.url, THROTTLE_REDIS_PREFIX: prefix, THROTTLE_LIMIT: '1000000' });
      const countersInRedis = async () => (await redis.probe.keys(`{${prefix}:*`)).length;
      const requestCountedInRedis = async () => {
        await listContracts(api).expect(200);
        return (await countersInRedis()) > 0 ? true : undefined;
      };
      await eventually('a counter in Redis', requestCountedInRedis);

      await redis.restartEmpty();
      expect(await countersInRedis()).toBe(0);
      // Requests are answered while the api reconnects (counted in memory), then counted in Redis again.
      await eventually('the counters back in Redis', requestCountedInRedis);
    });
  });
});
