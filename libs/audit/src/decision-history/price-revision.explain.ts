import { PriceRevisionEvent, RULES } from '@app/procurement';
import { FacetExplain } from './facet-explain';

export const PRICE_REVISION_EXPLAIN: FacetExplain<PriceRevisionEvent> = {
  PricesRevised: (event) => {
    const d = event.data;
    const i = d.index;
    return [
      `Prices revised on ${d.revisionDate} under clause ${d.clauseId}: series ${i.seriesId} ${i.month} ${i.value} against ${i.baseMonth} ${i.baseValue}`,
      { clauseId: d.clauseId, article: RULES.PRICE_REVISION_FORMULA_MISMATCH, figures: { formula: d.formula, rounding: d.rounding, index: d.index, prices: d.prices } },
    ];
  },
};
