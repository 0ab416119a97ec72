import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore, PointInTime, SnapshotStore } from '@app/event-store';
import { Principal } from '@app/shared';
import { ContractView, visibleContract } from './contract-view';
import { loadExistingContract } from './load-contract';

/** The contract folded from its stream, as the caller may see it: now, or at a point of its history. */
export class GetContract extends Query<ContractView> {
  constructor(
    readonly contractId: string,
    readonly principal: Principal,
    readonly at?: PointInTime,
  ) {
    super();
  }
}

@QueryHandler(GetContract)
export class GetContractHandler implements IQueryHandler<GetContract> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly snapshots: SnapshotStore,
  ) {}

  async execute({ contractId, principal, at }: GetContract): Promise<ContractView> {
    const { state, revision } = await loadExistingContract(this.store, principal.tenant, contractId, { at: at?.asOf, revision: at?.revision }, this.snapshots);
    return { revision, contract: visibleContract(state, principal) };
  }
}
