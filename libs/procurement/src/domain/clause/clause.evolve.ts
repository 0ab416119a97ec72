import { FacetEvolve } from '../contract/facet-evolve';
import { ClauseEvent } from './clause.events';
import { upcastClauseTerms } from './clause.upcast';

export const CLAUSE_EVOLVE: FacetEvolve<ClauseEvent> = {
  ClauseAdded: (state, event) => {
    const clause = { ...event.data, terms: upcastClauseTerms(event.data.terms) };
    return { ...state, clauses: { ...state.clauses, [clause.clauseId]: clause } };
  },
};
