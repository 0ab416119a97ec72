import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import Redis from 'ioredis';
import { hostname } from 'node:os';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { allowedHostsOf, deliveryJobIdOf, NotificationFacts, providerNoticeData, ProviderWebhooks } from '@app/notifications';
import { Clock, CLOCK, CommandContext, Environment, idFromName, redisConnection, systemClock } from '@app/shared';
import {
  PROVIDER_NOTIFICATIONS_QUEUE,
  ProviderNotice,
  ProviderNotificationJobData,
  ProviderNotificationJobResult,
} from './provider-notification.job';
import { postNotice, WebhookDeliveryFailed } from './webhook-client';
import { stopBullmq } from '../stop-bullmq';

/** Deliveries running at once in one worker process. */
const CONCURRENCY = 10;
/** Longest error text kept in a NotificationDeadLettered event. */
const MAX_ERROR_LENGTH = 500;

/**
 * Delivers one notice to the provider's current webhook, signed. A 2xx answer is recorded as
 * NotificationDelivered; anything else fails the attempt and BullMQ retries with exponential backoff. After
 * the last attempt, or when the notice cannot be delivered at all (no webhook, event not found), the
 * notification is recorded as NotificationDeadLettered.
 */
@Injectable()
export class ProviderNotificationProcessor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ProviderNotificationProcessor.name);
  private readonly clock: Clock;
  private readonly allowedHosts: ReadonlySet<string>;
  private connection?: Redis;
  private worker?: Worker<ProviderNotificationJobData, ProviderNotificationJobResult>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly webhooks: ProviderWebhooks,
    private readonly facts: NotificationFacts,
    @Inject(ConfigService) private readonly config: ConfigService<Environment, true>,
    @Optional() @Inject(CLOCK) clock?: Clock,
  ) {
    this.clock = clock ?? systemClock;
    this.allowedHosts = allowedHostsOf(config.get('WEBHOOK_ALLOWED_HOSTS', { infer: true }));
  }

  onApplicationBootstrap(): void {
    this.connection = redisConnection(this.config.get('REDIS_URL', { infer: true }));
    this.worker = new Worker(PROVIDER_NOTIFICATIONS_QUEUE, (job) => this.process(job), {
      connection: this.connection,
      prefix: this.config.get('BULLMQ_PREFIX', { infer: true }),
      concurrency: CONCURRENCY,
      // Recorded on each job (processedBy): shows which of the competing workers delivered it.
      name: `${hostname()}:${process.pid}`,
      // A job in flight when a worker dies counts like a failed attempt, up to the same limit, instead of
      // BullMQ's default of one stall; and it is handed back within seconds rather than a minute.
      maxStalledCount: this.config.get('NOTIFICATION_MAX_ATTEMPTS', { infer: true }),
      lockDuration: 10_000,
      stalledInterval: 5_000,
    });
    this.worker.on('failed', (job, error) => void this.onFailed(job, error));
    this.worker.on('error', (error) => this.logger.warn(`Provider notification worker: ${error.message}`));
  }

  async process(job: Job<ProviderNotificationJobData>): Promise<ProviderNotificationJobResult> {
    const attempt = job.attemptsMade + 1;
    try {
      return await this.deliver(job, attempt);
    } catch (error) {
      if (error instanceof UnrecoverableError || attempt >= (job.opts.attempts ?? 1)) {
        // Recorded before the job is marked failed, so a crash now leaves a job to retry, not a silent loss.
        await this.deadLetter(job, attempt, error as Error);
      }
      throw error;
    }
  }

  private async deliver(job: Job<ProviderNotificationJobData>, attempt: number): Promise<ProviderNotificationJobResult> {
    const data = job.data;
    const webhook = await this.webhooks.current(data.tenant, data.providerId);
    if (!webhook) throw new UnrecoverableError(`provider ${data.providerId} has no webhook registered`);
    const [event] = await this.store.readStream(data.streamId, { fromRevision: data.streamRevision, maxCount: 1 });
    if (!event || event.id !== data.eventId) {
      throw new UnrecoverableError(`event ${data.eventId} is not at revision ${data.streamRevision} of ${data.streamId}`);
    }
    // What the provider may see of the event, never the event as recorded.
    const seen = providerNoticeData(event);
    if (!seen) throw new UnrecoverableError(`${event.type} is not a fact providers are told about`);
    const notice: ProviderNotice = {
      notificationId: data.notificationId,
      eventId: event.id,
      type: event.type,
      contractId: data.contractId,
      occurredAt: event.metadata.occurredAt,
      data: seen,
    };
    const now = this.clock.now();
    let statusCode: number;
    try {
      statusCode = await postNotice(webhook.url, this.webhooks.secretOf(webhook), notice, now, this.allowedHosts);
    } catch (error) {
      // The detail (a refused address, a closed port) is the operator's; the provider sees the generic message.
      if (error instanceof WebhookDeliveryFailed && error.detail !== error.message) {
        this.logger.warn(`Notification ${data.notificationId} to ${webhook.url}: ${error.detail}`);
      }
      throw error;
    }
    await this.facts.record(
      {
        type: 'RecordNotificationDelivery',
        data: { ...this.noticeOf(data), round: data.round, attempt, statusCode, at: now.toISOString() },
      },
      this.systemContext(data, 'delivered', now),
    );
    return { statusCode };
  }

  /** Also called when BullMQ gives a job up without the processor seeing its last attempt (a stalled job). */
  private async onFailed(job: Job<ProviderNotificationJobData> | undefined, error: Error): Promise<void> {
    if (!job) return;
    this.logger.warn(`Notification ${job.data.notificationId} attempt ${job.attemptsMade} failed: ${error.message}`);
    try {
      if (await job.isFailed()) await this.deadLetter(job, job.attemptsMade, error);
    } catch (failure) {
      this.logger.error(`Could not check job ${job.id}: ${(failure as Error).message}`);
    }
  }

  private async deadLetter(job: Job<ProviderNotificationJobData>, attempts: number, error: Error): Promise<void> {
    const data = job.data;
    const now = this.clock.now();
    try {
      // The command id names the round, so the processor and the 'failed' listener record it once between them.
      await this.facts.record(
        {
          type: 'RecordNotificationDeadLetter',
          data: { ...this.noticeOf(data), round: data.round, attempts, lastError: error.message.slice(0, MAX_ERROR_LENGTH), at: now.toISOString() },
        },
        this.systemContext(data, 'dead-lettered', now),
      );
    } catch (failure) {
      this.logger.error(`Could not dead-letter notification ${data.notificationId}: ${(failure as Error).message}`);
    }
  }

  private noticeOf({ notificationId, eventId, providerId }: ProviderNotificationJobData) {
    return { notificationId, eventId, providerId };
  }

  /** The worker acts as the system, for the tenant of the notice, caused by the event it delivers. */
  private systemContext(data: ProviderNotificationJobData, outcome: string, now: Date): CommandContext {
    const commandId = idFromName('notification', outcome, deliveryJobIdOf(data.notificationId, data.round));
    return {
      actorId: 'notification-worker',
      role: 'system',
      tenant: data.tenant,
      commandId,
      correlationId: data.correlationId,
      causationId: data.eventId,
      occurredAt: now.toISOString(),
    };
  }

  async onModuleDestroy(): Promise<void> {
    if (this.connection) await stopBullmq(ProviderNotificationProcessor.name, { workers: [this.worker], connections: [this.connection] });
  }
}
