import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { NotificationOutboxRow, OutboxCursor, pendingNotificationsAfter, ReadModels } from '@app/projections';
import { ProviderNotificationJobData } from './provider-notification.job';
import { ProviderNotificationQueue } from './provider-notification.queue';

/** How often the outbox is looked at for notifications that became pending. */
export const DISPATCH_EVERY_MS = 500;
/** How often every pending row is offered to the queue again, in case Redis lost a job (also after each reconnection). */
export const SWEEP_EVERY_MS = 60_000;
const PAGE = 1000;

/**
 * Moves pending notifications from the outbox read model to the queue. It follows the rows in the order they
 * became pending (a cursor on `queued_position`), and from time to time sweeps all of them again: the job id
 * names the delivery round, so offering a job the queue still holds is a no-op. Several workers may dispatch.
 */
@Injectable()
export class NotificationDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NotificationDispatcher.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  /** The last row enqueued, in dispatch order. */
  private cursor: OutboxCursor = { position: 0, notificationId: '' };
  private lastSweep = 0;

  constructor(
    private readonly readModels: ReadModels,
    private readonly queue: ProviderNotificationQueue,
  ) {}

  onApplicationBootstrap(): void {
    // Redis may have restarted without its data: the next pass offers every pending notification again.
    this.queue.onReconnected(() => {
      this.lastSweep = 0;
    });
    // Not awaited: without Redis the first pass waits for it, and the worker must start meanwhile.
    void this.tick();
    this.timer = setInterval(() => void this.tick(), DISPATCH_EVERY_MS);
    this.timer.unref();
  }

  /** One pass at a time: a slow Redis must not pile passes up. */
  tick(): Promise<void> {
    this.running ??= this.dispatch()
      .then(() => undefined)
      .catch((error: Error) => this.logger.warn(`Dispatching notifications failed, will try again: ${error.message}`))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  /** Enqueues the notifications that became pending since the last pass (all of them on a sweep). */
  async dispatch(): Promise<number> {
    if (Date.now() - this.lastSweep >= SWEEP_EVERY_MS) {
      this.cursor = { position: 0, notificationId: '' };
      this.lastSweep = Date.now();
    }
    let enqueued = 0;
    for (;;) {
      const rows = pendingNotificationsAfter(this.readModels, this.cursor, PAGE);
      if (rows.length === 0) return enqueued;
      await this.queue.enqueue(rows.map(toJob));
      const last = rows[rows.length - 1];
      this.cursor = { position: last.queued_position, notificationId: last.notification_id };
      enqueued += rows.length;
    }
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}

function toJob(row: NotificationOutboxRow): ProviderNotificationJobData {
  return {
    notificationId: row.notification_id,
    round: row.round,
    tenant: row.tenant,
    providerId: row.provider_id,
    contractId: row.contract_id,
    eventId: row.event_id,
    eventType: row.event_type,
    streamId: row.stream_id,
    streamRevision: row.stream_revision,
    correlationId: row.correlation_id,
  };
}
