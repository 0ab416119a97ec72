import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Job, Queue } from 'bullmq';
import { ChainCheckpoints, IntegrityReport } from '@app/event-store';
import { redisConnection } from '@app/shared';
import { INTEGRITY_QUEUE } from '../apps/worker/src/integrity/integrity-check.job';
import { writeScriptedHistory } from '../libs/audit/src/testing/audit-fixtures';
import { CHAIN_STORES, ChainStoreUnderTest } from '../libs/event-store/src/testing/chain-stores';
import { appEnvironment, eventually, freePort, httpAnswers, ManagedProcess, WORKER_MAIN } from './cluster/processes';
import { deleteQueueKeys, runPrefix } from './support/http-harness';

/**
 * The built worker signs checkpoints of the chain's head with the key outside DATA_DIR, and its integrity check
 * compares the chain as stored with them (needs `npm run build`).
 */
describe.each(CHAIN_STORES)('the worker signing checkpoints ($name store)', ({ name, storeIn }) => {
  let folder: string;
  let target: ChainStoreUnderTest;
  let worker: ManagedProcess;
  const prefix = runPrefix(`worker-checkpoints-${name}`);

  beforeAll(() => {
    if (!existsSync(WORKER_MAIN)) throw new Error(`${WORKER_MAIN} is missing: run \`npm run build\` first.`);
    folder = mkdtempSync(join(tmpdir(), 'worker-checkpoints-'));
    target = storeIn(join(folder, 'data'));
  });

  afterAll(async () => {
    await worker?.stop();
    await deleteQueueKeys(prefix);
    await target?.cleanUp();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  /** Asks the worker for an integrity check, as an operator does, and waits for its outcome. */
  async function integrityCheck(redisUrl: string): Promise<{ report?: IntegrityReport; failure?: string }> {
    const connection = redisConnection(redisUrl);
    const queue = new Queue(INTEGRITY_QUEUE, { connection, prefix });
    try {
      const { id } = await queue.add('verify', { requestedBy: 'operator-1' });
      return await eventually(
        'the integrity check done',
        async () => {
          const job = (await Job.fromId(queue, id!))!;
          if (job.finishedOn === undefined) return undefined;
          return job.failedReason ? { failure: job.failedReason } : { report: job.returnvalue as IntegrityReport };
        },
        20_000,
      );
    } finally {
      await queue.close();
      await connection.quit();
    }
  }

  it('signs the head when it moved, which verifies with the published key; a log re-sealed fails its integrity check', async () => {
    const dataDir = join(folder, 'data');
    const keyFile = join(folder, 'secrets', 'checkpoint-signing.pem');
    const store = await target.open();
    await writeScriptedHistory(store);
    const head = await store.chainHead();

    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const healthPort = await freePort();
    const env = appEnvironment(
      { dataDir, redisUrl, prefix },
      { ...target.env, WORKER_HEALTH_PORT: String(healthPort), AUDIT_SIGNING_KEY_FILE: keyFile, AUDIT_CHECKPOINT_EVERY_MS: '1000' },
    );
    worker = new ManagedProcess('worker', process.execPath, [WORKER_MAIN], env, httpAnswers(healthPort));
    await worker.start();

    const checkpoints = new ChainCheckpoints({ AUDIT_SIGNING_KEY_FILE: keyFile });
    const first = await eventually('a checkpoint of the head', () => checkpoints.check()!.anchors.find((anchor) => anchor.position === head.position), 20_000);
    expect(first.headHash).toBe(head.hash);

    await writeScriptedHistory(store);
    const moved = await store.chainHead();
    await eventually('a checkpoint of the new head', () => checkpoints.check()!.anchors.find((anchor) => anchor.position === moved.position), 20_000);
    const checked = checkpoints.check()!;
    expect(checked.untrusted).toEqual([]);
    expect((await store.verifyIntegrity(undefined, checked.anchors)).ok).toBe(true);
    await store.close();

    const clean = await integrityCheck(redisUrl);
    expect(clean.report).toMatchObject({ ok: true, checkpoints: { untrusted: 0 } });
    expect(clean.report!.checkpoints!.anchors).toBeGreaterThanOrEqual(2);

    // Whoever holds the store changes who drafted the first contract and re-seals every hash and the head.
    await target.tamper("UPDATE events SET metadata = replace(metadata, 'buyer-ara-1', 'buyer-ara-9') WHERE position = ?", 1);
    const tampered = await integrityCheck(redisUrl);
    expect(tampered.failure).toMatch(/^Integrity check failed at position 1 .*log rewritten/);
  }, 60_000);
});
