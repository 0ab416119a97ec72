import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStoreModule } from '@app/event-store';
import { AuthModule, CLOCK, HealthModule, LoggingModule, RedisModule, systemClock, validateEnvironment } from '@app/shared';
import { EventLogController } from './event-log/event-log.controller';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment, ignoreEnvFile: true }),
    LoggingModule,
    CqrsModule.forRoot(),
    EventStoreModule,
    RedisModule,
    AuthModule,
    HealthModule,
  ],
  controllers: [EventLogController],
  providers: [{ provide: CLOCK, useValue: systemClock }],
})
export class AppModule {}
