import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { OwnRedisServer } from '../apps/worker/src/testing/own-redis-server';
import { eventually, RunningApi, startApi } from './support/http-harness';

/** GET /health answers for the api's dependencies as they are: up from the first probe, down naming the one that is not. */
describe('health (end to end)', () => {
  let folder: string;
  let redis: OwnRedisServer;
  let api: RunningApi;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'health-e2e-'));
    redis = await OwnRedisServer.start(folder);
    api = await startApi('health', { env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await api.close();
    redis.stop();
    rmSync(folder, { recursive: true, force: true });
    delete process.env.REDIS_URL;
  });

  const health = () => request(api.app.getHttpServer()).get('/health');

  it('is up from the first probe after start-up, the event store and Redis answering', async () => {
    const response = await health().expect(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { eventStore: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('answers 503 naming Redis while it is gone, and is up again once Redis is back', async () => {
    await redis.kill();
    const down = await eventually('health to report Redis down', async () => {
      const response = await health();
      return response.status === 503 ? response : undefined;
    });
    expect(down.body).toMatchObject({ status: 'error', error: { redis: { status: 'down' } }, info: { eventStore: { status: 'up' } } });
    expect(down.body.error.redis.message).toMatch(/not connected|no answer/);

    await redis.startAgain();
    const up = await eventually('health to report Redis up again', async () => {
      const response = await health();
      return response.status === 200 ? response : undefined;
    });
    expect(up.body.info.redis).toEqual({ status: 'up' });
  });
});
