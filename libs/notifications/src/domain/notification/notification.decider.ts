import { Decider, RuleViolation } from '@app/shared';
import { NoticeRef, NotificationEvent, NotificationStatus } from './notification.events';

export type RecordNotificationDelivery = {
  type: 'RecordNotificationDelivery';
  data: NoticeRef & { round: number; attempt: number; statusCode: number; at: string };
};
export type RecordNotificationDeadLetter = {
  type: 'RecordNotificationDeadLetter';
  data: NoticeRef & { round: number; attempts: number; lastError: string; at: string };
};
export type AcknowledgeNotification = { type: 'AcknowledgeNotification'; data: NoticeRef & { at: string } };
export type RetryNotification = { type: 'RetryNotification'; data: NoticeRef & { at: string } };

export type NotificationCommand = RecordNotificationDelivery | RecordNotificationDeadLetter | AcknowledgeNotification | RetryNotification;

export interface NotificationState {
  status: NotificationStatus;
  /** Delivery round: 0 at first, one more for each retry an administrator asks for. */
  round: number;
}

export const RETRY_RULE = 'Provider notification policy: only a dead-lettered notification is delivered again on request';

const ref = ({ notificationId, eventId, providerId }: NoticeRef): NoticeRef => ({ notificationId, eventId, providerId });

function decide(command: NotificationCommand, state: NotificationState): NotificationEvent[] {
  switch (command.type) {
    case 'RecordNotificationDelivery': {
      // Delivery is at least once: a second success (a retried job) adds nothing to what is known.
      if (state.status !== 'PENDING') return [];
      const { round, attempt, statusCode, at } = command.data;
      return [{ type: 'NotificationDelivered', data: { ...ref(command.data), round, attempt, statusCode, deliveredAt: at } }];
    }
    case 'RecordNotificationDeadLetter': {
      // A late report of an earlier round, or of a notice delivered meanwhile, changes nothing.
      if (state.status !== 'PENDING' || command.data.round !== state.round) return [];
      const { round, attempts, lastError, at } = command.data;
      return [{ type: 'NotificationDeadLettered', data: { ...ref(command.data), round, attempts, lastError, deadLetteredAt: at } }];
    }
    case 'AcknowledgeNotification':
      if (state.status === 'ACKNOWLEDGED') return [];
      return [{ type: 'NotificationAcknowledged', data: { ...ref(command.data), acknowledgedAt: command.data.at } }];
    case 'RetryNotification':
      if (state.status !== 'DEAD') {
        throw new RuleViolation('NOTIFICATION_NOT_DEAD_LETTERED', `A ${state.status} notification is not delivered again`, RETRY_RULE, {
          status: state.status,
        });
      }
      return [{ type: 'NotificationRetryRequested', data: { ...ref(command.data), round: state.round + 1, requestedAt: command.data.at } }];
    default: {
      const unknown: never = command;
      throw new Error(`Unknown notification command ${(unknown as { type: string }).type}`);
    }
  }
}

function evolve(state: NotificationState, event: NotificationEvent): NotificationState {
  switch (event.type) {
    case 'NotificationDelivered':
      return { ...state, status: 'DELIVERED' };
    case 'NotificationDeadLettered':
      return { ...state, status: 'DEAD' };
    case 'NotificationAcknowledged':
      return { ...state, status: 'ACKNOWLEDGED' };
    case 'NotificationRetryRequested':
      return { status: 'PENDING', round: event.data.round };
  }
}

/** The delivery state of one notice, folded from its own stream. */
export const notificationDecider: Decider<NotificationCommand, NotificationEvent, NotificationState> = {
  initialState: () => ({ status: 'PENDING', round: 0 }),
  decide,
  evolve,
};
