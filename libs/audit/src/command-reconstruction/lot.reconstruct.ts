import { LotEvent } from '@app/procurement';
import { FacetReconstruct, registerOf } from './facet-reconstruct';

export const LOT_RECONSTRUCT: FacetReconstruct<LotEvent> = {
  LotDefined: (event, meta) => ({ type: 'DefineLot', meta, data: event.data }),
  LotAwarded: (event, meta) => {
    const { lotId, awardee, bidsReceived, qualiopi } = event.data;
    return { type: 'AwardLot', meta, data: { lotId, awardee, ...(bidsReceived === undefined ? {} : { bidsReceived }), ...registerOf(qualiopi) } };
  },
};
