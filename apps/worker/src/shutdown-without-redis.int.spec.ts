import { ConfigService } from '@nestjs/config';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEventStore } from '@app/event-store';
import { Environment, validateEnvironment } from '@app/shared';
import { IntegrityCheckProcessor } from './integrity/integrity-check.processor';
import { OwnRedisServer } from './testing/own-redis-server';

/**
 * A worker asked to stop while its Redis is gone (or still reconnecting) must still stop: BullMQ's
 * Worker.close() can wait for a reconnecting connection for ever.
 */
describe('the worker stopping while Redis is gone', () => {
  let folder: string;
  let redis: OwnRedisServer;
  let store: EmbeddedEventStore;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'shutdown-without-redis-'));
    redis = await OwnRedisServer.start(folder);
    store = EmbeddedEventStore.open({ file: join(folder, 'events.db') });
  });

  afterAll(async () => {
    await store.close();
    redis.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('stops its BullMQ workers and connections within a bound', async () => {
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
