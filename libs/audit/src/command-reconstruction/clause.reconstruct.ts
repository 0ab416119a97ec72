import { ClauseEvent, upcastClauseTerms } from '@app/procurement';
import { FacetReconstruct } from './facet-reconstruct';

export const CLAUSE_RECONSTRUCT: FacetReconstruct<ClauseEvent> = {
  ClauseAdded: (event, meta) => {
    // A price revision clause recorded with its formula as text was decided by rules that no longer take text.
    if (upcastClauseTerms(event.data.terms) !== event.data.terms) return undefined;
    return { type: 'AddClause', meta, data: event.data };
  },
};
