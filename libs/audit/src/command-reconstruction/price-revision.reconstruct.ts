import { PriceRevisionEvent } from '@app/procurement';
import { FacetReconstruct } from './facet-reconstruct';

export const PRICE_REVISION_RECONSTRUCT: FacetReconstruct<PriceRevisionEvent> = {
  PricesRevised: (event, meta) => {
    const { clauseId, revisionDate, index } = event.data;
    const indexValues = {
      [index.baseMonth]: { value: index.baseValue, importId: index.baseImportId },
      [index.month]: { value: index.value, importId: index.importId },
    };
    return { type: 'RevisePrices', meta, data: { clauseId, revisionDate, indexValues } };
  },
};
