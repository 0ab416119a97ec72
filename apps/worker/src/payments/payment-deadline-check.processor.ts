import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { dayOf, daysBetween, paymentsDecider, paymentsStream } from '@app/procurement';
import { paymentDeadlinesToWarn, ReadModels } from '@app/projections';
import { Clock, CLOCK, Environment, handleCommand, idFromName, onRedisReconnected, redisConnection, RuleViolation } from '@app/shared';
import { stopBullmq } from '../stop-bullmq';
import { PAYMENT_DEADLINE_CHECK_EVERY_MS, PAYMENT_DEADLINE_QUEUE, PaymentDeadlineCheckJobData } from './payment-deadline-check.job';

/** The actor of the warnings the worker records. */
export const PAYMENT_DEADLINE_CHECK_ACTOR = 'payment-deadline-check';

export interface PaymentDeadlineCheckRun {
  /** Requests the read model gave as due for a warning today. */
  requestsChecked: number;
  warningsRecorded: number;
}

/**
 * CCP R2192-10 and L2192-13: once a day (one job scheduler, whatever the number of workers), the buyer of every
 * tenant is warned of each payment request not paid in full whose deadline falls within
 * PAYMENT_DEADLINE_WARNING_DAYS, and again once the deadline has passed (interest then runs by right). The
 * candidates come from the payment_position read model, not from the log; each warning is a command on the
 * contract's payments stream, named after the request, its deadline and the kind of warning, so a run repeated
 * the same day, by another worker or after a restart writes nothing twice, and the decider refuses a warning
 * already given, not due, or of a period interrupted, whatever the read model said.
 */
@Injectable()
export class PaymentDeadlineCheck implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PaymentDeadlineCheck.name);
  readonly queue: Queue<PaymentDeadlineCheckJobData, PaymentDeadlineCheckRun>;
  private worker?: Worker<PaymentDeadlineCheckJobData, PaymentDeadlineCheckRun>;
  private readonly connections: Redis[] = [];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readModels: ReadModels,
    private readonly config: ConfigService<Environment, true>,
  ) {
    const connection = this.connection();
    this.queue = new Queue(PAYMENT_DEADLINE_QUEUE, { connection, prefix: this.prefix() });
    // Redis may have restarted without its data, schedule included.
    onRedisReconnected(connection, () => {
      this.schedule().catch((error: Error) => this.logger.warn(`Could not schedule the payment deadline check again: ${error.message}`));
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

  onApplicationBootstrap(): void {
    this.worker = new Worker(PAYMENT_DEADLINE_QUEUE, () => this.run(), { connection: this.connection(), prefix: this.prefix() });
    this.worker.on('failed', (job, error) => this.logger.error(`Payment deadline check ${job?.id} failed: ${error.message}`));
    this.worker.on('error', (error) => this.logger.warn(`Payment deadline check worker: ${error.message}`));
    // Not awaited: without Redis the command waits for the connection, and the worker must start meanwhile.
    this.schedule().catch((error: Error) => this.logger.warn(`Could not schedule the payment deadline check: ${error.message}`));
  }

  private async schedule(): Promise<void> {
    await this.queue.upsertJobScheduler('daily', { every: PAYMENT_DEADLINE_CHECK_EVERY_MS }, { name: 'check', data: { requestedBy: 'schedule' } });
  }

  /** Warns the buyers of every deadline within the window today, or passed, not warned of yet. */
  async run(): Promise<PaymentDeadlineCheckRun> {
    const at = this.clock.now().toISOString();
    const today = dayOf(at);
    const windowDays = this.config.get('PAYMENT_DEADLINE_WARNING_DAYS', { infer: true });
    const { rows } = paymentDeadlinesToWarn(this.readModels, today, windowDays);
    let warningsRecorded = 0;
    for (const row of rows) {
      const kind = daysBetween(today, row.due_on) < 0 ? 'PASSED' : 'APPROACHING';
      // One command per request, deadline and kind: the decider's own unit of "once".
      const commandId = idFromName('payment-deadline-warning', row.tenant, row.contract_id, row.request_id, row.due_on, kind);
      try {
        const result = await handleCommand(
          this.store,
          paymentsDecider,
          paymentsStream(row.tenant, row.contract_id),
          { type: 'WarnOfPaymentDeadline', meta: { at, actorId: PAYMENT_DEADLINE_CHECK_ACTOR }, data: { requestId: row.request_id, windowDays } },
          { actorId: PAYMENT_DEADLINE_CHECK_ACTOR, role: 'system', tenant: row.tenant, commandId, correlationId: commandId, causationId: commandId, occurredAt: at },
          { retryOnConflict: true },
        );
        if (result.events.length > 0 && !result.replayed) warningsRecorded += 1;
      } catch (error) {
        // The read model lagged behind the stream (paid, interrupted or warned meanwhile): nothing to warn of.
        if (!(error instanceof RuleViolation)) throw error;
      }
    }
    if (warningsRecorded > 0) this.logger.log(`Payment deadline check: ${warningsRecorded} warning(s) of ${rows.length} request(s) due on or before ${today} + ${windowDays} days`);
    return { requestsChecked: rows.length, warningsRecorded };
  }

  async onApplicationShutdown(): Promise<void> {
    await stopBullmq(PaymentDeadlineCheck.name, { workers: [this.worker], queues: [this.queue], connections: this.connections });
  }
}
