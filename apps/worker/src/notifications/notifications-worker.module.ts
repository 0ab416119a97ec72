import { Module } from '@nestjs/common';
import { NotificationFacts, ProviderWebhooks } from '@app/notifications';
import { ProjectionsModule } from '@app/projections';
import { NotificationDispatcher } from './notification-dispatcher';
import { ProviderNotificationProcessor } from './provider-notification.processor';
import { ProviderNotificationQueue } from './provider-notification.queue';

/** Delivers provider notifications: from the outbox read model to the queue, from the queue to the webhooks. */
@Module({
  imports: [ProjectionsModule],
  providers: [ProviderWebhooks, NotificationFacts, ProviderNotificationQueue, NotificationDispatcher, ProviderNotificationProcessor],
})
export class NotificationsWorkerModule {}
