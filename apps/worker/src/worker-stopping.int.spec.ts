import { ConfigService } from '@nestjs/config';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEventStore } from '@app/event-store';
import { Environment, validateEnvironment } from '@app/shared';
import { IntegrityCheckProcessor } from './integrity/integrity-check.processor';
import { OwnRedisServer } from './testing/own-redis-server';

/**
 * A worker must stop whenever it is asked to:
 * - just after it started (a deploy rolled back, a test closing its module), without an error thrown out of
 *   BullMQ: closing a queue whose connection is still starting used to make BullMQ's start fail on the closed
 *   connection with no listener left ("Unhandled error. Connection is closed");
 * - while its Redis is gone (or still reconnecting): BullMQ's Worker.close() can wait for a reconnecting
 *   connection for ever.
 */
describe('the worker stopping', () => {
  let folder: string;
  let redis: OwnRedisServer;
  let store: EmbeddedEventStore;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'worker-stopping-'));
    redis = await OwnRedisServer.start(folder);
    store = EmbeddedEventStore.open({ file: join(folder, 'events.db') });
  });

  afterAll(async () => {
    await store.close();
    redis.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('stops without an unhandled error right after it started, however early', async () => {
    const config = new ConfigService<Environment, true>(validateEnvironment({ DATA_DIR: folder, REDIS_URL: redis.url, BULLMQ_PREFIX: 'stop-after-start' }));
    for (let round = 0; round < 40; round++) {
      const check = new IntegrityCheckProcessor(store, config);
      check.onApplicationBootstrap();
      if (round % 2 === 1) await new Promise((resolve) => setImmediate(resolve));
      await check.onApplicationShutdown();
    }
  }, 60_000);

  // Last: it stops Redis.
  it('stops its BullMQ workers and connections within a bound while Redis is gone', async () => {
    const config = new ConfigService<Environment, true>(validateEnvironment({ DATA_DIR: folder, REDIS_URL: redis.url, BULLMQ_PREFIX: 'shutdown-test' }));
    const integrity = new IntegrityCheckProcessor(store, config);
    integrity.onApplicationBootstrap();
    redis.stop();

    const outcome = await Promise.race([
      integrity.onApplicationShutdown().then(() => 'stopped'),
      new Promise((resolve) => setTimeout(resolve, 15_000, 'still waiting')),
    ]);
    expect(outcome).toBe('stopped');
  }, 20_000);
});
