import type { Fresh, ReadModels } from '../read-models.service';
import type { NotificationStatus } from '@app/notifications';
import type { NotificationOutboxRow } from './notification-outbox.projection';

/** Where the dispatch got to: the last row enqueued, in dispatch order. */
export interface OutboxCursor {
  position: number;
  notificationId: string;
}

/** At most `limit` pending notifications after the cursor, in the order they became pending. */
export function pendingNotificationsAfter(readModels: ReadModels, cursor: OutboxCursor, limit: number): NotificationOutboxRow[] {
  return readModels.query<NotificationOutboxRow[]>(
    `SELECT * FROM notification_outbox
     WHERE status = 'PENDING' AND (queued_position > ? OR (queued_position = ? AND notification_id > ?))
     ORDER BY queued_position, notification_id LIMIT ?`,
    cursor.position,
    cursor.position,
    cursor.notificationId,
    limit,
  ).rows;
}

/** A notification as its provider and the administrators see it. */
export type NotificationListRow = Pick<
  NotificationOutboxRow,
  | 'notification_id'
  | 'provider_id'
  | 'contract_id'
  | 'event_id'
  | 'event_type'
  | 'occurred_at'
  | 'status'
  | 'round'
  | 'attempts'
  | 'status_code'
  | 'last_error'
  | 'delivered_at'
  | 'dead_lettered_at'
  | 'acknowledged_at'
>;

/** The tenant's notifications (a provider's own when providerId is not null), the latest events first, each filter applying when given. */
export function notifications(
  readModels: ReadModels,
  scope: { tenant: string; providerId: string | null; status: NotificationStatus | null; contractId: string | null; limit: number },
): Fresh<NotificationListRow[]> {
  return readModels.query<NotificationListRow[]>(
    `SELECT notification_id, provider_id, contract_id, event_id, event_type, occurred_at, status, round, attempts,
            status_code, last_error, delivered_at, dead_lettered_at, acknowledged_at
     FROM notification_outbox
     WHERE tenant = ? AND (? IS NULL OR provider_id = ?) AND (? IS NULL OR status = ?) AND (? IS NULL OR contract_id = ?)
     ORDER BY event_position DESC, notification_id LIMIT ?`,
    scope.tenant,
    scope.providerId,
    scope.providerId,
    scope.status,
    scope.status,
    scope.contractId,
    scope.contractId,
    scope.limit,
  );
}

/** A notification of the tenant, or undefined. */
export function notificationOf(readModels: ReadModels, tenant: string, notificationId: string): NotificationOutboxRow | undefined {
  return readModels.query<NotificationOutboxRow[]>('SELECT * FROM notification_outbox WHERE notification_id = ? AND tenant = ?', notificationId, tenant).rows[0];
}
