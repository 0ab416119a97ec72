import type { ExistingContract } from '../contract/contract-state.types';
import { FacetEvolve } from '../contract/facet-evolve';
import { CompensationClaimEvent } from './compensation-claim.events';
import { evolveCompensationClaims } from './compensation-claim.state';

/** Every claim event folds into the contract's claims (evolveCompensationClaims). */
export const COMPENSATION_CLAIM_EVOLVE: FacetEvolve<CompensationClaimEvent> = {
  CompensationClaimFiled: (state, event) => withCompensationClaims(state, event),
  CompensationClaimAccepted: (state, event) => withCompensationClaims(state, event),
  CompensationClaimRefused: (state, event) => withCompensationClaims(state, event),
};

export function withCompensationClaims(state: ExistingContract, event: CompensationClaimEvent): ExistingContract {
  return { ...state, compensationClaims: evolveCompensationClaims(state.compensationClaims, event) };
}
