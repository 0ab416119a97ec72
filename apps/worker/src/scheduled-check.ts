import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Job, Queue, Worker } from 'bullmq';
import { Environment, onRedisReconnected } from '@app/shared';
import { BullmqConnections } from './bullmq-connections';
import { stopBullmq } from './stop-bullmq';

export interface CheckJobData {
  /** Who asked for the check: `schedule` for the scheduled runs, or an operator's id. */
  requestedBy: string;
}

/** A check run by the worker: its queue, how often, under which scheduler and job names, and the check itself. */
export interface CheckSchedule<Run> {
  queueName: string;
  everyMs: number;
  schedulerId: string;
  jobName: string;
  /** The owner's name, for the logs of stopping. */
  owner: string;
  /** Must be safe to run twice: a job may be retried, or asked for by hand. */
  run: (job: Job<CheckJobData, Run>) => Promise<Run>;
}

/**
 * The queue, worker and job scheduler of a check run every `everyMs` by one BullMQ job scheduler, whatever the
 * number of workers; scheduled again when Redis comes back without its data; stopped with the process.
 */
export class ScheduledCheck<Run> {
  readonly queue: Queue<CheckJobData, Run>;
  private worker?: Worker<CheckJobData, Run>;
  private readonly connections: BullmqConnections;

  constructor(
    private readonly check: CheckSchedule<Run>,
    config: ConfigService<Environment, true>,
    private readonly logger: Logger,
  ) {
    this.connections = new BullmqConnections(config);
    const connection = this.connections.open();
    this.queue = new Queue(check.queueName, { connection, prefix: this.connections.prefix });
    // Logged as the worker's are, rather than printed to the console by BullMQ.
    this.queue.on('error', (error) => this.logger.warn(`${check.queueName} queue: ${error.message}`));
    // Redis may have restarted without its data, schedule included.
    onRedisReconnected(connection, () => {
      this.schedule().catch((error: Error) => this.logger.warn(`Could not schedule ${check.queueName} again: ${error.message}`));
    });
  }

  start(): void {
    const { queueName } = this.check;
    this.worker = new Worker(queueName, (job) => this.check.run(job), { connection: this.connections.open(), prefix: this.connections.prefix });
    this.worker.on('failed', (job, error) => this.logger.error(`${queueName} ${job?.id} failed: ${error.message}`));
    // Without a listener an 'error' (Redis gone, a job lost with it) would be thrown out of the emitter.
    this.worker.on('error', (error) => this.logger.warn(`${queueName} worker: ${error.message}`));
    // Not awaited: without Redis the command waits for the connection, and the worker must start meanwhile.
    this.schedule().catch((error: Error) => this.logger.warn(`Could not schedule ${queueName}: ${error.message}`));
  }

  private async schedule(): Promise<void> {
    const { schedulerId, everyMs, jobName } = this.check;
    await this.queue.upsertJobScheduler(schedulerId, { every: everyMs }, { name: jobName, data: { requestedBy: 'schedule' } });
  }

  async stop(): Promise<void> {
    await stopBullmq(this.check.owner, { workers: [this.worker], queues: [this.queue], connections: this.connections.all });
  }
}

/**
 * A provider of the worker that runs its check on a ScheduledCheck: started once the application is up, stopped
 * at its shutdown. Its queue is where a run can be asked for, by adding a job to it.
 */
export abstract class ScheduledCheckProvider<Run> implements OnApplicationBootstrap, OnApplicationShutdown {
  protected abstract readonly scheduled: ScheduledCheck<Run>;

  get queue(): ScheduledCheck<Run>['queue'] {
    return this.scheduled.queue;
  }

  onApplicationBootstrap(): void {
    this.scheduled.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.scheduled.stop();
  }
}
