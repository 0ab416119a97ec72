import type { ExistingContract } from '../contract/contract-state.types';
import { FacetEvolve } from '../contract/facet-evolve';
import { DateShiftEvent } from './date-shift.events';
import { evolveDateShiftRequests } from './date-shift.state';

/** Every date shift event folds into the contract's requests (evolveDateShiftRequests). */
export const DATE_SHIFT_EVOLVE: FacetEvolve<DateShiftEvent> = {
  SessionDateShiftRequested: (state, event) => withDateShiftRequests(state, event),
  SessionDateShiftAccepted: (state, event) => withDateShiftRequests(state, event),
  SessionDateShiftDeclined: (state, event) => withDateShiftRequests(state, event),
};

export function withDateShiftRequests(state: ExistingContract, event: DateShiftEvent): ExistingContract {
  return { ...state, dateShiftRequests: evolveDateShiftRequests(state.dateShiftRequests, event) };
}
