import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import {
  GetDeliveryHandler,
  GetReferralsHandler,
  IssueServiceStatementHandler,
  RecordAttendanceHandler,
  RecordTraineeOutcomesHandler,
  ReferTraineeHandler,
  ReportDeliveryHandler,
} from '@app/procurement';
import { CommandRequests } from '@app/shared';
import { CsvBodyMiddleware } from '../coordination/csv-body.middleware';
import { AttendanceController } from './attendance.controller';
import { DeliveriesController } from './deliveries.controller';
import { DeliveryReportPipe } from './delivery-report.pipe';
import { OutcomesController } from './outcomes.controller';
import { ReferralsController } from './referrals.controller';
import { TraineeIdsController } from './trainee-ids.controller';

/** Delivery reporting by providers (attendance sheets included), referrals by Pôle emploi, trainees' outcomes and service statements, on one delivery stream per order. */
@Module({
  controllers: [DeliveriesController, AttendanceController, ReferralsController, TraineeIdsController, OutcomesController],
  providers: [
    ReportDeliveryHandler,
    RecordAttendanceHandler,
    IssueServiceStatementHandler,
    GetDeliveryHandler,
    ReferTraineeHandler,
    RecordTraineeOutcomesHandler,
    GetReferralsHandler,
    CommandRequests,
    DeliveryReportPipe,
  ],
})
export class DeliveryModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CsvBodyMiddleware).forRoutes({ path: 'contracts/:contractId/orders/:orderId/sessions/:sessionId/attendance', method: RequestMethod.POST });
  }
}
