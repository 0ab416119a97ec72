import { ClauseTerms } from '../terms/procurement-terms';
import { ClauseAdded } from './clause.events';

/** A price revision clause as recorded before clauses held their formula as data: its formula was a string. */
interface PriceRevisionClauseRecordedAsText {
  type: 'PRICE_REVISION';
  indexName: string;
  formula: string;
  frequencyMonths: number;
}

/** A ClauseAdded as recorded at schema version 1 (commit cdd6720), its terms possibly a formula as text. */
export type ClauseAddedV1Data = Omit<ClauseAdded['data'], 'terms'> & { terms: ClauseTerms | PriceRevisionClauseRecordedAsText };

/**
 * Reads a ClauseAdded of any recorded shape. A price revision clause recorded with its formula as text keeps
 * that text, marked as such: no price can be computed from it, and none is.
 */
export function upcastClauseAdded(data: ClauseAddedV1Data | ClauseAdded['data']): ClauseAdded['data'] {
  const { terms } = data;
  if (terms.type === 'PRICE_REVISION' && 'formula' in terms && typeof terms.formula === 'string') {
    const { indexName, formula, frequencyMonths } = terms as PriceRevisionClauseRecordedAsText;
    return { ...data, terms: { type: 'PRICE_REVISION', recordedAsText: { indexName, formula, frequencyMonths } } };
  }
  return data as ClauseAdded['data'];
}
