import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { Environment, onRedisReconnected, redisConnection } from '@app/shared';
import { stopBullmq } from './stop-bullmq';

export interface DailyCheckJobData {
  /** Who asked for the check: `schedule` for the daily run, or an operator's id. */
  requestedBy: string;
}

/**
 * The queue, worker and schedule of a check run every `everyMs` by one BullMQ job scheduler, whatever the number
 * of workers. The check itself (`run`) must be safe to run twice: a job may be retried, or asked for by hand.
 */
export class DailyCheck<Run> {
  readonly queue: Queue<DailyCheckJobData, Run>;
  private worker?: Worker<DailyCheckJobData, Run>;
  private readonly connections: Redis[] = [];

  constructor(
    private readonly check: { queueName: string; everyMs: number; owner: string; run: () => Promise<Run> },
    private readonly config: ConfigService<Environment, true>,
    private readonly logger: Logger,
  ) {
    const connection = this.connection();
    this.queue = new Queue(check.queueName, { connection, prefix: this.prefix() });
    // Redis may have restarted without its data, schedule included.
    onRedisReconnected(connection, () => {
      this.schedule().catch((error: Error) => this.logger.warn(`Could not schedule ${check.queueName} again: ${error.message}`));
    });
  }

  /** A connection of its own for each BullMQ object, closed at shutdown (BullMQ leaves given ones open). */
  private connection(): Redis {
    const connection = redisConnection(this.config.get('REDIS_URL', { infer: true }));
    this.connections.push(connection);
    return connection;
  }

  private prefix(): string {
    return this.config.get('BULLMQ_PREFIX', { infer: true });
  }

  start(): void {
    const { queueName } = this.check;
    this.worker = new Worker(queueName, () => this.check.run(), { connection: this.connection(), prefix: this.prefix() });
    this.worker.on('failed', (job, error) => this.logger.error(`${queueName} ${job?.id} failed: ${error.message}`));
    this.worker.on('error', (error) => this.logger.warn(`${queueName} worker: ${error.message}`));
    // Not awaited: without Redis the command waits for the connection, and the worker must start meanwhile.
    this.schedule().catch((error: Error) => this.logger.warn(`Could not schedule ${queueName}: ${error.message}`));
  }

  private async schedule(): Promise<void> {
    await this.queue.upsertJobScheduler('daily', { every: this.check.everyMs }, { name: 'check', data: { requestedBy: 'schedule' } });
  }

  async stop(): Promise<void> {
    await stopBullmq(this.check.owner, { workers: [this.worker], queues: [this.queue], connections: this.connections });
  }
}
