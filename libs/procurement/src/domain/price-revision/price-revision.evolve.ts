import { FacetEvolve, setPrice } from '../contract/facet-evolve';
import { PriceRevisionEvent } from './price-revision.events';

export const PRICE_REVISION_EVOLVE: FacetEvolve<PriceRevisionEvent> = {
  PricesRevised: (state, event) => {
    const { clauseId, revisionDate, prices } = event.data;
    const revised = prices.reduce(
      (folded, price) =>
        setPrice(folded, price.lotId, price.unitType, {
          from: revisionDate,
          unitPriceCents: price.revisedPriceCents,
          source: 'PRICE_REVISION',
          sourceId: `${clauseId}@${revisionDate}`,
        }),
      state,
    );
    return { ...revised, priceRevisions: { ...revised.priceRevisions, [`${clauseId}@${revisionDate}`]: event.data } };
  },
};
