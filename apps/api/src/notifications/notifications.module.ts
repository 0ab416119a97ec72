import { Module } from '@nestjs/common';
import { NotificationFacts, ProviderWebhooks } from '@app/notifications';
import { ProjectionsModule } from '@app/projections';
import { CommandRequests } from '@app/shared';
import { NotificationsController } from './notifications.controller';
import { ProviderWebhookController } from './provider-webhook.controller';

/** Providers' webhooks and the notifications delivered to them, as the api shows and changes them. */
@Module({
  imports: [ProjectionsModule],
  controllers: [ProviderWebhookController, NotificationsController],
  providers: [ProviderWebhooks, NotificationFacts, CommandRequests],
})
export class NotificationsApiModule {}
