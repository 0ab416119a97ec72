import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, freePort, ManagedProcess, redisProcess, WORKER_MAIN, workerProcess } from './cluster/processes';

/**
 * The built worker started while its Redis is not there: it says so in its log, serves its health port with
 * Redis down, and keeps retrying until Redis comes (needs `npm run build`).
 */
describe('a worker started without Redis', () => {
  let folder: string;
  let worker: ManagedProcess;
  let redis: ManagedProcess;
  let redisPort: number;
  let healthPort: number;

  beforeAll(async () => {
    if (!existsSync(WORKER_MAIN)) throw new Error(`${WORKER_MAIN} is missing: run \`npm run build\` first.`);
    folder = mkdtempSync(join(tmpdir(), 'worker-without-redis-'));
    redisPort = await freePort();
    healthPort = await freePort();
    const settings = { dataDir: join(folder, 'data'), redisUrl: `redis://127.0.0.1:${redisPort}`, prefix: `worker-without-redis-${process.pid}`, logLevel: 'info' };
    worker = workerProcess('worker', healthPort, settings);
    redis = redisProcess(redisPort, join(folder, 'redis'), false);
  });

  afterAll(async () => {
    await worker?.stop();
    await redis?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  const health = async () => {
    const response = await fetch(`http://127.0.0.1:${healthPort}/health`, { signal: AbortSignal.timeout(5000) });
    return { status: response.status, body: (await response.json()) as { details: Record<string, { status: string; message?: string }> } };
  };

  it('logs the connection problem, reports Redis down on its health port, and is up once Redis answers', async () => {
    // Resolves once the health port answers: it never did while Redis was missing.
    await worker.start();
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body.details.redis).toMatchObject({ status: 'down' });
    expect(down.body.details.eventStore).toMatchObject({ status: 'up' });
    await eventually('the connection problem in the log', () => (worker.tail(100).includes(`ECONNREFUSED 127.0.0.1:${redisPort}`) ? true : undefined), 10_000);
    expect(worker.tail(100)).toMatch(/Redis unavailable/);

    await redis.start();
    const up = await eventually('health to report Redis up', async () => {
      const answer = await health();
      return answer.status === 200 ? answer : undefined;
    }, 30_000);
    expect(up.body.details.redis).toMatchObject({ status: 'up' });
    expect(worker.failure).toBeUndefined();
  }, 120_000);
});
