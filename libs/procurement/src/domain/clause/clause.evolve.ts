import { FacetEvolve } from '../contract/facet-evolve';
import { ClauseEvent } from './clause.events';

export const CLAUSE_EVOLVE: FacetEvolve<ClauseEvent> = {
  ClauseAdded: (state, event) => ({ ...state, clauses: { ...state.clauses, [event.data.clauseId]: { ...event.data } } }),
};
