import { ConfigService } from '@nestjs/config';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEventStore, EventData } from '@app/event-store';
import { aMetadata } from '@app/event-store/testing/event-store.contract';
import { activeContract, CONTRACT_ID, meta, recorded } from '@app/procurement/domain/testing/fixtures';
import { Projector, PROJECTIONS, ReadModelFiles, ReadModels } from '@app/projections';
import { Environment, FixedClock, idFromName, validateEnvironment } from '@app/shared';
import { AdjustmentLoop } from './adjustment-loop/adjustment-loop.processor';
import { Queue } from 'bullmq';
import { ADJUSTMENT_LOOP_EVERY_MS, adjustmentLoopJobId } from './adjustment-loop/adjustment-loop.job';
import { INTEGRITY_CHECK_EVERY_MS } from './integrity/integrity-check.job';
import { IntegrityCheckProcessor } from './integrity/integrity-check.processor';
import { PAYMENT_DEADLINE_CHECK_EVERY_MS } from './payments/payment-deadline-check.job';
import { PaymentDeadlineCheck } from './payments/payment-deadline-check.processor';
import { OwnRedisServer, until } from './testing/own-redis-server';

/**
 * Redis restarted without its data loses the worker's queued runs and its job schedulers too. Once reconnected,
 * the worker schedules the hourly integrity check and the daily payment deadline check again, and the adjustment
 * loop offers again the run of each contract with a policy (it remembers which runs it has dispatched: that
 * memory must not outlive Redis's).
 */
/** How often the scheduler `key` runs, or undefined when Redis holds no such scheduler (getJobScheduler answers an object for any key with a colon). */
async function everyOf(queue: Queue, key: string): Promise<number | undefined> {
  const schedulers = await queue.getJobSchedulers();
  return schedulers.find((scheduler) => scheduler.key === key)?.every;
}

describe('the worker schedules after Redis lost its data', () => {
  let folder: string;
  let redis: OwnRedisServer;
  let store: EmbeddedEventStore;
  let readModels: ReadModels;
  let loop: AdjustmentLoop;
  let integrity: IntegrityCheckProcessor;
  let paymentDeadlines: PaymentDeadlineCheck;
  let statePosition = 0;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'schedules-redis-restart-'));
    redis = await OwnRedisServer.start(folder);

    // An active contract with an adjustment policy: the loop has a run to dispatch for it.
    store = EmbeddedEventStore.open({ file: join(folder, 'events.db') });
    const history = recorded(activeContract(), {
      type: 'ConfigureAdjustmentPolicy',
      meta: meta('2026-03-01T09:00:00.000Z'),
      data: { waitingListThreshold: 5, highFillRatePercent: 90, lowFillRatePercent: 50 },
    });
    for (const [index, event] of history.entries()) {
      const appended = await store.appendToStream(
        `contract-${CONTRACT_ID}`,
        [{ id: idFromName('schedules-fixture', String(index)), type: event.type, data: event.data as EventData, metadata: aMetadata() }],
        { expectedRevision: index === 0 ? 'no_stream' : index - 1 },
      );
      statePosition = appended.position;
    }
    const files = new ReadModelFiles(folder);
    const served = files.open(files.current(), PROJECTIONS);
    await new Projector(store, served, PROJECTIONS).catchUp();
    served.close();

    const config = new ConfigService<Environment, true>(validateEnvironment({ DATA_DIR: folder, REDIS_URL: redis.url, BULLMQ_PREFIX: 'schedules-test' }));
    readModels = new ReadModels(config);
    loop = new AdjustmentLoop(store, new FixedClock(new Date('2026-03-02T09:00:00.000Z')), readModels, config);
    integrity = new IntegrityCheckProcessor(store, config);
    paymentDeadlines = new PaymentDeadlineCheck(store, new FixedClock(new Date('2026-03-02T09:00:00.000Z')), readModels, config);
  });

  afterAll(async () => {
    await loop?.onApplicationShutdown();
    await integrity?.onApplicationShutdown();
    await paymentDeadlines?.onApplicationShutdown();
    readModels?.onApplicationShutdown();
    await store?.close();
    redis?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('schedules the integrity and payment deadline checks and offers the adjustment runs again once Redis is back', async () => {
    const runId = adjustmentLoopJobId(CONTRACT_ID, statePosition);
    // The loop's dispatch pass is called by hand: its processor is not started, so the run stays queued.
    await loop.dispatch();
    integrity.onApplicationBootstrap();
    paymentDeadlines.onApplicationBootstrap();
    expect(await loop.queue.getJob(runId)).toBeDefined();
    expect(await everyOf(loop.queue, `contract:${CONTRACT_ID}`)).toBe(ADJUSTMENT_LOOP_EVERY_MS);
    await until('the hourly integrity check to be scheduled', async () => (await everyOf(integrity.queue, 'hourly')) === INTEGRITY_CHECK_EVERY_MS);
    await until('the daily payment deadline check to be scheduled', async () => (await everyOf(paymentDeadlines.queue, 'daily')) === PAYMENT_DEADLINE_CHECK_EVERY_MS);

    const before = await redis.runId();
    await redis.restartEmpty();
    // Another server, started empty (the worker's connections may already be writing to it again).
    expect(await redis.runId()).not.toBe(before);

    await until('the hourly integrity check to be scheduled again', async () => (await everyOf(integrity.queue, 'hourly')) === INTEGRITY_CHECK_EVERY_MS);
    await until('the daily payment deadline check to be scheduled again', async () => (await everyOf(paymentDeadlines.queue, 'daily')) === PAYMENT_DEADLINE_CHECK_EVERY_MS);
    await until('the adjustment run to be queued again', async () => {
      await loop.dispatch();
      return (await loop.queue.getJob(runId)) !== undefined;
    });
    expect(await everyOf(loop.queue, `contract:${CONTRACT_ID}`)).toBe(ADJUSTMENT_LOOP_EVERY_MS);
  });
});
