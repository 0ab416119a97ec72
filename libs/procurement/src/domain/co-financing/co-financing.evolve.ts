import type { ExistingContract } from '../contract/contract-state.types';
import { FacetEvolve, updateOrder } from '../contract/facet-evolve';
import { CoFinancingEvent } from './co-financing.events';
import { evolveCoFinancing } from './co-financing.state';

/** Every co-financing event folds into its order's co-financing (evolveCoFinancing). */
export const CO_FINANCING_EVOLVE: FacetEvolve<CoFinancingEvent> = {
  CoFinancingOffered: (state, event) => withOrderCoFinancing(state, event),
  CoFinancingTerminationOffered: (state, event) => withOrderCoFinancing(state, event),
  CoFinancingAgreed: (state, event) => withOrderCoFinancing(state, event),
  CoFinancingEnded: (state, event) => withOrderCoFinancing(state, event),
  CoFinancingOfferDeclined: (state, event) => withOrderCoFinancing(state, event),
  CoFinancedReductionConsented: (state, event) => withOrderCoFinancing(state, event),
};

export function withOrderCoFinancing(state: ExistingContract, event: CoFinancingEvent): ExistingContract {
  return updateOrder(state, event.data.orderId, (o) => ({ ...o, coFinancing: evolveCoFinancing(o.coFinancing, event) }));
}
