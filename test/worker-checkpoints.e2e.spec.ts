import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChainCheckpoints, EmbeddedEventStore } from '@app/event-store';
import { writeScriptedHistory } from '../libs/audit/src/testing/audit-fixtures';
import { appEnvironment, eventually, freePort, httpAnswers, ManagedProcess, WORKER_MAIN } from './cluster/processes';
import { deleteQueueKeys, runPrefix } from './support/http-harness';

/** The built worker signs checkpoints of the chain's head with the key outside DATA_DIR (needs `npm run build`). */
describe('the worker signing checkpoints', () => {
  let folder: string;
  let worker: ManagedProcess;
  const prefix = runPrefix('worker-checkpoints');

  beforeAll(() => {
    if (!existsSync(WORKER_MAIN)) throw new Error(`${WORKER_MAIN} is missing: run \`npm run build\` first.`);
    folder = mkdtempSync(join(tmpdir(), 'worker-checkpoints-'));
  });

  afterAll(async () => {
    await worker?.stop();
    await deleteQueueKeys(prefix);
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('signs the head when it moved, which verifies with the published key', async () => {
    const dataDir = join(folder, 'data');
    const keyFile = join(folder, 'secrets', 'checkpoint-signing.pem');
    const store = EmbeddedEventStore.open({ file: join(dataDir, 'events.db') });
    await writeScriptedHistory(store);
    const head = store.chainHead();

    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const healthPort = await freePort();
    const env = appEnvironment(
      { dataDir, redisUrl, prefix },
      { WORKER_HEALTH_PORT: String(healthPort), AUDIT_SIGNING_KEY_FILE: keyFile, AUDIT_CHECKPOINT_EVERY_MS: '1000' },
    );
    worker = new ManagedProcess('worker', process.execPath, [WORKER_MAIN], env, httpAnswers(healthPort));
    await worker.start();

    const checkpoints = new ChainCheckpoints({ AUDIT_SIGNING_KEY_FILE: keyFile });
    const first = await eventually('a checkpoint of the head', () => checkpoints.check()!.anchors.find((anchor) => anchor.position === head.position), 20_000);
    expect(first.headHash).toBe(head.hash);

    await writeScriptedHistory(store);
    const moved = store.chainHead();
    await eventually('a checkpoint of the new head', () => checkpoints.check()!.anchors.find((anchor) => anchor.position === moved.position), 20_000);
    const checked = checkpoints.check()!;
    expect(checked.untrusted).toEqual([]);
    expect((await store.verifyIntegrity(undefined, checked.anchors)).ok).toBe(true);
    await store.close();
  }, 60_000);
});
