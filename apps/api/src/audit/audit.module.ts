import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ContractExports, DecisionLog, EventIndex, LotSeriesReader } from '@app/audit';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { buyerSiretsOf, Environment } from '@app/shared';
import { AuditExportsController } from './audit-exports.controller';
import { AuditController } from './audit.controller';
import { AuditPageController } from './audit-page.controller';
import { OfferExportController } from './offer-export.controller';

/**
 * Decision history, lot series, verification and the audit page for auditors (time travel is on the contract
 * read routes: ?asOf=, ?revision=).
 */
@Module({
  controllers: [AuditController, AuditPageController, AuditExportsController, OfferExportController],
  providers: [
    DecisionLog,
    EventIndex,
    LotSeriesReader,
    {
      provide: ContractExports,
      inject: [EVENT_STORE, ConfigService],
      useFactory: (store: EventStore, config: ConfigService<Environment, true>) =>
        new ContractExports(store, {
          ocidPrefix: config.get('OCDS_OCID_PREFIX', { infer: true }),
          buyerSirets: buyerSiretsOf(config.get('DECP_BUYER_SIRETS', { infer: true })),
        }),
    },
  ],
})
export class AuditModule {}
