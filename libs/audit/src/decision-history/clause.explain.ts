import { ClauseEvent } from '@app/procurement';
import { FacetExplain, words } from './facet-explain';

export const CLAUSE_EXPLAIN: FacetExplain<ClauseEvent> = {
  ClauseAdded: (event) => {
    const d = event.data;
    return [`Clause ${d.clauseId} (${words(d.terms.type)}) added${d.lotId ? ` to lot ${d.lotId}` : ' to the contract'}`, { clauseId: d.clauseId, figures: { ...d.terms } }];
  },
};
