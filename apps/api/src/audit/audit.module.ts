import { Module } from '@nestjs/common';
import { DecisionLog, EventIndex } from '@app/audit';
import { AuditController } from './audit.controller';

/** Decision history and verification for auditors (time travel is on the contract read routes: ?asOf=, ?revision=). */
@Module({
  controllers: [AuditController],
  providers: [DecisionLog, EventIndex],
})
export class AuditModule {}
