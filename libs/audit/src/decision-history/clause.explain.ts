import { ClauseEvent } from '@app/procurement';
import { FacetExplain, words } from './facet-explain';

export const CLAUSE_EXPLAIN: FacetExplain<ClauseEvent> = {
  ClauseAdded: (event) => {
    const d = event.data;
    // A clause recorded with its formula as text shows the figures it was recorded with.
    const figures = 'recordedAsText' in d.terms ? { type: d.terms.type, ...d.terms.recordedAsText } : { ...d.terms };
    return [`Clause ${d.clauseId} (${words(d.terms.type)}) added${d.lotId ? ` to lot ${d.lotId}` : ' to the contract'}`, { clauseId: d.clauseId, figures }];
  },
};
