import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import {
  AMENDMENT_NOTICE_TYPES,
  notificationIdOf,
  ORDER_NOTICE_TYPES,
  type NotificationAcknowledged,
  type NotificationDeadLettered,
  type NotificationDelivered,
  type NotificationRetryRequested,
  type NotificationStatus,
  type ProviderWebhookRegistered,
} from '@app/notifications';
import type { AmendmentCameIntoForce, AmendmentNotified } from '@app/procurement/domain/amendment/amendment.events';
import type { LotAwarded } from '@app/procurement/domain/lot/lot.events';
import type { OrderIssued } from '@app/procurement/domain/order/order.events';
import { awardeeProviderIds } from '@app/procurement/domain/terms/procurement-terms';
import { contractIdOf, dataOf, Projection } from '../projection';
import { prepared } from '../sqlite/prepared';

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

const NOTIFICATION_FACTS = ['NotificationDelivered', 'NotificationDeadLettered', 'NotificationAcknowledged', 'NotificationRetryRequested'];

/**
 * The outbox of provider notifications, derived from the log (the log is the outbox): a row per notice and
 * provider, for providers with a webhook registered when the fact happened, its status following the
 * notification facts (written by the worker, the provider and administrators), so a rebuild ends where the
 * live read model is and never sends again what was delivered.
 */
export const notificationOutboxProjection: Projection = {
  name: 'notification_outbox',
  version: 1,
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
    CREATE TABLE notification_lot_providers (
      contract_id TEXT NOT NULL,
      lot_id TEXT NOT NULL,
      provider_id TEXT NOT NULL,
      PRIMARY KEY (contract_id, lot_id, provider_id)
    );
    CREATE TABLE notification_order_lots (
      contract_id TEXT NOT NULL,
      order_id TEXT NOT NULL,
      lot_id TEXT NOT NULL,
      PRIMARY KEY (contract_id, order_id)
    );
    CREATE TABLE notification_webhooks (
      tenant TEXT NOT NULL,
      provider_id TEXT NOT NULL,
      url TEXT NOT NULL,
      registration_id TEXT NOT NULL,
      registered_at TEXT NOT NULL,
      PRIMARY KEY (tenant, provider_id)
    );`,
  handles: new Set([
    'LotAwarded',
    'AmendmentCameIntoForce',
    'ProviderWebhookRegistered',
    ...AMENDMENT_NOTICE_TYPES,
    ...ORDER_NOTICE_TYPES,
    ...NOTIFICATION_FACTS,
  ]),
  apply(db: Database.Database, event: RecordedEvent): void {
    switch (event.type) {
      case 'LotAwarded': {
        const { lotId, awardee } = dataOf<LotAwarded>(event);
        return setLotProviders(db, contractIdOf(event), lotId, awardeeProviderIds(awardee));
      }
      case 'AmendmentCameIntoForce': {
        const { change } = dataOf<AmendmentCameIntoForce>(event);
        if (change.kind === 'CONTRACTOR_CHANGE') setLotProviders(db, contractIdOf(event), change.lotId, awardeeProviderIds(change.awardee));
        return;
      }
      case 'ProviderWebhookRegistered': {
        const { tenant, providerId, url, registrationId, registeredAt } = dataOf<ProviderWebhookRegistered>(event);
        prepared(
          db,
          `INSERT OR REPLACE INTO notification_webhooks (tenant, provider_id, url, registration_id, registered_at) VALUES (?, ?, ?, ?, ?)`,
        ).run(tenant, providerId, url, registrationId, registeredAt);
        return;
      }
      case 'AmendmentNotified':
        return addNotices(db, event, dataOf<AmendmentNotified>(event).providerIds);
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


function setLotProviders(db: Database.Database, contractId: string, lotId: string, providerIds: string[]): void {
  prepared(db, 'DELETE FROM notification_lot_providers WHERE contract_id = ? AND lot_id = ?').run(contractId, lotId);
  const insert = prepared(db, 'INSERT OR IGNORE INTO notification_lot_providers (contract_id, lot_id, provider_id) VALUES (?, ?, ?)');
  for (const providerId of providerIds) insert.run(contractId, lotId, providerId);
}

/** An order's facts concern the providers performing its lot at the time. */
function orderNotice(db: Database.Database, event: RecordedEvent): void {
  const contractId = contractIdOf(event);
  const { orderId } = event.data as { orderId: string };
  if (event.type === 'OrderIssued') {
    prepared(db, 'INSERT OR REPLACE INTO notification_order_lots (contract_id, order_id, lot_id) VALUES (?, ?, ?)').run(
      contractId,
      orderId,
      dataOf<OrderIssued>(event).lotId,
    );
  }
  const providers = prepared(
    db,
    `SELECT p.provider_id FROM notification_order_lots o
     JOIN notification_lot_providers p ON p.contract_id = o.contract_id AND p.lot_id = o.lot_id
     WHERE o.contract_id = ? AND o.order_id = ? ORDER BY p.provider_id`,
  ).all(contractId, orderId) as Array<{ provider_id: string }>;
  addNotices(
    db,
    event,
    providers.map((row) => row.provider_id),
  );
}

/**
 * A pending notification per provider that has a webhook: a provider without one reads its inbox instead, and
 * registering later does not replay the past at it.
 */
function addNotices(db: Database.Database, event: RecordedEvent, providerIds: string[]): void {
  const tenant = event.metadata.tenant;
  const hasWebhook = prepared(db, 'SELECT 1 FROM notification_webhooks WHERE tenant = ? AND provider_id = ?');
  const insert = prepared(
    db,
    `INSERT OR IGNORE INTO notification_outbox (notification_id, tenant, provider_id, contract_id, event_id, event_type, stream_id,
       stream_revision, event_position, correlation_id, occurred_at, status, queued_position)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)`,
  );
  for (const providerId of new Set(providerIds)) {
    if (!hasWebhook.get(tenant, providerId)) continue;
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
