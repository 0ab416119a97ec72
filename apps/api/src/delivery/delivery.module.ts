import { Module } from '@nestjs/common';
import { GetDeliveryHandler, GetReferralsHandler, IssueServiceStatementHandler, ReferTraineeHandler, ReportDeliveryHandler } from '@app/procurement';
import { CommandRequests } from '@app/shared';
import { DeliveriesController } from './deliveries.controller';
import { DeliveryReportPipe } from './delivery-report.pipe';
import { ReferralsController } from './referrals.controller';
import { TraineeIdsController } from './trainee-ids.controller';

/** Delivery reporting by providers, referrals by Pôle emploi and service statements, on one delivery stream per order. */
@Module({
  controllers: [DeliveriesController, ReferralsController, TraineeIdsController],
  providers: [
    ReportDeliveryHandler,
    IssueServiceStatementHandler,
    GetDeliveryHandler,
    ReferTraineeHandler,
    GetReferralsHandler,
    CommandRequests,
    DeliveryReportPipe,
  ],
})
export class DeliveryModule {}
