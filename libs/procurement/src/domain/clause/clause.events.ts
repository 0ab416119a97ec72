import { ClauseTerms } from '../terms/procurement-terms';

export type ClauseAdded = { type: 'ClauseAdded'; data: { clauseId: string; lotId?: string; terms: ClauseTerms } };

export type ClauseEvent = ClauseAdded;
