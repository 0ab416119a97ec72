import { Module } from '@nestjs/common';
import { SnapshotsModule } from '@app/event-store';
import { ContractDirectory, DecideOnContractHandler, GetContractHandler } from '@app/procurement';
import { CommandRequests } from '@app/shared';
import { AmendmentsController } from './amendments.controller';
import { CoFinancingController } from './co-financing.controller';
import { ContractCommands } from './contract-commands';
import { ContractsController } from './contracts.controller';
import { DateShiftRequestsController } from './date-shift-requests.controller';
import { InboxController } from './inbox.controller';
import { OrdersController } from './orders.controller';
import { ProposalsController } from './proposals.controller';

@Module({
  // Contracts read as of a point start from a snapshot.
  imports: [SnapshotsModule],
  controllers: [
    ContractsController,
    OrdersController,
    AmendmentsController,
    InboxController,
    ProposalsController,
    CoFinancingController,
    DateShiftRequestsController,
  ],
  providers: [DecideOnContractHandler, GetContractHandler, ContractDirectory, ContractCommands, CommandRequests],
})
export class ProcurementModule {}
