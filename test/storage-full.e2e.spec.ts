import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Principal } from '@app/shared';
import { callerOf, RunningApi, startApi, tokensFor } from './support/http-harness';
import { FRAMEWORK } from './support/procurement-fixtures';

/**
 * A full disk under the embedded store, on a real filesystem: a small tmpfs the test mounts and removes. Mounting
 * needs root (or CAP_SYS_ADMIN); where the machine refuses, the test is skipped and says why.
 */
const MOUNT_POINT = mkdtempSync(join(tmpdir(), 'storage-full-'));
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', MOUNT_POINT], { encoding: 'utf8' });
const canMount = mounted.status === 0;
if (!canMount) {
  rmSync(MOUNT_POINT, { recursive: true, force: true });
  console.warn(`storage-full.e2e skipped: this machine refuses to mount a tmpfs (${(mounted.stderr || mounted.error?.message || '').trim()})`);
}

/** Fills the filesystem with one file until it refuses a byte more. */
function fill(file: string): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  // Then the last small pieces, so that no page is left.
  const fd2 = openSync(file, 'a');
  try {
    for (;;) writeSync(fd2, Buffer.alloc(512, 1));
  } catch {
    // full
  } finally {
    closeSync(fd2);
  }
}

(canMount ? describe : describe.skip)('a full disk under the event store', () => {
  const dataDir = join(MOUNT_POINT, 'data');
  const filler = join(MOUNT_POINT, 'filler');
  let api: RunningApi;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    api = await startApi('storage-full', { env: { DATA_DIR: dataDir } });
    const principals: Record<string, Principal> = { buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' } };
    tokens = await tokensFor(principals);
  });

  afterAll(async () => {
    rmSync(filler, { force: true });
    await api?.close();
    spawnSync('umount', [MOUNT_POINT]);
    rmSync(MOUNT_POINT, { recursive: true, force: true });
  });

  it('answers 503 STORAGE_FULL, reports it in health, loses nothing acknowledged, and takes commands again once space is freed', async () => {
    const as = callerOf(api.app, tokens);
    const acknowledged: string[] = [];
    for (let i = 0; i < 3; i += 1) acknowledged.push((await as('buyer').post('/contracts', FRAMEWORK).expect(201)).body.contractId);
    await request(api.app.getHttpServer()).get('/health').expect(200);

    fill(filler);
    // Space SQLite already holds (its WAL) may take a few more commands before it needs the disk.
    let refused: request.Response | undefined;
    for (let i = 0; i < 500 && !refused; i += 1) {
      const answer = await as('buyer').post('/contracts', FRAMEWORK);
      if (answer.status === 201) acknowledged.push(answer.body.contractId);
      else refused = answer;
    }
    expect(refused?.status).toBe(503);
    expect(refused?.body).toMatchObject({ code: 'STORAGE_FULL' });
    const again = await as('buyer').post('/contracts', FRAMEWORK).expect(503);
    expect(again.body).toMatchObject({ code: 'STORAGE_FULL' });

    const health = await request(api.app.getHttpServer()).get('/health').expect(503);
    expect(health.body.details.eventStore).toMatchObject({ status: 'down', message: expect.stringMatching(/no space left/) });

    rmSync(filler);
    await request(api.app.getHttpServer()).get('/health').expect(200);
    acknowledged.push((await as('buyer').post('/contracts', FRAMEWORK).expect(201)).body.contractId);
    for (const contractId of acknowledged) await as('buyer').get(`/contracts/${contractId}`).expect(200);
  });
});
