import { ClauseTerms } from '../terms/procurement-terms';

/**
 * Version 2: a price revision clause holds its formula as data; version 1 held it as text, read as such
 * (recordedAsText, clause.upcast.ts).
 */
export const CLAUSE_ADDED_SCHEMA_VERSION = 2;

export type ClauseAdded = { type: 'ClauseAdded'; schemaVersion?: number; data: { clauseId: string; lotId?: string; terms: ClauseTerms } };

export type ClauseEvent = ClauseAdded;
