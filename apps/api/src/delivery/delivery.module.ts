import { Module } from '@nestjs/common';
import { GetDeliveryHandler, IssueServiceStatementHandler, ReportDeliveryHandler } from '@app/procurement';
import { CommandRequests } from '@app/shared';
import { DeliveriesController } from './deliveries.controller';
import { DeliveryReportPipe } from './delivery-report.pipe';

/** Delivery reporting by providers and service statements, on one delivery stream per order. */
@Module({
  controllers: [DeliveriesController],
  providers: [ReportDeliveryHandler, IssueServiceStatementHandler, GetDeliveryHandler, CommandRequests, DeliveryReportPipe],
})
export class DeliveryModule {}
