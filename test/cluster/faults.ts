/**
 * Faults under load (`npm run faults`, after `npm run build`): the built api and worker run as separate
 * processes on one embedded store (a temporary DATA_DIR) and a redis-server of the run's own, while a steady
 * mix of commands comes from parallel lanes (see workload.ts). Meanwhile, in turn: the api is SIGKILLed and
 * started again, the worker is SIGKILLed and started again, Redis is SIGKILLed and started again (without
 * persistence: its queued jobs are gone). Clients retry on connection errors with the same Idempotency-Key.
 *
 * Afterwards: every command answered 2xx is in the store, the read models equal a rebuild, every outbox
 * notification reached the provider's webhook (duplicates only under the same idempotency key). Prints the
 * figures; exits non-zero when anything is missing.
 *
 * Settings (environment): FAULTS_SECONDS (shortest load duration, default 120), FAULTS_LANES (default 6),
 * FAULTS_COUNT (faults done, in turn api, worker, Redis; default 9), FAULTS_EVERY_SECONDS (pause between a
 * restart and the next kill, default 10), FAULTS_REDIS_APPENDONLY (yes|no, default no).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunChecks, verifyRun, waitUntilSettled } from './checks';
import { CommandDriver, DriverFigures } from './command-driver';
import { apiProcess, freePort, ManagedProcess, redisProcess, requireBuild, sleep, workerProcess } from './processes';
import { embeddedClusterStore } from './stores';
import { WebhookRecorder } from './webhook-recorder';
import { certifyProvider, lane, registerWebhook, signTokens } from './workload';

export interface FaultRunOptions {
  /** Shortest load duration; the load goes on until every fault is done and the killed process is back. */
  loadSeconds: number;
  lanes: number;
  /** Faults done in turn: api, worker, Redis, api… */
  faults: number;
  /** Pause between a restart and the next kill. */
  faultEverySeconds: number;
  redisAppendonly: boolean;
  /** How long the processes get, after the load, to deliver every notification and catch up. */
  settleTimeoutMs: number;
  log?: (line: string) => void;
}

export interface FaultRunResult {
  driver: DriverFigures;
  checks: RunChecks;
  kills: { api: number; worker: number; redis: number };
  rounds: number;
  loadSeconds: number;
  ok: boolean;
}

type Fault = 'api' | 'worker' | 'redis';
const FAULTS: Fault[] = ['api', 'worker', 'redis'];
/** How long a killed process stays down before it is started again. */
const DOWN_MS = 1000;
const AFTER_LAST_FAULT_MS = 3000;

export async function runFaults(options: FaultRunOptions): Promise<FaultRunResult> {
  requireBuild();
  const log = options.log ?? ((line: string) => console.log(line));
  const dataDir = mkdtempSync(join(tmpdir(), 'faults-run-'));
  const prefix = `faults-${process.pid}-${Date.now()}`;
  const redisPort = await freePort();
  const settings = { dataDir: join(dataDir, 'data'), redisUrl: `redis://127.0.0.1:${redisPort}`, prefix };
  const redis = redisProcess(redisPort, join(dataDir, 'redis'), options.redisAppendonly);
  const apiPort = await freePort();
  const api = apiProcess('api', apiPort, settings);
  const worker = workerProcess('worker', await freePort(), settings);
  const processes: Record<Fault, ManagedProcess> = { api, worker, redis };
  // Every 13th delivery is answered 503 (the worker's retries take part too); answers take 50 ms.
  const webhook = new WebhookRecorder(13, 50);
  const driver = new CommandDriver([`http://127.0.0.1:${apiPort}`], await signTokens());

  try {
    await redis.start();
    await api.start();
    await worker.start();
    webhook.secret = await registerWebhook(driver, await webhook.start());
    await certifyProvider(driver);
    log(`faults run: api pid ${api.pid}, worker pid ${worker.pid}, redis :${redisPort} (appendonly ${options.redisAppendonly ? 'yes' : 'no'}), data ${dataDir}`);

    const started = Date.now();
    const lanes = Array.from({ length: options.lanes }, (_, n) => lane(driver, n));
    const faults = (async () => {
      const restarts: Array<Promise<void>> = [];
      for (let n = 0; n < options.faults; n++) {
        await sleep(options.faultEverySeconds * 1000);
        const fault = FAULTS[n % FAULTS.length];
        const target = processes[fault];
        // A process still starting from its previous kill is killed again only once it is back.
        await restarts[n - FAULTS.length];
        await target.kill();
        log(`  ${((Date.now() - started) / 1000).toFixed(1)} s: ${fault} SIGKILLed (commands sent so far ${driver.commands.length})`);
        await sleep(DOWN_MS);
        // The next fault does not wait for this process to be back: faults may overlap.
        restarts.push(target.start().then(() => log(`  ${((Date.now() - started) / 1000).toFixed(1)} s: ${fault} back`)));
      }
      await Promise.all(restarts);
      // Some load on the recovered processes too.
      await sleep(AFTER_LAST_FAULT_MS);
    })();
    await Promise.all([faults, sleep(options.loadSeconds * 1000)]);
    driver.stopping = true;
    const rounds = (await Promise.all(lanes)).reduce((total, count) => total + count, 0);
    const loadSeconds = (Date.now() - started) / 1000;
    for (const process of Object.values(processes)) {
      if (process.failure) throw new Error(`${process.failure}\n${process.tail()}`);
    }

    log(`  load stopped after ${loadSeconds.toFixed(1)} s; waiting for deliveries and read models to settle`);
    const store = embeddedClusterStore(settings.dataDir);
    await waitUntilSettled(store, [settings.dataDir], webhook, options.settleTimeoutMs);
    await worker.stop();
    await api.stop();
    const checks = await verifyRun(store, [settings.dataDir], driver, webhook);
    const figures = driver.figures();
    const kills = { api: api.kills, worker: worker.kills, redis: redis.kills };
    const ok = checks.problems.length === 0 && checks.found === checks.acknowledged;
    return { driver: figures, checks, kills, rounds, loadSeconds, ok };
  } catch (error) {
    log(`run failed; end of the process logs:\n${api.tail()}\n${worker.tail()}\n${redis.tail(10)}`);
    throw error;
  } finally {
    driver.stopping = true;
    await worker.stop();
    await api.stop();
    await redis.stop();
    await webhook.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function describeFaultRun(result: FaultRunResult): string {
  const { driver, checks, kills } = result;
  const refused = Object.entries(driver.refused).map(([what, count]) => `${count} × ${what}`);
  return [
    `faults run: ${result.loadSeconds.toFixed(1)} s of load, ${result.rounds} lane rounds`,
    `  kills: api ${kills.api}, worker ${kills.worker}, redis ${kills.redis} (each SIGKILL then restart)`,
    `  commands sent ${driver.sent}, acknowledged (2xx) ${driver.acknowledged}, found in the store ${checks.found}` +
      ` (${checks.acknowledgedWithoutEvents} without events), refused ${driver.sent - driver.acknowledged - driver.abandoned}, never answered ${driver.abandoned}` +
      ` (of which recorded ${checks.unansweredButRecorded})`,
    `  retried with the same Idempotency-Key: ${driver.retriedCommands} commands, ${driver.retries} extra attempts`,
    ...(refused.length > 0 ? [`  refusals: ${refused.join('; ')}`] : []),
    `  throughput: ${(driver.acknowledged / result.loadSeconds).toFixed(1)} acknowledged commands/s; log ${checks.events} events`,
    `  notifications expected ${checks.notificationsExpected} (outbox ${checks.outboxRows}), delivered ${checks.notificationsDelivered},` +
      ` notices received ${checks.noticesReceived}, duplicates ${checks.duplicates} (same idempotency key), recorded twice ${checks.deliveredTwice}`,
    `  read models: ${checks.readModelTables} tables, ${checks.readModelRows} rows, ${checks.problems.some((problem) => problem.startsWith('read model')) ? 'DIFFERENT FROM' : 'equal to'} a rebuild`,
    result.ok ? '  OK: nothing acknowledged is missing' : `  FAILED:\n    ${checks.problems.slice(0, 30).join('\n    ')}`,
  ].join('\n');
}

if (require.main === module) {
  const number = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
  runFaults({
    loadSeconds: number('FAULTS_SECONDS', 120),
    lanes: number('FAULTS_LANES', 6),
    faults: number('FAULTS_COUNT', 9),
    faultEverySeconds: number('FAULTS_EVERY_SECONDS', 10),
    redisAppendonly: process.env.FAULTS_REDIS_APPENDONLY === 'yes',
    settleTimeoutMs: 120_000,
  })
    .then((result) => {
      console.log(describeFaultRun(result));
      process.exit(result.ok ? 0 : 1);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
