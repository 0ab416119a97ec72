import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { SnapshotsModule } from '@app/event-store';
import { ContractDirectory, DecideOnContractHandler, GetContractHandler } from '@app/procurement';
import { ProjectionsModule } from '@app/projections';
import { CommandRequests } from '@app/shared';
import { CsvBodyMiddleware } from '../coordination/csv-body.middleware';
import { AmendmentsController } from './amendments.controller';
import { CoFinancingController } from './co-financing.controller';
import { ContractCommands } from './contract-commands';
import { ContractsController } from './contracts.controller';
import { DateShiftRequestsController } from './date-shift-requests.controller';
import { InboxController } from './inbox.controller';
import { OrdersController } from './orders.controller';
import { PriceRevisionsController } from './price-revisions.controller';
import { ProgrammesController } from './programmes.controller';
import { EvaluationsController } from './evaluations.controller';
import { ProviderRegisterController } from './provider-register.controller';
import { ProposalsController } from './proposals.controller';

@Module({
  // Contracts read as of a point start from a snapshot.
  imports: [SnapshotsModule, ProjectionsModule],
  controllers: [
    ContractsController,
    OrdersController,
    AmendmentsController,
    InboxController,
    ProposalsController,
    CoFinancingController,
    DateShiftRequestsController,
    PriceRevisionsController,
    ProviderRegisterController,
    ProgrammesController,
    EvaluationsController,
  ],
  providers: [DecideOnContractHandler, GetContractHandler, ContractDirectory, ContractCommands, CommandRequests],
})
export class ProcurementModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CsvBodyMiddleware).forRoutes({ path: 'price-indices', method: RequestMethod.POST });
  }
}
