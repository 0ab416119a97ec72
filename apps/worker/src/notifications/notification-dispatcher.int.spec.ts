import { ConfigService } from '@nestjs/config';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEventStore, EventData } from '@app/event-store';
import { aMetadata } from '@app/event-store/testing/event-store.contract';
import { providerStream } from '@app/notifications';
import { activeContract, CONTRACT_ID, orderPathways, PATHWAY_PROVIDER, recorded } from '@app/procurement/domain/testing/fixtures';
import { Projector, PROJECTIONS, ReadModelFiles, ReadModels } from '@app/projections';
import { Environment, idFromName, validateEnvironment } from '@app/shared';
import { OwnRedisServer, until } from '../testing/own-redis-server';
import { NotificationDispatcher } from './notification-dispatcher';
import { PROVIDER_NOTIFICATIONS_QUEUE } from './provider-notification.job';
import { ProviderNotificationQueue } from './provider-notification.queue';

/**
 * Redis restarted without its data (no persistence, or a failover to an empty replica) loses every queued
 * delivery job. The outbox still holds the notifications as pending: the dispatcher offers them all again as
 * soon as it is connected again, not at its next periodic sweep (a minute later).
 */

const ORDERS = 3;

describe('the notification dispatcher after Redis lost its data', () => {
  let folder: string;
  let redis: OwnRedisServer;
  let store: EmbeddedEventStore;
  let queue: ProviderNotificationQueue;
  let readModels: ReadModels;
  let dispatcher: NotificationDispatcher;

  const waiting = () => redis.probe.llen(`dispatch-test:${PROVIDER_NOTIFICATIONS_QUEUE}:wait`);

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'dispatcher-redis-restart-'));
    redis = await OwnRedisServer.start(folder);

    // A provider with a webhook and three orders for it: three pending notifications in the outbox.
    store = EmbeddedEventStore.open({ file: join(folder, 'events.db') });
    const webhook = { providerId: PATHWAY_PROVIDER, tenant: 'ARA', url: 'https://provider.example/hook', registrationId: 'reg-1', registeredAt: '2026-01-02T00:00:00.000Z' };
    await store.appendToStream(providerStream('ARA', PATHWAY_PROVIDER), [{ id: idFromName('webhook'), type: 'ProviderWebhookRegistered', data: webhook, metadata: aMetadata({ role: 'provider' }) }], {
      expectedRevision: 'no_stream',
    });
    const history = recorded(activeContract(), ...Array.from({ length: ORDERS }, (_, n) => orderPathways(`order-${n}`, 10)));
    for (const [index, event] of history.entries()) {
      await store.appendToStream(`contract-${CONTRACT_ID}`, [{ id: idFromName('dispatch-fixture', String(index)), type: event.type, data: event.data as EventData, metadata: aMetadata() }], {
        expectedRevision: index === 0 ? 'no_stream' : index - 1,
      });
    }
    const files = new ReadModelFiles(folder);
    const served = files.open(files.current(), PROJECTIONS);
    await new Projector(store, served, PROJECTIONS).catchUp();
    served.close();

    const config = new ConfigService<Environment, true>(
      validateEnvironment({ DATA_DIR: folder, REDIS_URL: redis.url, BULLMQ_PREFIX: 'dispatch-test', NOTIFICATION_BACKOFF_MS: '100' }),
    );
    readModels = new ReadModels(config);
    queue = new ProviderNotificationQueue(config);
    dispatcher = new NotificationDispatcher(readModels, queue);
  });

  afterAll(async () => {
    await dispatcher?.onModuleDestroy();
    await queue?.onApplicationShutdown();
    readModels?.onApplicationShutdown();
    await store?.close();
    redis?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('offers every pending notification again once Redis is back, without waiting for the periodic sweep', async () => {
    dispatcher.onApplicationBootstrap();
    // The first pass, started by the bootstrap.
    await dispatcher.tick();
    expect(await waiting()).toBe(ORDERS);

    await redis.restartEmpty();
    expect(await waiting()).toBe(0);

    // The queue's connection comes back; the next pass (every 500 ms) enqueues the pending notifications again.
    await until('the jobs to be queued again', async () => (await waiting()) === ORDERS);
    const jobIds = await redis.probe.lrange(`dispatch-test:${PROVIDER_NOTIFICATIONS_QUEUE}:wait`, 0, -1);
    expect(new Set(jobIds).size).toBe(ORDERS);
  });
});
