import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { EventStoreModule } from '@app/event-store';
import { EVENT_UPCASTERS } from '@app/procurement';
import { ProjectionsModule } from '@app/projections';
import { Clock, ClockModule, HealthModule, LoggingModule, RedisModule, validateEnvironment } from '@app/shared';
import { AdjustmentLoop } from './adjustment-loop/adjustment-loop.processor';
import { PurchaseOverlapCheck } from './coordination/purchase-overlap-check';
import { CheckpointSigner } from './integrity/checkpoint-signer';
import { IntegrityCheckProcessor } from './integrity/integrity-check.processor';
import { NotificationsWorkerModule } from './notifications/notifications-worker.module';
import { PaymentDeadlineCheck } from './payments/payment-deadline-check.processor';
import { QualiopiExpiryCheck } from './qualiopi/qualiopi-expiry-check.processor';

export interface WorkerOptions {
  /** The clock the worker's commands are stamped with (the system clock unless a test fixes it). */
  clock?: Clock;
}

@Module({})
export class WorkerModule {
  static create(options: WorkerOptions = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment, ignoreEnvFile: true }),
        ClockModule.forRoot(options.clock),
        LoggingModule,
        EventStoreModule.forRoot(EVENT_UPCASTERS),
        RedisModule,
        HealthModule,
        ProjectionsModule,
        NotificationsWorkerModule,
      ],
      providers: [IntegrityCheckProcessor, CheckpointSigner, AdjustmentLoop, PurchaseOverlapCheck, QualiopiExpiryCheck, PaymentDeadlineCheck],
    };
  }
}
