import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore, eventsUpTo, isBeyondHead, PointInTime } from '@app/event-store';
import { foldStream, NotFoundError, Principal } from '@app/shared';
import { ContractState, evolveContract, initialContractState, ProcurementEvent } from '../domain/contract/contract.state';
import { contractStream } from '../domain/procurement.decider';
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
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ contractId, principal, at }: GetContract): Promise<ContractView> {
    if (at === undefined) {
      // Now: the fold the command path keeps (only the events appended since are read).
      const folded = await foldStream(this.store, contractStream(contractId), initialContractState, evolveContract as (state: ContractState, event: { type: string; data: unknown }) => ContractState);
      if (folded.state.status === 'EMPTY') throw new NotFoundError('Contract', contractId);
      return { revision: folded.revision, contract: visibleContract(folded.state, principal) };
    }
    const stream = await this.store.readStream(contractStream(contractId));
    // A revision not reached yet, or a moment before the contract's first event: answered as missing.
    if (isBeyondHead(stream, at)) throw new NotFoundError('Contract', contractId);
    const history = eventsUpTo(stream, at);
    const state = history.reduce(
      (folded, event) => evolveContract(folded, { type: event.type, data: event.data } as ProcurementEvent),
      initialContractState(),
    );
    if (state.status === 'EMPTY') throw new NotFoundError('Contract', contractId);
    return { revision: history[history.length - 1].revision, contract: visibleContract(state, principal) };
  }
}
