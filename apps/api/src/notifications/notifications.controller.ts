import { Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Request } from 'express';
import { NotificationCommand, NotificationFacts } from '@app/notifications';
import { Fresh, NotificationOutboxRow, ReadModels } from '@app/projections';
import { CommandRequests, CurrentPrincipal, NotFoundError, Principal, Roles } from '@app/shared';
import { NotificationsQueryDto } from './dto/notifications-query.dto';

export interface NotificationAnswer {
  notificationId: string;
  /** Global position of the fact written: the list shows it once its `position` has reached this one. */
  position?: number;
  events: Array<{ id: string; type: string }>;
  replayed: boolean;
}

const COLUMNS = `notification_id, provider_id, contract_id, event_id, event_type, occurred_at, status, round, attempts,
  status_code, last_error, delivered_at, dead_lettered_at, acknowledged_at`;

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
  list(@Query() query: NotificationsQueryDto, @CurrentPrincipal() principal: Principal): Fresh<unknown[]> {
    const providerId = principal.role === 'provider' ? principal.providerId! : null;
    return this.readModels.query(
      `SELECT ${COLUMNS} FROM notification_outbox
       WHERE tenant = ? AND (? IS NULL OR provider_id = ?) AND (? IS NULL OR status = ?) AND (? IS NULL OR contract_id = ?)
       ORDER BY event_position DESC, notification_id LIMIT ?`,
      principal.tenant,
      providerId,
      providerId,
      query.status ?? null,
      query.status ?? null,
      query.contractId ?? null,
      query.contractId ?? null,
      query.limit ?? 100,
    );
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
    const { rows } = this.readModels.query<NotificationOutboxRow[]>(
      'SELECT * FROM notification_outbox WHERE notification_id = ? AND tenant = ?',
      notificationId,
      principal.tenant,
    );
    const row = rows[0];
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
