import { Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Request } from 'express';
import { NotificationCommand, NotificationFacts } from '@app/notifications';
import { Fresh, NotificationListRow, notificationOf, NotificationOutboxRow, notifications, ReadModels } from '@app/projections';
import { CommandRequests, CurrentPrincipal, NotFoundError, Principal, Roles } from '@app/shared';
import { NotificationsQueryDto } from './dto/notifications-query.dto';

export interface NotificationAnswer {
  notificationId: string;
  /** Global position of the fact written: the list shows it once its `position` has reached this one. */
  position?: number;
  events: Array<{ id: string; type: string }>;
  replayed: boolean;
}

/**
 * Notifications of providers: delivered to their webhooks by the worker, acknowledged by the provider,
 * re-opened by an administrator when dead-lettered. A provider sees its own only; another provider's
 * notification is answered as missing.
 */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly facts: NotificationFacts,
    private readonly requests: CommandRequests,
  ) {}

  @Roles('provider', 'admin', 'auditor')
  @Get()
  list(@Query() query: NotificationsQueryDto, @CurrentPrincipal() principal: Principal): Fresh<NotificationListRow[]> {
    return notifications(this.readModels, {
      tenant: principal.tenant,
      providerId: principal.role === 'provider' ? principal.providerId! : null,
      status: query.status ?? null,
      contractId: query.contractId ?? null,
      limit: query.limit ?? 100,
    });
  }

  /** The provider has the notice: closes the notification (also one not yet delivered, or dead-lettered). */
  @Roles('provider')
  @HttpCode(200)
  @Post(':notificationId/acknowledge')
  acknowledge(@Param('notificationId') notificationId: string, @Req() request: Request & { principal: Principal }): Promise<NotificationAnswer> {
    const row = this.visible(notificationId, request.principal);
    return this.send(request, (at) => ({ type: 'AcknowledgeNotification', data: { ...noticeOf(row), at } }));
  }

  /** Delivers a dead-lettered notification again, in a new round of attempts (422 for any other status). */
  @Roles('admin')
  @HttpCode(200)
  @Post(':notificationId/retry')
  retry(@Param('notificationId') notificationId: string, @Req() request: Request & { principal: Principal }): Promise<NotificationAnswer> {
    const row = this.visible(notificationId, request.principal);
    return this.send(request, (at) => ({ type: 'RetryNotification', data: { ...noticeOf(row), at } }));
  }

  private visible(notificationId: string, principal: Principal): NotificationOutboxRow {
    const row = notificationOf(this.readModels, principal.tenant, notificationId);
    if (!row || (principal.role === 'provider' && row.provider_id !== principal.providerId)) {
      throw new NotFoundError('Notification', notificationId);
    }
    return row;
  }

  private async send(request: Request & { principal: Principal }, build: (at: string) => NotificationCommand): Promise<NotificationAnswer> {
    const { context } = this.requests.from(request);
    const command = build(context.occurredAt);
    const result = await this.facts.record(command, context);
    return {
      notificationId: command.data.notificationId,
      ...(result.position === undefined ? {} : { position: result.position }),
      events: result.events.map((event) => ({ id: event.id, type: event.type })),
      replayed: result.replayed,
    };
  }
}

const noticeOf = (row: NotificationOutboxRow) => ({ notificationId: row.notification_id, eventId: row.event_id, providerId: row.provider_id });
