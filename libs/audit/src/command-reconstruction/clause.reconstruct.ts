import { CLAUSE_ADDED_SCHEMA_VERSION, ClauseEvent } from '@app/procurement';
import { FacetReconstruct } from './facet-reconstruct';

export const CLAUSE_RECONSTRUCT: FacetReconstruct<ClauseEvent> = {
  ClauseAdded: (event, meta, recorded) => {
    // A price revision clause recorded with its formula as text (version 1, read as recordedAsText) was decided by
    // rules that no longer take text: folded as recorded. Every other clause of version 1 is decided again.
    if ((recorded.metadata.schemaVersion ?? 1) < CLAUSE_ADDED_SCHEMA_VERSION && 'recordedAsText' in event.data.terms) return undefined;
    return { type: 'AddClause', meta, data: event.data };
  },
};
