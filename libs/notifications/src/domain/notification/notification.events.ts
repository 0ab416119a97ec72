/** Which notice, to whom: every notification fact names it the same way. */
export interface NoticeRef {
  notificationId: string;
  /** The procurement event the provider is told about; also the Idempotency-Key of every delivery. */
  eventId: string;
  providerId: string;
}

/** The provider's webhook answered 2xx. */
export type NotificationDelivered = {
  type: 'NotificationDelivered';
  data: NoticeRef & { round: number; attempt: number; statusCode: number; deliveredAt: string };
};
/** Every attempt of a delivery round failed, or the notice cannot be delivered at all: an operator must look. */
export type NotificationDeadLettered = {
  type: 'NotificationDeadLettered';
  data: NoticeRef & { round: number; attempts: number; lastError: string; deadLetteredAt: string };
};
/** The provider confirmed it has the notice: the notification is closed. */
export type NotificationAcknowledged = {
  type: 'NotificationAcknowledged';
  data: NoticeRef & { acknowledgedAt: string };
};
/** An administrator re-opened a dead-lettered notification: a new delivery round starts. */
export type NotificationRetryRequested = {
  type: 'NotificationRetryRequested';
  data: NoticeRef & { round: number; requestedAt: string };
};

export type NotificationEvent = NotificationDelivered | NotificationDeadLettered | NotificationAcknowledged | NotificationRetryRequested;

export type NotificationStatus = 'PENDING' | 'DELIVERED' | 'DEAD' | 'ACKNOWLEDGED';

/** Notification facts live in their own stream, so a rebuild of the outbox never sends again what was delivered. */
export const notificationStream = (notificationId: string): string => `notification-${notificationId}`;
