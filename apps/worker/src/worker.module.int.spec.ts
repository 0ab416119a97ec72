import { Test } from '@nestjs/testing';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OwnRedisServer } from './testing/own-redis-server';
import { WorkerModule } from './worker.module';

/**
 * The worker opens the files it works on: the events and the read models, not the snapshot cache, which only
 * the api's reads of a contract as of a point use.
 */
describe('the worker on its data folder', () => {
  let folder: string;
  let redis: OwnRedisServer;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'worker-files-'));
    redis = await OwnRedisServer.start(folder);
  });

  afterAll(() => {
    redis?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('opens the event store and the read models, not DATA_DIR/snapshots.db', async () => {
    const dataDir = join(folder, 'data');
    Object.assign(process.env, { DATA_DIR: dataDir, REDIS_URL: redis.url, BULLMQ_PREFIX: 'worker-files', LOG_LEVEL: 'silent' });
    const worker = await Test.createTestingModule({ imports: [WorkerModule.create()] }).compile();
    await worker.init();
    try {
      // SQLite's -wal and -shm files aside.
      const files = readdirSync(dataDir).filter((name) => !/-(wal|shm)$/.test(name));
      expect(files.sort()).toEqual(['events.db', 'read-models']);
    } finally {
      await worker.close();
    }
  });
});
