import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore, foldAt, PointInTime, SnapshotStore } from '@app/event-store';
import { foldStream, NotFoundError, Principal } from '@app/shared';
import { ContractState, evolveContract, initialContractState } from '../domain/contract/contract.state';
import { contractStream } from '../domain/procurement.decider';
import { contractFold } from './contract-fold';
import { ContractView, visibleContract } from './contract-view';

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
    if (at === undefined) {
      // Now: the fold the command path keeps (only the events appended since are read).
      const folded = await foldStream(this.store, contractStream(contractId), initialContractState, evolveContract as (state: ContractState, event: { type: string; data: unknown }) => ContractState);
      if (folded.state.status === 'EMPTY') throw new NotFoundError('Contract', contractId);
      return { revision: folded.revision, contract: visibleContract(folded.state, principal) };
    }
    // At a point of its history: from the last snapshot before it.
    const { state, revision } = await foldAt(this.store, this.snapshots, contractStream(contractId), contractFold, at);
    // A revision not reached yet, or a moment before the contract's first event: answered as missing.
    if (at?.revision !== undefined && revision < at.revision) throw new NotFoundError('Contract', contractId);
    if (state.status === 'EMPTY') throw new NotFoundError('Contract', contractId);
    return { revision, contract: visibleContract(state, principal) };
  }
}
