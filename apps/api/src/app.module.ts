import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStoreModule } from '@app/event-store';
import { EVENT_UPCASTERS } from '@app/procurement';
import { ProjectionsModule } from '@app/projections';
import { AuthModule, Clock, ClockModule, HealthModule, IdempotencyModule, LoggingModule, PersonalDataModule, RedisModule, validateEnvironment } from '@app/shared';
import { AuditModule } from './audit/audit.module';
import { CoordinationModule } from './coordination/coordination.module';
import { DeliveryModule } from './delivery/delivery.module';
import { EventLogController } from './event-log/event-log.controller';
import { NotificationsApiModule } from './notifications/notifications.module';
import { PaymentsModule } from './payments/payments.module';
import { PersonalDataApiModule } from './personal-data/personal-data.module';
import { ProcurementModule } from './procurement/procurement.module';
import { ReadModelsController } from './read-models/read-models.controller';
import { SecurityModule } from './security/security.module';
import { SessionCalendarModule } from './session-calendar/session-calendar.module';

export interface ApiOptions {
  /** The clock commands are stamped with (the system clock unless a test fixes it). */
  clock?: Clock;
}

@Module({})
export class AppModule {
  static create(options: ApiOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment, ignoreEnvFile: true }),
        ClockModule.forRoot(options.clock),
        LoggingModule,
        CqrsModule.forRoot(),
        EventStoreModule.forRoot(EVENT_UPCASTERS),
        PersonalDataModule,
        IdempotencyModule,
        RedisModule,
        // Before AuthModule: its guard (the rate limit) runs before the token check.
        SecurityModule,
        AuthModule,
        HealthModule,
        ProcurementModule,
        DeliveryModule,
        PaymentsModule,
        AuditModule,
        ProjectionsModule,
        NotificationsApiModule,
        CoordinationModule,
        SessionCalendarModule,
        PersonalDataApiModule,
      ],
      controllers: [EventLogController, ReadModelsController],
    };
  }
}
