import { CommandMeta } from '../terms/command-meta';
import { ClauseTerms } from '../terms/procurement-terms';

export type AddClause = { type: 'AddClause'; meta: CommandMeta; data: { clauseId: string; lotId?: string; terms: ClauseTerms } };

export type ClauseCommand = AddClause;
