import { specify } from '@app/shared/testing/decider-specification';
import { NotificationCommand, notificationDecider } from './notification.decider';
import { NotificationEvent } from './notification.events';

const notice = { notificationId: 'evt-1.of-a', eventId: 'evt-1', providerId: 'of-a' };
const at = '2026-03-02T09:00:05.000Z';

const deliver = (round = 0, attempt = 1): NotificationCommand => ({ type: 'RecordNotificationDelivery', data: { ...notice, round, attempt, statusCode: 204, at } });
const deadLetter = (round = 0): NotificationCommand => ({
  type: 'RecordNotificationDeadLetter',
  data: { ...notice, round, attempts: 8, lastError: 'webhook answered HTTP 500', at },
});
const acknowledge: NotificationCommand = { type: 'AcknowledgeNotification', data: { ...notice, at } };
const retry: NotificationCommand = { type: 'RetryNotification', data: { ...notice, at } };

const delivered = (round = 0): NotificationEvent => ({ type: 'NotificationDelivered', data: { ...notice, round, attempt: 1, statusCode: 204, deliveredAt: at } });
const dead = (round = 0): NotificationEvent => ({
  type: 'NotificationDeadLettered',
  data: { ...notice, round, attempts: 8, lastError: 'webhook answered HTTP 500', deadLetteredAt: at },
});
const acknowledged: NotificationEvent = { type: 'NotificationAcknowledged', data: { ...notice, acknowledgedAt: at } };
const retried = (round: number): NotificationEvent => ({ type: 'NotificationRetryRequested', data: { ...notice, round, requestedAt: at } });

describe('a provider notification', () => {
  const notification = specify(notificationDecider);

  it('records the first successful delivery, with the attempt that made it', () => {
    notification.given([]).when(deliver(0, 3)).then([
      { type: 'NotificationDelivered', data: { ...notice, round: 0, attempt: 3, statusCode: 204, deliveredAt: at } },
    ]);
  });

  it('adds nothing when a notice is delivered again (delivery is at least once)', () => {
    notification.given([delivered()]).when(deliver(0, 2)).then([]);
    notification.given([delivered(), acknowledged]).when(deliver()).then([]);
  });

  it('dead-letters a pending notification whose delivery round is exhausted', () => {
    notification.given([]).when(deadLetter()).then([dead()]);
  });

  it('ignores a dead letter of an earlier round, or of a notice delivered meanwhile', () => {
    notification.given([dead(0), retried(1)]).when(deadLetter(0)).then([]);
    notification.given([delivered()]).when(deadLetter()).then([]);
  });

  it('is closed by the provider’s acknowledgement, once', () => {
    notification.given([delivered()]).when(acknowledge).then([acknowledged]);
    notification.given([delivered(), acknowledged]).when(acknowledge).then([]);
  });

  it('starts a new delivery round when an administrator retries a dead-lettered notification', () => {
    notification.given([dead()]).when(retry).then([retried(1)]);
    notification.given([dead(), retried(1), dead(1)]).when(retry).then([retried(2)]);
    expect(notification.given([dead(), retried(1)]).state).toEqual({ status: 'PENDING', round: 1 });
  });

  it.each([
    ['pending', []],
    ['delivered', [delivered()]],
    ['acknowledged', [delivered(), acknowledged]],
  ] as Array<[string, NotificationEvent[]]>)('refuses to retry a %s notification', (_, history) => {
    notification.given(history).when(retry).thenRefuses('NOTIFICATION_NOT_DEAD_LETTERED');
  });
});
