import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Job, Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { verifyChain } from '@app/audit';
import { ChainCheckpoints, EVENT_STORE, EventStore, IntegrityReport } from '@app/event-store';
import { Environment, onRedisReconnected, redisConnection } from '@app/shared';
import { INTEGRITY_CHECK_EVERY_MS, INTEGRITY_QUEUE, IntegrityCheckJobData } from './integrity-check.job';
import { stopBullmq } from '../stop-bullmq';

/**
 * Runs the integrity check hourly (one repeatable job, whatever the number of workers) and on demand.
 * A failed verification fails the job, so it shows in the queue's failed set with the first bad event.
 */
@Injectable()
export class IntegrityCheckProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IntegrityCheckProcessor.name);
  readonly queue: Queue<IntegrityCheckJobData, IntegrityReport>;
  private worker?: Worker<IntegrityCheckJobData, IntegrityReport>;

  private readonly connections: Redis[] = [];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly config: ConfigService<Environment, true>,
    @Optional() private readonly checkpoints?: ChainCheckpoints,
  ) {
    const connection = this.connection();
    this.queue = new Queue(INTEGRITY_QUEUE, { connection, prefix: this.prefix() });
    // Redis may have restarted without its data, schedule included.
    onRedisReconnected(connection, () => {
      this.schedule().catch((error: Error) => this.logger.warn(`Could not schedule the integrity check again: ${error.message}`));
    });
  }

  /** A connection of its own for each BullMQ object, closed at shutdown (BullMQ leaves given ones open). */
  private connection(): Redis {
    const connection = redisConnection(this.config.get('REDIS_URL', { infer: true }));
    this.connections.push(connection);
    return connection;
  }

  private prefix() {
    return this.config.get('BULLMQ_PREFIX', { infer: true });
  }

  onApplicationBootstrap(): void {
    this.worker = new Worker(INTEGRITY_QUEUE, (job) => this.process(job), { connection: this.connection(), prefix: this.prefix() });
    this.worker.on('failed', (job, error) => this.logger.error(`Integrity check ${job?.id} failed: ${error.message}`));
    // Without a listener an 'error' (Redis gone, a job lost with it) would be thrown out of the emitter.
    this.worker.on('error', (error) => this.logger.warn(`Integrity check worker: ${error.message}`));
    // Not awaited: without Redis the command waits for the connection, and the worker must start meanwhile.
    this.schedule().catch((error: Error) => this.logger.warn(`Could not schedule the integrity check: ${error.message}`));
  }

  private async schedule(): Promise<void> {
    await this.queue.upsertJobScheduler('hourly', { every: INTEGRITY_CHECK_EVERY_MS }, { name: 'verify', data: { requestedBy: 'schedule' } });
  }

  async process(job: Job<IntegrityCheckJobData>): Promise<IntegrityReport> {
    // Progress is for display only: losing it (Redis restarted meanwhile) must not become an unhandled rejection.
    const report = await verifyChain(this.store, this.checkpoints?.check(), (checked) => void job.updateProgress(checked).catch(() => undefined));
    if (!report.ok) {
      const at = report.firstFailure;
      throw new Error(
        `Integrity check failed at position ${at?.position ?? '?'} (stream ${at?.streamId ?? '?'}, revision ${at?.revision ?? '?'}): ${at?.reason}`,
      );
    }
    this.logger.log(`Integrity verified: ${report.eventsChecked} events in ${report.streamsChecked} streams`);
    return report;
  }

  async onApplicationShutdown(): Promise<void> {
    await stopBullmq(IntegrityCheckProcessor.name, { workers: [this.worker], queues: [this.queue], connections: this.connections });
  }
}
