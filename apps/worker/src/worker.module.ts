import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { EventStoreModule } from '@app/event-store';
import { ProjectionsModule } from '@app/projections';
import { HealthModule, LoggingModule, RedisModule, validateEnvironment } from '@app/shared';
import { IntegrityCheckProcessor } from './integrity/integrity-check.processor';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment, ignoreEnvFile: true }),
    LoggingModule,
    EventStoreModule,
    RedisModule,
    HealthModule,
    ProjectionsModule,
  ],
  providers: [IntegrityCheckProcessor],
})
export class WorkerModule {}
