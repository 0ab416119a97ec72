import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AmendmentState, ContractDirectory, ContractView, GetContract } from '@app/procurement';
import { CurrentPrincipal, Principal, Roles } from '@app/shared';

export interface InboxEntry {
  contractId: string;
  contractTitle: string;
  amendment: AmendmentState;
}

/** A provider's pending amendments: notified to it and not yet accepted by it. */
@ApiTags('amendments')
@ApiBearerAuth()
@Controller('inbox')
export class InboxController {
  constructor(
    private readonly directory: ContractDirectory,
    private readonly queries: QueryBus,
  ) {}

  @Roles('provider')
  @Get('amendments')
  async pendingAmendments(@CurrentPrincipal() principal: Principal): Promise<InboxEntry[]> {
    const contracts = await this.directory.list(principal);
    const views: ContractView[] = await Promise.all(
      contracts.map((summary) => this.queries.execute(new GetContract(summary.contractId, principal))),
    );
    return views.flatMap(({ contract }) =>
      Object.values(contract.amendments)
        .filter((amendment) => amendment.status === 'NOTIFIED' && !amendment.acceptedBy.includes(principal.providerId!))
        .map((amendment) => ({ contractId: contract.contractId, contractTitle: contract.title, amendment })),
    );
  }
}
