import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { deliveryJobIdOf } from '@app/notifications';
import { Environment, onRedisReconnected, redisConnection } from '@app/shared';
import { stopBullmq } from '../stop-bullmq';
import {
  KEEP_FINISHED_JOBS_SECONDS,
  PROVIDER_NOTIFICATIONS_QUEUE,
  ProviderNotificationJobData,
  ProviderNotificationJobResult,
} from './provider-notification.job';

/** The provider-notifications queue, with the retry policy every delivery job gets. */
@Injectable()
export class ProviderNotificationQueue implements OnApplicationShutdown {
  private readonly logger = new Logger(ProviderNotificationQueue.name);
  private readonly connection: Redis;
  readonly queue: Queue<ProviderNotificationJobData, ProviderNotificationJobResult>;
  private readonly attempts: number;
  private readonly backoffMs: number;

  constructor(@Inject(ConfigService) config: ConfigService<Environment, true>) {
    this.connection = redisConnection(config.get('REDIS_URL', { infer: true }));
    this.queue = new Queue(PROVIDER_NOTIFICATIONS_QUEUE, { connection: this.connection, prefix: config.get('BULLMQ_PREFIX', { infer: true }) });
    this.queue.on('error', (error) => this.logger.warn(`Provider notification queue: ${error.message}`));
    this.attempts = config.get('NOTIFICATION_MAX_ATTEMPTS', { infer: true });
    this.backoffMs = config.get('NOTIFICATION_BACKOFF_MS', { infer: true });
  }

  /** Called after a reconnection to Redis: the queue may have lost its jobs. */
  onReconnected(reconnected: () => void): void {
    onRedisReconnected(this.connection, reconnected);
  }

  /** Adds one job per delivery round; BullMQ ignores a job id it still holds, so adding again is harmless. */
  async enqueue(jobs: ProviderNotificationJobData[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue.addBulk(
      jobs.map((data) => ({
        name: data.eventType,
        data,
        opts: {
          jobId: deliveryJobIdOf(data.notificationId, data.round),
          attempts: this.attempts,
          backoff: { type: 'exponential', delay: this.backoffMs },
          removeOnComplete: { age: KEEP_FINISHED_JOBS_SECONDS },
          removeOnFail: { age: KEEP_FINISHED_JOBS_SECONDS },
        },
      })),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await stopBullmq(ProviderNotificationQueue.name, { queues: [this.queue], connections: [this.connection] });
  }
}
