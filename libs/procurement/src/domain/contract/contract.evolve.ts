import { ContractDrafted, ContractLifecycleEvent } from './contract.events';
import type { ExistingContract } from './contract-state.types';
import { FacetEvolve } from './facet-evolve';

/** The first fact of a contract: its terms as drafted, nothing ordered or amended yet. */
export function draftContract(event: ContractDrafted): ExistingContract {
  const { data } = event;
  return {
    status: 'DRAFT',
    ...data,
    currentValueCents: data.initialValueCents,
    orderedValueCents: 0,
    lots: {},
    clauses: {},
    orders: {},
    amendments: {},
    proposals: {},
    dateShiftRequests: {},
    modifications: [],
    priceRevisions: {},
    compensationClaims: {},
  };
}

/** The contract's lifecycle after its drafting (which starts the state: draftContract). */
export const LIFECYCLE_EVOLVE: FacetEvolve<Exclude<ContractLifecycleEvent, ContractDrafted>> = {
  ContractPublished: (state) => ({ ...state, status: 'PUBLISHED' }),
  ContractActivated: (state) => ({ ...state, status: 'ACTIVE' }),
  ContractClosed: (state) => ({ ...state, status: 'CLOSED' }),
  ContractTerminated: (state) => ({ ...state, status: 'TERMINATED' }),
};
