import { ClauseTerms } from '../terms/procurement-terms';

/** A price revision clause as recorded before clauses held their formula as data: its formula was a string. */
interface PriceRevisionClauseRecordedAsText {
  type: 'PRICE_REVISION';
  indexName: string;
  formula: string;
  frequencyMonths: number;
}

/**
 * Reads the terms of a ClauseAdded event of any recorded shape. A price revision clause recorded with its
 * formula as text keeps that text, marked as such: no price can be computed from it, and none is.
 */
export function upcastClauseTerms(terms: ClauseTerms | PriceRevisionClauseRecordedAsText): ClauseTerms {
  if (terms.type === 'PRICE_REVISION' && 'formula' in terms && typeof terms.formula === 'string') {
    const { indexName, formula, frequencyMonths } = terms as PriceRevisionClauseRecordedAsText;
    return { type: 'PRICE_REVISION', recordedAsText: { indexName, formula, frequencyMonths } };
  }
  return terms as ClauseTerms;
}
