import { INestApplication } from '@nestjs/common';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { AddressInfo, createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { AMENDMENT_NOTICE_TYPES, notificationIdOf, ORDER_NOTICE_TYPES } from '@app/notifications';
import { Projector, PROJECTIONS, ReadModelDatabase, ReadModelFiles } from '@app/projections';
import { DEVELOPMENT_JWT_SECRET, FixedClock, Principal, redisConnection, signDevelopmentToken } from '@app/shared';
import { createApi } from '../apps/api/src/bootstrap';
import { PROVIDER_NOTIFICATIONS_QUEUE } from '../apps/worker/src/notifications/provider-notification.job';
import { SignedWebhookServer, signedWebhookServer } from './support/webhook-server';
import { certifiedProviders } from './support/provider-register-fixtures';

/**
 * Crash test of the worker (from the issue: "the worker is killed mid-projection and mid-delivery; after restart
 * every read model equals a from-scratch rebuild and no notification is lost (duplicates only with the same
 * idempotency key)").
 *
 * The api runs in this process (it projects the log but delivers nothing: it has no notifications worker); the
 * worker is the built `dist/apps/worker/main.js` in a child process on the same data folder and Redis prefix. A
 * slow local webhook keeps deliveries in flight while commands keep coming; the worker is SIGKILLed from inside
 * the webhook handler (a notice received, its answer not yet sent), restarted, killed again, restarted.
 *
 * A killed BullMQ worker leaves its active jobs locked for `lockDuration` (30 s), and a stalled job is moved back
 * only by a stalled-check pass (every 30 s) that saw it in an earlier pass: 30 to 60 s during which in-flight
 * notices wait. To stay well under a minute, the test fast-forwards that wait after each kill (the dead worker's
 * locks expire, the pass that marks them as stalled happens) — exactly the Redis state those 30–60 s produce.
 * `WORKER_CRASH_REAL_STALL=1` skips the fast-forward and waits in real time instead (three to four minutes).
 */

const WORKER_MAIN = join(__dirname, '..', 'dist', 'apps', 'worker', 'main.js');
const REAL_STALL = process.env.WORKER_CRASH_REAL_STALL === '1';
const PROVIDER = 'of-a';
const CONTRACTS = 3;
const ROUNDS = 3;
/** In real stall timing the second kill comes a minute after the first: the commands go on, more slowly. */
const MAX_ROUNDS = REAL_STALL ? 100 : 20;
const ROUND_PAUSE_MS = REAL_STALL ? 2000 : 60;
/** How long the webhook takes to answer, so deliveries are in flight when the worker dies. */
const WEBHOOK_DELAY_MS = 150;
/** Every Nth request is answered 503: retries with backoff take part too. */
const FAIL_EVERY = 11;
/** The first worker is killed when its 12th request reaches the webhook, before the answer. */
const FIRST_KILL_AFTER_REQUESTS = 12;
/**
 * By default the second worker is killed while re-delivering one of the notices the first had in flight: two
 * crashes during the delivery of the same notice. With WORKER_CRASH_SAME_NOTICE=0 it is killed instead on its
 * 6th request or later, once every notice the first one had in flight has been delivered.
 */
const SECOND_KILL_AFTER_REQUESTS = 6;
const SAME_NOTICE = process.env.WORKER_CRASH_SAME_NOTICE !== '0';
const KILLS = 2;
const NOTICE_TYPES = new Set([...ORDER_NOTICE_TYPES, ...AMENDMENT_NOTICE_TYPES]);

interface OutboxRow {
  notification_id: string;
  event_id: string;
  status: string;
  attempts: number;
  last_error: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(100);
  }
}

async function freePort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The newest modification time under a folder (sources of the worker and the libraries). */
function newestMtime(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Every row of every read-model table (not the checkpoint), ordered by all its columns. */
function dumpReadModels(database: ReadModelDatabase): Record<string, unknown[]> {
  const tables = database.db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
       AND name NOT IN ('projection_checkpoint', 'projection_versions') ORDER BY name`,
    )
    .all() as Array<{ name: string }>;
  const dump: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    const columns = (database.db.prepare(`PRAGMA table_info(${name})`).all() as Array<{ name: string }>).map((column) => `"${column.name}"`);
    dump[name] = database.db.prepare(`SELECT * FROM ${name} ORDER BY ${columns.join(', ')}`).all();
  }
  return dump;
}

describe('the worker killed mid-projection and mid-delivery (end to end, worker in a child process)', () => {
  const prefix = `test-worker-crash-${process.pid}-${Date.now()}`;
  const clock = new FixedClock(new Date('2026-03-02T09:00:00.000Z'));
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  let api: INestApplication;
  let store: EventStore;
  let dataDir: string;
  let webhook: SignedWebhookServer;
  const tokens: Record<string, string> = {};

  let worker: ChildProcess | undefined;
  let workerExited: Promise<void> = Promise.resolve();
  let workerGeneration = 0;
  let requestsSinceStart = 0;
  let kills = 0;
  let crashing: Promise<void> | undefined;
  let workerEnv: NodeJS.ProcessEnv = {};
  /** Set when a worker process ends without being killed by the test (a start-up failure, say). */
  let workerFailure: Error | undefined;
  const killedByTest = new Set<ChildProcess>();
  const workerLog: string[] = [];
  const killedAt: Array<{ kill: number; requests: number; servedCheckpoint: number; head: number; stalledNotifications: string[] }> = [];
  /** The served read models, read by the webhook to time the second kill. */
  let probe: ReadModelDatabase | undefined;

  function startWorker(): void {
    workerGeneration += 1;
    requestsSinceStart = 0;
    const child = spawn(process.execPath, [WORKER_MAIN], { env: workerEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const generation = workerGeneration;
    const keep = (chunk: Buffer) => {
      workerLog.push(`[worker ${generation}] ${chunk.toString('utf8')}`);
      if (workerLog.length > 200) workerLog.shift();
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    workerExited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        if (!killedByTest.has(child)) {
          workerFailure ??= new Error(`worker ${generation} exited by itself (code ${code}, signal ${signal}):\n${workerLog.join('')}`);
        }
        resolve();
      }),
    );
    worker = child;
  }

  function killWorker(): Promise<void> {
    if (worker) killedByTest.add(worker);
    worker?.kill('SIGKILL');
    return workerExited;
  }

  /**
   * The delivery jobs the dead worker had active (they are stalled: BullMQ gives them back after their lock
   * expires). Unless REAL_STALL, fast-forwards what 30–60 s after a crash leave in Redis: the dead worker's job
   * locks have expired and a stalled-check pass has marked its active jobs as stalled, so the next pass (the
   * restarted worker's, at start) moves them back to wait.
   */
  async function stalledJobsOfDeadWorker(): Promise<string[]> {
    const redis = redisConnection(redisUrl);
    try {
      const stalled = await redis.lrange(`${prefix}:${PROVIDER_NOTIFICATIONS_QUEUE}:active`, 0, -1);
      if (REAL_STALL) return stalled;
      for (const activeKey of await redis.keys(`${prefix}:*:active`)) {
        const queueKey = activeKey.slice(0, -':active'.length);
        const active = await redis.lrange(activeKey, 0, -1);
        if (active.length > 0) {
          await redis.del(...active.map((jobId) => `${queueKey}:${jobId}:lock`));
          await redis.sadd(`${queueKey}:stalled`, ...active);
        }
        await redis.del(`${queueKey}:stalled-check`);
      }
      return stalled;
    } finally {
      await redis.quit();
    }
  }

  /** Whether the webhook should see the worker die now, on this request (before it is answered). */
  function killNow(eventId: string): boolean {
    if (crashing !== undefined || kills >= KILLS) return false;
    if (kills === 0) return requestsSinceStart >= FIRST_KILL_AFTER_REQUESTS;
    const stalledOnce = killedAt[0].stalledNotifications;
    if (SAME_NOTICE) return stalledOnce.includes(notificationIdOf(eventId, PROVIDER));
    if (requestsSinceStart < SECOND_KILL_AFTER_REQUESTS) return false;
    const placeholders = stalledOnce.map(() => '?').join(', ');
    const delivered = probe!.db
      .prepare(`SELECT COUNT(*) AS n FROM notification_outbox WHERE status = 'DELIVERED' AND notification_id IN (${placeholders || "''"})`)
      .get(...stalledOnce) as { n: number };
    return delivered.n === stalledOnce.length;
  }

  async function crashAndRestart(): Promise<void> {
    const requests = requestsSinceStart;
    await killWorker();
    kills += 1;
    const checkpoint = probe!.checkpoint();
    // The job id is `<notificationId>.<round>`.
    const stalledNotifications = (await stalledJobsOfDeadWorker()).map((jobId) => jobId.slice(0, jobId.lastIndexOf('.')));
    killedAt.push({ kill: kills, requests, servedCheckpoint: checkpoint, head: await store.headPosition(), stalledNotifications });
    startWorker();
  }

  beforeAll(async () => {
    if (!existsSync(WORKER_MAIN)) {
      throw new Error(`${WORKER_MAIN} is missing: run \`npm run build\` before this test (npm test does it through "pretest").`);
    }
    const sources = Math.max(newestMtime(join(__dirname, '..', 'apps', 'worker', 'src')), newestMtime(join(__dirname, '..', 'libs')));
    if (statSync(WORKER_MAIN).mtimeMs < sources) {
      console.warn(`${WORKER_MAIN} is older than the sources of the worker: run \`npm run build\` if this test fails oddly.`);
    }

    dataDir = mkdtempSync(join(tmpdir(), 'worker-crash-e2e-'));
    const settings = {
      DATA_DIR: dataDir,
      REDIS_URL: redisUrl,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      BULLMQ_PREFIX: prefix,
      THROTTLE_REDIS_PREFIX: prefix,
      NOTIFICATION_MAX_ATTEMPTS: '8',
      NOTIFICATION_BACKOFF_MS: '50',
      // The test's callers poll; a rate limit of the api must not answer them 429.
      THROTTLE_LIMIT: '1000000',
      // The provider's hook is a local server.
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    };
    Object.assign(process.env, settings);
    workerEnv = { ...process.env, ...settings, NODE_ENV: 'test', WORKER_HEALTH_PORT: String(await freePort()) };

    webhook = await signedWebhookServer({
      delayMs: WEBHOOK_DELAY_MS,
      answer: (notice) => {
        requestsSinceStart += 1;
        if (killNow(notice.body.eventId)) {
          // Killed while this notice is received and not yet answered: it must come again, under the same key.
          crashing = crashAndRestart().finally(() => {
            crashing = undefined;
          });
        }
        return webhook.received.length % FAIL_EVERY === 0 ? 503 : undefined;
      },
    });

    api = await createApi({ clock });
    await api.listen(0);
    store = api.get(EVENT_STORE);
    const files = new ReadModelFiles(dataDir);
    probe = files.open(files.current(), PROJECTIONS);
    const principals: Record<string, Principal> = {
      buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
      provider: { sub: 'of-a-user', role: 'provider', tenant: 'ARA', providerId: PROVIDER },
      admin: { sub: 'admin-1', role: 'admin', tenant: 'ARA' },
    };
    for (const [name, principal] of Object.entries(principals)) tokens[name] = await signDevelopmentToken(principal, DEVELOPMENT_JWT_SECRET);
  });

  afterAll(async () => {
    await crashing;
    await killWorker();
    probe?.close();
    await api?.close();
    await webhook?.close();
    const redis = redisConnection(redisUrl);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const as = (who: string) => {
    const http = request(api.getHttpServer());
    const auth = (test: request.Test) => test.auth(tokens[who], { type: 'bearer' });
    return {
      get: (path: string) => auth(http.get(path)),
      post: (path: string, body: object = {}) => auth(http.post(path)).send(body),
      put: (path: string, body: object = {}) => auth(http.put(path)).send(body),
    };
  };

  it('delivers every notice (duplicates only under the same idempotency key) and ends with read models equal to a rebuild', async () => {
    const started = Date.now();
    webhook.secrets[PROVIDER] = (await as('provider').put('/providers/me/webhook', { url: webhook.url(PROVIDER) }).expect(200)).body.signingSecret;
    await certifiedProviders(as, [PROVIDER]);

    // Commands, as sent: every event of a 2xx answer must be in the log, every notice type among them delivered.
    const figures = { sent: 0, acknowledged: 0, refused: [] as string[] };
    const acknowledgedEvents: Array<{ id: string; type: string }> = [];
    const send = async (test: request.Test): Promise<request.Response> => {
      figures.sent += 1;
      const answer = await test;
      if (answer.status >= 200 && answer.status < 300) {
        figures.acknowledged += 1;
        acknowledgedEvents.push(...((answer.body.events ?? []) as Array<{ id: string; type: string }>));
      } else {
        figures.refused.push(`${answer.status} ${answer.body?.code ?? ''} ${answer.body?.detail ?? ''}`);
      }
      return answer;
    };

    async function anActiveContract(n: number): Promise<string> {
      const drafted = await send(
        as('buyer').post('/contracts', {
          title: `Parcours ${n} 2026-2029`,
          mode: 'FRAMEWORK_AGREEMENT',
          awardProcedure: { procedure: 'OPEN_TENDER' },
          cpvCode: '80530000-8',
          startDate: '2026-01-01',
          endDate: '2029-12-31',
          initialValueCents: 100_000_000,
          maximumValueCents: 200_000_000,
          singleLotJustification: 'One training domain on one territory',
        }),
      );
      expect(drafted.status).toBe(201);
      const base = `/contracts/${drafted.body.contractId}`;
      await send(
        as('buyer').post(`${base}/lots`, {
          lotId: 'LOT-1',
          title: 'Parcours numériques',
          scope: { domainCode: '31054', territoryCodes: ['69'], targetPublics: ['QPV_RESIDENTS'] },
          workUnits: [{ type: 'PATHWAY', unitPriceCents: 300_000, initialQuantity: 100, minQuantity: 5, maxQuantity: 400 }],
          maximumValueCents: 150_000_000,
        }),
      );
      await send(as('buyer').post(`${base}/clauses`, { clauseId: 'VOL-1', lotId: 'LOT-1', terms: { type: 'VOLUME', unitType: 'PATHWAY', percent: 20 } }));
      await send(as('buyer').post(`${base}/publish`));
      await send(as('buyer').post(`${base}/lots/LOT-1/award`, { providerIds: [PROVIDER], bidsReceived: 3 }));
      const activated = await send(as('buyer').post(`${base}/activate`));
      expect(activated.status).toBe(200);
      return drafted.body.contractId as string;
    }

    /** A steady mix of what concerns the provider: orders issued, adjusted both ways, closed; amendments notified. */
    async function traffic(contractId: string): Promise<void> {
      const base = `/contracts/${contractId}`;
      // At least ROUNDS rounds, and on until both kills have happened (while deliveries are still coming).
      for (let round = 0; round < MAX_ROUNDS && (round < ROUNDS || kills < KILLS); round++) {
        const order = await send(
          as('buyer').post(`${base}/orders`, {
            lotId: 'LOT-1',
            lines: [{ unitType: 'PATHWAY', quantity: 2 + round }],
            sessions: [],
            periodStart: '2026-04-01',
            periodEnd: '2026-12-31',
          }),
        );
        await sleep(60);
        if (order.status === 201) {
          const orderId = order.body.orderId as string;
          for (const delta of [1, -1]) {
            await send(
              as('buyer').post(`${base}/orders/${orderId}/adjustments`, {
                clauseId: 'VOL-1',
                reason: `Waiting list, round ${round}`,
                adjustment: { kind: 'CHANGE_QUANTITY', unitType: 'PATHWAY', delta },
              }),
            );
            await sleep(60);
          }
          if (round % 2 === 1) await send(as('buyer').post(`${base}/orders/${orderId}/close`));
        }
        if (round % 2 === 0) {
          const proposed = await send(
            as('buyer').post(`${base}/amendments`, {
              description: `Revalorisation ${round}`,
              change: { kind: 'PRICE', lotId: 'LOT-1', unitType: 'PATHWAY', newUnitPriceCents: 300_100 + round * 100 },
            }),
          );
          if (proposed.status === 201) {
            await send(as('buyer').post(`${base}/amendments/${proposed.body.amendmentId}/sign`));
            await send(as('buyer').post(`${base}/amendments/${proposed.body.amendmentId}/notify`));
          }
        }
        await sleep(ROUND_PAUSE_MS);
      }
    }

    const contracts: string[] = [];
    for (let n = 0; n < CONTRACTS; n++) contracts.push(await anActiveContract(n));
    startWorker();
    await Promise.all(contracts.map((contractId) => traffic(contractId)));

    const expected = [...new Set(acknowledgedEvents.filter((event) => NOTICE_TYPES.has(event.type)).map((event) => event.id))].sort();
    const expectedNotifications = new Set(expected.map((eventId) => notificationIdOf(eventId, PROVIDER)));

    // Bounded wait: every notification delivered (as the outbox shows) and every notice received at least once.
    const timeoutMs = REAL_STALL ? 180_000 : 30_000;
    let outbox: OutboxRow[] = [];
    try {
      await eventually(
        'every notification delivered',
        async () => {
          await crashing;
          if (workerFailure) throw workerFailure;
          const answer = await as('admin').get('/notifications?limit=1000');
          outbox = answer.body.rows as OutboxRow[];
          const dead = outbox.filter((row) => row.status === 'DEAD');
          if (dead.length > 0) throw new Error(`Dead-lettered instead of delivered: ${JSON.stringify(dead)}`);
          const delivered = outbox.filter((row) => expectedNotifications.has(row.notification_id) && row.status === 'DELIVERED').length;
          const seen = new Set(webhook.received.filter((notice) => notice.signatureValid).map((notice) => notice.body.eventId));
          return delivered === expected.length && expected.every((eventId) => seen.has(eventId)) ? true : undefined;
        },
        timeoutMs,
      );
    } catch (error) {
      const notDelivered = outbox.filter((row) => row.status !== 'DELIVERED');
      console.log(`Not delivered: ${JSON.stringify(notDelivered, null, 1)}\nWorker log (end): ${workerLog.slice(-20).join('')}`);
      throw error;
    }
    expect(kills).toBe(KILLS);

    // The worker stops for good; the served read models catch up with the head of the log (the api projects them).
    await killWorker();
    expect(workerFailure).toBeUndefined();
    const head = await store.headPosition();
    const files = new ReadModelFiles(dataDir);
    const served = files.open(files.current(), PROJECTIONS);
    await eventually('the served read models at the head of the log', async () => (served.checkpoint() === head ? true : undefined), 10_000);

    // Notices: each one signed, its idempotency key its event id; every expected event received, nothing else.
    for (const notice of webhook.received) {
      expect(notice.signatureValid).toBe(true);
      expect(notice.headers['idempotency-key']).toBe(notice.body.eventId);
      expect(notice.headers['x-notification-id']).toBe(notice.body.notificationId);
      expect(notice.body.notificationId).toBe(notificationIdOf(notice.body.eventId, PROVIDER));
    }
    const distinct = [...new Set(webhook.received.map((notice) => notice.body.eventId))].sort();
    expect(distinct).toEqual(expected);
    // The outbox holds exactly the expected notifications, all delivered.
    expect(outbox.map((row) => row.notification_id).sort()).toEqual([...expectedNotifications].sort());
    expect(outbox.filter((row) => row.status !== 'DELIVERED')).toEqual([]);
    // In the log, one delivery fact per notification (a re-sent notice records under the same command id), no dead letter.
    for (const notificationId of expectedNotifications) {
      const facts = await store.readStream(`notification-${notificationId}`);
      expect(facts.map((fact) => fact.type)).toEqual(['NotificationDelivered']);
    }

    // Every acknowledged command's events are in the log.
    const logged = new Set((await store.readAll({})).map((event) => event.id));
    expect(acknowledgedEvents.filter((event) => !logged.has(event.id))).toEqual([]);

    // The served read models, written by the api and the killed workers, equal a rebuild from position 0.
    const rebuilt = files.open(files.newGeneration(), PROJECTIONS);
    await new Projector(store, rebuilt, PROJECTIONS).catchUp();
    expect(rebuilt.checkpoint()).toBe(head);
    const servedDump = dumpReadModels(served);
    const rebuiltDump = dumpReadModels(rebuilt);
    expect(Object.keys(servedDump)).toEqual(Object.keys(rebuiltDump));
    expect(Object.keys(servedDump).length).toBeGreaterThanOrEqual(PROJECTIONS.length);
    for (const table of Object.keys(rebuiltDump)) expect({ table, rows: servedDump[table] }).toEqual({ table, rows: rebuiltDump[table] });
    const rows = Object.values(rebuiltDump).reduce((total, tableRows) => total + tableRows.length, 0);
    served.close();
    rebuilt.close();

    const duplicates = webhook.received.length - distinct.length;
    console.log(
      [
        `worker crash test (${REAL_STALL ? 'real stall timing' : 'stall wait fast-forwarded'}), ${((Date.now() - started) / 1000).toFixed(1)} s:`,
        `  commands sent ${figures.sent}, acknowledged (2xx) ${figures.acknowledged}${figures.refused.length ? `, refused: ${figures.refused.join('; ')}` : ''}`,
        `  notifications expected ${expected.length}, notices received ${webhook.received.length} (${distinct.length} distinct event ids, ${duplicates} duplicates, all under the same idempotency key)`,
        `  503 answers ${webhook.received.filter((_, i) => (i + 1) % FAIL_EVERY === 0).length}, worker kills ${kills}: ${killedAt
          .map((kill) => `#${kill.kill} at request ${kill.requests} of its process, ${kill.stalledNotifications.length} deliveries in flight (served read models at ${kill.servedCheckpoint}, log head ${kill.head})`)
          .join(', ')}`,
        `  log head ${head}; read models: ${Object.keys(rebuiltDump).length} tables, ${rows} rows, equal to the rebuild`,
      ].join('\n'),
    );
  }, REAL_STALL ? 420_000 : 90_000);
});
