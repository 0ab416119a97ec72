/**
 * Scale-out on one machine (`npm run scale-out`, after `npm run build`): 2 api processes and 2 worker processes
 * on one event store and one Redis. On the embedded store (the default) all four share one temporary DATA_DIR
 * (SQLite's file locks serialise the writers) and project the log into the same read-model file (the checkpoint,
 * read and moved in the write transaction, lets each event in once). With SCALE_OUT_STORE=postgres they share a
 * PostgreSQL schema of the run's own (POSTGRES_URL, default the local `test` database; dropped afterwards) and
 * each has a DATA_DIR of its own, as on machines of their own: its own read models, idempotency keys and
 * snapshots. Redis is a redis-server of the run's own (appendonly yes, as deploy/README.md recommends). The four
 * start at the same moment on the empty store. The command mix of workload.ts goes round-robin through both
 * apis; both workers consume the same BullMQ queues (competing consumers).
 *
 * Afterwards the same checks as the faults run (every read-model file of the run against a rebuild, each
 * acknowledged command stored once), plus who did the work: commands answered by each api, deliveries made by
 * each worker (BullMQ's processedBy), and that no notification was recorded as delivered twice. Settings:
 * SCALE_OUT_SECONDS (load duration, default 60), SCALE_OUT_LANES (default 8), SCALE_OUT_STORE (embedded or
 * postgres), SCALE_OUT_KILL_API_AFTER (seconds into the load at which api-1 is SIGKILLed and started again; not
 * killed unless set). `test/postgres-scale-out.e2e.spec.ts` runs a short PostgreSQL run with the kill in `npm test`.
 *
 * With SCALE_OUT_APIS (comma-separated base urls) it starts nothing and drives apis already running (the
 * EventStoreDB cluster of deploy/compose.cluster.yaml: deploy/scale-out-cluster.sh), signing tokens with
 * SCALE_OUT_JWT_SECRET, and checks through the api (api-checks.ts). No webhook is registered then: the workers
 * of a production-mode deployment deliver only to https.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEVELOPMENT_JWT_SECRET, redisConnection } from '@app/shared';
import { PROVIDER_NOTIFICATIONS_QUEUE } from '../../apps/worker/src/notifications/provider-notification.job';
import { ApiChecks, verifyThroughApi } from './api-checks';
import { RunChecks, verifyRun, waitUntilSettled } from './checks';
import { CommandDriver, DriverFigures } from './command-driver';
import { apiProcess, freePort, redisProcess, requireBuild, sleep, workerProcess } from './processes';
import { embeddedClusterStore, postgresClusterStore } from './stores';
import { WebhookRecorder } from './webhook-recorder';
import { certifyProvider, lane, registerWebhook, signTokens } from './workload';

export interface ScaleOutOptions {
  loadSeconds: number;
  lanes: number;
  settleTimeoutMs: number;
  /** `embedded` (one DATA_DIR for all, the default) or `postgres` (a schema of the run's own, a DATA_DIR per process). */
  store?: 'embedded' | 'postgres';
  /** A Redis already running, used under the run's own prefixes (removed afterwards), instead of a redis-server of the run's own. */
  redisUrl?: string;
  /** SIGKILLs api-1 this long after the load started, and starts it again a second later. */
  killApiAfterSeconds?: number;
  log?: (line: string) => void;
}

export interface ScaleOutResult {
  driver: DriverFigures;
  checks: RunChecks;
  loadSeconds: number;
  store: string;
  apiKills: number;
  acknowledgedByApi: Record<string, number>;
  deliveriesByWorker: Record<string, number>;
  ok: boolean;
}

/** Which worker process completed each delivery job (BullMQ records the worker's name on the job). */
async function deliveriesByWorker(redisUrl: string, prefix: string, workerNames: Map<string, string>): Promise<Record<string, number>> {
  const redis = redisConnection(redisUrl);
  try {
    const queue = `${prefix}:${PROVIDER_NOTIFICATIONS_QUEUE}`;
    const jobIds = await redis.zrange(`${queue}:completed`, 0, -1);
    const counts: Record<string, number> = {};
    for (const jobId of jobIds) {
      const processedBy = (await redis.hget(`${queue}:${jobId}`, 'pb')) ?? 'unknown';
      const name = workerNames.get(processedBy.split(':').pop() ?? '') ?? processedBy;
      counts[name] = (counts[name] ?? 0) + 1;
    }
    return counts;
  } finally {
    await redis.quit();
  }
}

/** Removes the keys of the run's prefixes (BullMQ's and the rate limit's) from a Redis it shares. */
async function deleteKeysOf(redisUrl: string, prefix: string): Promise<void> {
  const redis = redisConnection(redisUrl);
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    await redis.quit();
  }
}

/** How long the killed api stays down before it is started again. */
const API_DOWN_MS = 1000;

export async function runScaleOut(options: ScaleOutOptions): Promise<ScaleOutResult> {
  requireBuild();
  const log = options.log ?? ((line: string) => console.log(line));
  const runDir = mkdtempSync(join(tmpdir(), 'scale-out-run-'));
  const prefix = `scale-out-${process.pid}-${Date.now()}`;
  const store = options.store === 'postgres' ? postgresClusterStore(runDir) : embeddedClusterStore(join(runDir, 'data'));
  const redisPort = await freePort();
  const redisUrl = options.redisUrl ?? `redis://127.0.0.1:${redisPort}`;
  const redis = options.redisUrl ? undefined : redisProcess(redisPort, join(runDir, 'redis'), true);
  const settingsOf = (name: string) => ({ dataDir: store.dataDirOf(name), redisUrl, prefix, env: { ...store.env, THROTTLE_REDIS_PREFIX: `${prefix}-throttle` } });
  const apiPorts = [await freePort(), await freePort()];
  const apis = apiPorts.map((port, n) => apiProcess(`api-${n + 1}`, port, settingsOf(`api-${n + 1}`)));
  const workers = [workerProcess('worker-1', await freePort(), settingsOf('worker-1')), workerProcess('worker-2', await freePort(), settingsOf('worker-2'))];
  const apiUrls = apiPorts.map((port) => `http://127.0.0.1:${port}`);
  const webhook = new WebhookRecorder(0, 20);
  const driver = new CommandDriver(apiUrls, await signTokens());
  const all = [...apis, ...workers];
  const dataDirs = all.map((process) => store.dataDirOf(process.name));
  try {
    await redis?.start();
    // All four at once on an empty store: creating (migrating) the store and the read-model files must not race.
    await Promise.all(all.map((process) => process.start()));
    webhook.secret = await registerWebhook(driver, await webhook.start());
    await certifyProvider(driver);
    log(`scale-out run: ${all.map((process) => `${process.name} pid ${process.pid}`).join(', ')}, redis ${redisUrl} (prefix ${prefix}), ${store.description}, data ${runDir}`);

    const started = Date.now();
    const lanes = Array.from({ length: options.lanes }, (_, n) => lane(driver, n));
    const apiKill = (async () => {
      if (options.killApiAfterSeconds === undefined) return;
      await sleep(options.killApiAfterSeconds * 1000);
      await apis[0].kill();
      log(`  ${((Date.now() - started) / 1000).toFixed(1)} s: ${apis[0].name} SIGKILLed (commands sent so far ${driver.commands.length})`);
      await sleep(API_DOWN_MS);
      await apis[0].start();
      log(`  ${((Date.now() - started) / 1000).toFixed(1)} s: ${apis[0].name} back`);
    })();
    await Promise.all([apiKill, sleep(options.loadSeconds * 1000)]);
    driver.stopping = true;
    await Promise.all(lanes);
    const loadSeconds = (Date.now() - started) / 1000;
    for (const process of all) if (process.failure) throw new Error(`${process.failure}\n${process.tail()}`);

    await waitUntilSettled(store, dataDirs, webhook, options.settleTimeoutMs);
    const workerNames = new Map(workers.map((worker) => [String(worker.pid), worker.name]));
    const byWorker = await deliveriesByWorker(redisUrl, prefix, workerNames);
    await Promise.all(all.map((process) => process.stop()));
    const checks = await verifyRun(store, dataDirs, driver, webhook);
    const acknowledgedByApi = Object.fromEntries(apis.map((api, n) => [api.name, driver.acknowledgedBy.get(apiUrls[n]) ?? 0]));
    return {
      driver: driver.figures(),
      checks,
      loadSeconds,
      store: store.description,
      apiKills: apis[0].kills,
      acknowledgedByApi,
      deliveriesByWorker: byWorker,
      ok: checks.problems.length === 0 && checks.found === checks.acknowledged && driver.figures().abandoned === 0,
    };
  } catch (error) {
    log(`run failed; end of the process logs:\n${all.map((process) => process.tail()).join('\n')}`);
    throw error;
  } finally {
    driver.stopping = true;
    await Promise.all(all.map((process) => process.stop()));
    if (redis) await redis.stop();
    else await deleteKeysOf(redisUrl, prefix);
    await webhook.close();
    await store.drop();
    rmSync(runDir, { recursive: true, force: true });
  }
}

export function describeScaleOut(result: ScaleOutResult): string {
  const { driver, checks } = result;
  const refused = Object.entries(driver.refused).map(([what, count]) => `${count} × ${what}`);
  const list = (counts: Record<string, number>) => Object.entries(counts).map(([name, count]) => `${name} ${count}`).join(', ');
  return [
    `scale-out run (2 api + 2 worker processes, ${result.store}, one Redis): ${result.loadSeconds.toFixed(1)} s of load` +
      (result.apiKills > 0 ? `, api-1 SIGKILLed ${result.apiKills} time(s) and started again` : ''),
    `  commands sent ${driver.sent}, acknowledged (2xx) ${driver.acknowledged}, found in the store ${checks.found}, never answered ${driver.abandoned}`,
    `  throughput through both apis: ${(driver.acknowledged / result.loadSeconds).toFixed(1)} acknowledged commands/s (${list(result.acknowledgedByApi)})`,
    `  retried with the same Idempotency-Key: ${driver.retriedCommands} commands, ${driver.retries} extra attempts (409 or 5xx)`,
    ...(refused.length > 0 ? [`  refusals: ${refused.join('; ')}`] : []),
    `  notifications expected ${checks.notificationsExpected} (outbox ${checks.outboxRows}), delivered ${checks.notificationsDelivered}, notices received ${checks.noticesReceived},` +
      ` duplicates ${checks.duplicates}, recorded as delivered twice ${checks.deliveredTwice}`,
    `  delivery jobs completed per worker: ${list(result.deliveriesByWorker)}`,
    `  read models (4 projectors on ${checks.readModelCopies} file(s)): ${checks.readModelTables} tables, ${checks.readModelRows} rows, log ${checks.events} events,` +
      ` ${checks.problems.some((problem) => problem.startsWith('read model')) ? 'DIFFERENT FROM' : 'equal to'} a rebuild`,
    result.ok ? '  OK: nothing acknowledged is missing, no job done twice in effect' : `  FAILED:\n    ${checks.problems.slice(0, 30).join('\n    ')}`,
  ].join('\n');
}

/** Load through apis already running, checked through the api. */
export async function runAgainstApis(apis: string[], jwtSecret: string, options: Pick<ScaleOutOptions, 'loadSeconds' | 'lanes'>): Promise<string> {
  const tokens = await signTokens(jwtSecret);
  const driver = new CommandDriver(apis, tokens);
  await certifyProvider(driver);
  const started = Date.now();
  const lanes = Array.from({ length: options.lanes }, (_, n) => lane(driver, n));
  await sleep(options.loadSeconds * 1000);
  driver.stopping = true;
  await Promise.all(lanes);
  const loadSeconds = (Date.now() - started) / 1000;
  const figures = driver.figures();
  const checks: ApiChecks = await verifyThroughApi(apis, driver, tokens.admin.token);
  const ok = checks.problems.length === 0 && checks.found === checks.acknowledged && figures.abandoned === 0;
  const byApi = apis.map((api) => `${api} ${driver.acknowledgedBy.get(api) ?? 0}`).join(', ');
  const report = [
    `scale-out run against ${apis.length} running apis: ${loadSeconds.toFixed(1)} s of load`,
    `  commands sent ${figures.sent}, acknowledged (2xx) ${figures.acknowledged}, found in their streams ${checks.found} (${checks.streams} streams, ${checks.events} events), never answered ${figures.abandoned}`,
    `  throughput through the apis: ${(figures.acknowledged / loadSeconds).toFixed(1)} acknowledged commands/s (${byApi})`,
    `  retried with the same Idempotency-Key: ${figures.retriedCommands} commands, ${figures.retries} extra attempts`,
    `  integrity: ${checks.integrity}`,
    ok ? '  OK: nothing acknowledged is missing' : `  FAILED:\n    ${checks.problems.slice(0, 30).join('\n    ')}`,
  ].join('\n');
  if (!ok) throw new Error(report);
  return report;
}

if (require.main === module && process.env.SCALE_OUT_APIS) {
  runAgainstApis(process.env.SCALE_OUT_APIS.split(','), process.env.SCALE_OUT_JWT_SECRET ?? DEVELOPMENT_JWT_SECRET, {
    loadSeconds: Number(process.env.SCALE_OUT_SECONDS ?? 60),
    lanes: Number(process.env.SCALE_OUT_LANES ?? 8),
  })
    .then((report) => console.log(report))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
} else if (require.main === module) {
  runScaleOut({
    loadSeconds: Number(process.env.SCALE_OUT_SECONDS ?? 60),
    lanes: Number(process.env.SCALE_OUT_LANES ?? 8),
    settleTimeoutMs: 120_000,
    store: process.env.SCALE_OUT_STORE === 'postgres' ? 'postgres' : 'embedded',
    killApiAfterSeconds: process.env.SCALE_OUT_KILL_API_AFTER === undefined ? undefined : Number(process.env.SCALE_OUT_KILL_API_AFTER),
  })
    .then((result) => {
      console.log(describeScaleOut(result));
      process.exit(result.ok ? 0 : 1);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
