import { LotEvent, RULES } from '@app/procurement';
import { certified, FacetExplain, money } from './facet-explain';

export const LOT_EXPLAIN: FacetExplain<LotEvent> = {
  LotDefined: (event) => {
    const d = event.data;
    const units = d.workUnits.map((u) => `${u.type} at ${money(u.unitPriceCents)} (${u.minQuantity}–${u.maxQuantity})`).join(', ');
    return [`Lot ${d.lotId} "${d.title}" defined: ${units}`, d.maximumValueCents === undefined ? {} : { figures: { maximumValueCents: d.maximumValueCents } }];
  },
  LotAwarded: (event) => {
    const { awardee, lotId, bidsReceived, qualiopi } = event.data;
    const to = awardee.kind === 'PROVIDER' ? `provider ${awardee.providerId}` : `grouping ${awardee.memberIds.join(', ')} led by ${awardee.leadProviderId}`;
    const bids = bidsReceived === undefined ? '' : ` among ${bidsReceived} bid${bidsReceived === 1 ? '' : 's'} received`;
    const figures = { ...(bidsReceived === undefined ? {} : { bidsReceived }), ...(qualiopi ? { qualiopi } : {}) };
    return [
      `Lot ${lotId} awarded to ${to}${bids}${certified(qualiopi)}`,
      { ...(qualiopi ? { article: RULES.QUALIOPI_CERTIFICATE_NOT_VALID } : {}), ...(Object.keys(figures).length > 0 ? { figures } : {}) },
    ];
  },
};
