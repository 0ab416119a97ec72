import { Module } from '@nestjs/common';
import { DecisionLog, EventIndex, LotSeriesReader } from '@app/audit';
import { AuditController } from './audit.controller';
import { AuditPageController } from './audit-page.controller';

/**
 * Decision history, lot series, verification and the audit page for auditors (time travel is on the contract
 * read routes: ?asOf=, ?revision=).
 */
@Module({
  controllers: [AuditController, AuditPageController],
  providers: [DecisionLog, EventIndex, LotSeriesReader],
})
export class AuditModule {}
