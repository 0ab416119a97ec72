import { FacetEvolve, updateLot, withLot } from '../contract/facet-evolve';
import type { PriceSet } from '../price-revision/price-history';
import { LotEvent } from './lot.events';

export const LOT_EVOLVE: FacetEvolve<LotEvent> = {
  LotDefined: (state, event) => {
    const { workUnits, ...lot } = event.data;
    return withLot(state, {
      ...lot,
      workUnits: Object.fromEntries(workUnits.map((unit) => [unit.type, unit])),
      amendedModules: [],
      priceHistory: Object.fromEntries(
        workUnits.map((unit) => [unit.type, [{ from: state.startDate, unitPriceCents: unit.unitPriceCents, source: 'AWARD' } satisfies PriceSet]]),
      ),
      ordered: {},
      orderedValueCents: 0,
      volumeAdjusted: {},
    });
  },
  LotAwarded: (state, event) =>
    updateLot(state, event.data.lotId, (lot) => ({
      ...lot,
      awardee: event.data.awardee,
      awardedAt: event.data.awardedAt,
      ...(event.data.bidsReceived === undefined ? {} : { bidsReceived: event.data.bidsReceived }),
    })),
};
