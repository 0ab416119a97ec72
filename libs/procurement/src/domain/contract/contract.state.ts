import type { SameTypes } from '@app/shared/same-types';
import { AMENDMENT_EVOLVE, bringIntoForce } from '../amendment/amendment.evolve';
import { CLAUSE_EVOLVE } from '../clause/clause.evolve';
import { CO_FINANCING_EVOLVE, withOrderCoFinancing } from '../co-financing/co-financing.evolve';
import { afterReduction, evolveCoFinancing } from '../co-financing/co-financing.state';
import { COMPENSATION_CLAIM_EVOLVE, withCompensationClaims } from '../compensation-claim/compensation-claim.evolve';
import { evolveCompensationClaims } from '../compensation-claim/compensation-claim.state';
import { DATE_SHIFT_EVOLVE, withDateShiftRequests } from '../date-shift/date-shift.evolve';
import { evolveDateShiftRequests } from '../date-shift/date-shift.state';
import { exhaustive } from '../exhaustive';
import { LOT_EVOLVE } from '../lot/lot.evolve';
import { commit, ORDER_EVOLVE } from '../order/order.evolve';
import { PRICE_REVISION_EVOLVE } from '../price-revision/price-revision.evolve';
import { latestPrice, priceOn, withPriceSet } from '../price-revision/unit-price-in-force';
import { answerProposal, PROPOSAL_EVOLVE } from '../proposal/proposal.evolve';
import { QUALIOPI_EXPIRY_EVOLVE } from '../qualiopi-expiry/qualiopi-expiry.evolve';
import { evolveQualiopiExpiries } from '../qualiopi-expiry/qualiopi-expiry.state';
import { dayOf } from '../terms/command-meta';
import type { ContractState, ProcurementEvent } from './contract-state.types';
import { ContractDrafted } from './contract.events';
import { draftContract, LIFECYCLE_EVOLVE } from './contract.evolve';
import { addToLot, evolveBy, FacetEvolve, setPrice, updateAmendment, updateLot, updateOrder, updateSession, withAmendment, withLot } from './facet-evolve';

export * from './contract-state.types';

export const initialContractState = (): ContractState => ({ status: 'EMPTY' });

/**
 * How every event after the drafting folds, the facets' tables merged: typed by the whole union, so that an event
 * type no facet folds fails to compile (and the check below, that no facet folds a type outside the union).
 */
export const CONTRACT_EVOLVE: FacetEvolve<Exclude<ProcurementEvent, ContractDrafted>> = {
  ...LIFECYCLE_EVOLVE,
  ...LOT_EVOLVE,
  ...CLAUSE_EVOLVE,
  ...PRICE_REVISION_EVOLVE,
  ...ORDER_EVOLVE,
  ...AMENDMENT_EVOLVE,
  ...COMPENSATION_CLAIM_EVOLVE,
  ...PROPOSAL_EVOLVE,
  ...CO_FINANCING_EVOLVE,
  ...DATE_SHIFT_EVOLVE,
  ...QUALIOPI_EXPIRY_EVOLVE,
};
const _everyTypeFolded: SameTypes<keyof typeof CONTRACT_EVOLVE | ContractDrafted['type'], ProcurementEvent['type']> = true;

/** Folds one fact into the state. Never refuses: events are facts. */
export function evolveContract(state: ContractState, event: ProcurementEvent): ContractState {
  if (event.type === 'ContractDrafted') return draftContract(event);
  if (state.status === 'EMPTY') return state;
  return evolveBy(CONTRACT_EVOLVE, state, event);
}

/**
 * Every function the contract fold runs besides the functions of CONTRACT_EVOLVE: the facets' own evolves and the
 * helpers they call. Their source text, with the tables', is the fold's version, so that a snapshot folded by other
 * code is never used (see contractFold). A spec checks that every domain function the fold calls is listed.
 */
export const CONTRACT_FOLD_HELPERS: ReadonlyArray<(...args: never[]) => unknown> = [
  initialContractState,
  evolveContract,
  draftContract,
  evolveBy,
  evolveCoFinancing,
  withOrderCoFinancing,
  afterReduction,
  evolveDateShiftRequests,
  withDateShiftRequests,
  evolveCompensationClaims,
  withCompensationClaims,
  evolveQualiopiExpiries,
  answerProposal,
  dayOf,
  exhaustive,
  bringIntoForce,
  commit,
  setPrice,
  withPriceSet,
  latestPrice,
  priceOn,
  withLot,
  updateLot,
  addToLot,
  updateOrder,
  updateSession,
  withAmendment,
  updateAmendment,
];
