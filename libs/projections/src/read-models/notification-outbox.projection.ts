import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type {
  NotificationAcknowledged,
  NotificationDeadLettered,
  NotificationDelivered,
  NotificationRetryRequested,
  NotificationStatus,
  ProviderWebhookRegistered,
} from '@app/notifications';
// The notices alone: the library's index brings the framework and the stores with it.
import { notificationIdOf, ORDER_NOTICE_TYPES, PROVIDER_NOTICE_EVENT_TYPES } from '@app/notifications/domain/notification/provider-notices';
import type { AmendmentNotified } from '@app/procurement/domain/amendment/amendment.events';
import type { QualiopiCertificateExpired } from '@app/procurement/domain/qualiopi-expiry/qualiopi-expiry.events';
import { contractIdOf, dataOf, DomainEventType, Projection } from '../projection';
import { buffered, TableShape } from '../sqlite/buffered-table';
import { prepared } from '../sqlite/prepared';
import { memberIdsIn, placementOf } from './delivery-mapping';

/** One notice to deliver to one provider, and where its delivery stands. */
export interface NotificationOutboxRow {
  notification_id: string;
  tenant: string;
  provider_id: string;
  contract_id: string;
  event_id: string;
  event_type: string;
  /** Where the worker reads exactly the event it sends. */
  stream_id: string;
  stream_revision: number;
  event_position: number;
  correlation_id: string;
  occurred_at: string;
  status: NotificationStatus;
  /** Global position of the fact that made the row pending (its event, or the retry request): the dispatch order. */
  queued_position: number;
  round: number;
  attempts: number;
  status_code: number | null;
  last_error: string | null;
  delivered_at: string | null;
  dead_lettered_at: string | null;
  acknowledged_at: string | null;
}

interface WebhookRow {
  tenant: string;
  provider_id: string;
  url: string;
  registration_id: string;
  registered_at: string;
}

const WEBHOOKS: TableShape<WebhookRow> = {
  table: 'notification_webhooks',
  // By provider first: most providers have none, which is then known without the event's tenant (its metadata).
  key: ['provider_id', 'tenant'],
  columns: ['provider_id', 'tenant', 'url', 'registration_id', 'registered_at'],
  partitionBy: 1,
};

const NOTIFICATION_FACTS: DomainEventType[] = ['NotificationDelivered', 'NotificationDeadLettered', 'NotificationAcknowledged', 'NotificationRetryRequested'];

/**
 * The outbox of provider notifications, derived from the log (the log is the outbox): a row per notice and
 * provider, for providers with a webhook registered when the fact happened, its status following the
 * notification facts (written by the worker, the provider and administrators), so a rebuild ends where the
 * live read model is and never sends again what was delivered.
 */
export const notificationOutboxProjection: Projection = {
  name: 'notification_outbox',
  version: 2,
  schema: `
    CREATE TABLE notification_outbox (
      notification_id TEXT PRIMARY KEY,
      tenant TEXT NOT NULL,
      provider_id TEXT NOT NULL,
      contract_id TEXT NOT NULL,
      event_id TEXT NOT NULL,
      event_type TEXT NOT NULL,
      stream_id TEXT NOT NULL,
      stream_revision INTEGER NOT NULL,
      event_position INTEGER NOT NULL,
      correlation_id TEXT NOT NULL,
      occurred_at TEXT NOT NULL,
      status TEXT NOT NULL,
      queued_position INTEGER NOT NULL,
      round INTEGER NOT NULL DEFAULT 0,
      attempts INTEGER NOT NULL DEFAULT 0,
      status_code INTEGER,
      last_error TEXT,
      delivered_at TEXT,
      dead_lettered_at TEXT,
      acknowledged_at TEXT
    );
    CREATE INDEX notification_outbox_queue ON notification_outbox (status, queued_position, notification_id);
    CREATE INDEX notification_outbox_provider ON notification_outbox (tenant, provider_id, event_position);
    CREATE TABLE notification_webhooks (
      tenant TEXT NOT NULL,
      provider_id TEXT NOT NULL,
      url TEXT NOT NULL,
      registration_id TEXT NOT NULL,
      registered_at TEXT NOT NULL,
      PRIMARY KEY (tenant, provider_id)
    );`,
  handles: new Set<DomainEventType>([
    'ProviderWebhookRegistered',
    ...PROVIDER_NOTICE_EVENT_TYPES,
    ...NOTIFICATION_FACTS,
  ]),
  apply(db: Database.Database, event: RecordedEvent): void {
    switch (event.type) {
      case 'ProviderWebhookRegistered': {
        const { tenant, providerId, url, registrationId, registeredAt } = dataOf<ProviderWebhookRegistered>(event);
        buffered(db, WEBHOOKS).save({ tenant, provider_id: providerId, url, registration_id: registrationId, registered_at: registeredAt });
        return;
      }
      case 'AmendmentNotified':
        return addNotices(db, event, dataOf<AmendmentNotified>(event).providerIds);
      case 'QualiopiCertificateExpired':
        return addNotices(db, event, [dataOf<QualiopiCertificateExpired>(event).providerId]);
      case 'NotificationDelivered': {
        const { notificationId, attempt, statusCode, deliveredAt } = dataOf<NotificationDelivered>(event);
        prepared(
          db,
          `UPDATE notification_outbox SET status = 'DELIVERED', attempts = ?, status_code = ?, last_error = NULL, delivered_at = ?
           WHERE notification_id = ?`,
        ).run(attempt, statusCode, deliveredAt, notificationId);
        return;
      }
      case 'NotificationDeadLettered': {
        const { notificationId, attempts, lastError, deadLetteredAt } = dataOf<NotificationDeadLettered>(event);
        prepared(
          db,
          `UPDATE notification_outbox SET status = 'DEAD', attempts = ?, last_error = ?, dead_lettered_at = ? WHERE notification_id = ?`,
        ).run(attempts, lastError, deadLetteredAt, notificationId);
        return;
      }
      case 'NotificationAcknowledged': {
        const { notificationId, acknowledgedAt } = dataOf<NotificationAcknowledged>(event);
        prepared(db, `UPDATE notification_outbox SET status = 'ACKNOWLEDGED', acknowledged_at = ? WHERE notification_id = ?`).run(
          acknowledgedAt,
          notificationId,
        );
        return;
      }
      case 'NotificationRetryRequested': {
        const { notificationId, round } = dataOf<NotificationRetryRequested>(event);
        prepared(
          db,
          `UPDATE notification_outbox SET status = 'PENDING', queued_position = ?, round = ?, attempts = 0 WHERE notification_id = ?`,
        ).run(event.position, round, notificationId);
        return;
      }
      default:
        if (ORDER_NOTICE_TYPES.has(event.type)) return orderNotice(db, event);
    }
  },
};


/** An order's facts concern the providers performing its lot at the time. */
function orderNotice(db: Database.Database, event: RecordedEvent): void {
  const contractId = contractIdOf(event);
  const { orderId } = event.data as { orderId: string };
  const placement = placementOf(db, contractId, orderId);
  addNotices(db, event, placement ? memberIdsIn(placement) : []);
}

/**
 * A pending notification per provider that has a webhook: a provider without one reads its inbox instead, and
 * registering later does not replay the past at it.
 */
function addNotices(db: Database.Database, event: RecordedEvent, providerIds: string[]): void {
  const webhooks = buffered(db, WEBHOOKS);
  const registered = [...new Set(providerIds)].filter((providerId) => webhooks.rowsIn(providerId).length > 0);
  if (registered.length === 0) return;
  const tenant = event.metadata.tenant;
  const insert = prepared(
    db,
    `INSERT OR IGNORE INTO notification_outbox (notification_id, tenant, provider_id, contract_id, event_id, event_type, stream_id,
       stream_revision, event_position, correlation_id, occurred_at, status, queued_position)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)`,
  );
  for (const providerId of registered) {
    if (!webhooks.get(providerId, tenant)) continue;
    insert.run(
      notificationIdOf(event.id, providerId),
      tenant,
      providerId,
      contractIdOf(event),
      event.id,
      event.type,
      event.streamId,
      event.revision,
      event.position,
      event.metadata.correlationId,
      event.metadata.occurredAt,
      event.position,
    );
  }
}
