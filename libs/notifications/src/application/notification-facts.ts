import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { CommandContext, CommandResult, handleCommand } from '@app/shared';
import { NotificationCommand, notificationDecider } from '../domain/notification/notification.decider';
import { NotificationEvent, notificationStream } from '../domain/notification/notification.events';

/**
 * Records what happened to a notification (delivered, dead-lettered, acknowledged, re-opened) in its own
 * stream, through the one command path. Concurrent writers (a worker and the provider) may race: the outcome
 * of these commands does not depend on what the caller saw, so one conflict is decided again.
 */
@Injectable()
export class NotificationFacts {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  record(command: NotificationCommand, context: CommandContext): Promise<CommandResult<NotificationEvent>> {
    return handleCommand(this.store, notificationDecider, notificationStream(command.data.notificationId), command, context, {
      retryOnConflict: true,
    });
  }
}
