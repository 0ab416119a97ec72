import { CoFinancingEvent } from '@app/procurement';
import { FacetReconstruct } from './facet-reconstruct';

export const CO_FINANCING_RECONSTRUCT: FacetReconstruct<CoFinancingEvent> = {
  CoFinancingOffered: (event, meta) => {
    const { offeredBy: _by, offeredAt: _at, ...data } = event.data;
    return { type: 'OfferCoFinancing', meta, data };
  },
  CoFinancingTerminationOffered: (event, meta) => {
    const { orderId, offerId, agreementId, reason } = event.data;
    return { type: 'OfferCoFinancingTermination', meta, data: { orderId, offerId, agreementId, reason } };
  },
  CoFinancingAgreed: (event, meta) => ({ type: 'AcceptCoFinancingOffer', meta, data: { orderId: event.data.orderId, offerId: event.data.agreementId } }),
  CoFinancingEnded: (event, meta) => ({ type: 'AcceptCoFinancingOffer', meta, data: { orderId: event.data.orderId, offerId: event.data.offerId } }),
  CoFinancingOfferDeclined: (event, meta) => {
    const { orderId, offerId, reason } = event.data;
    return { type: 'DeclineCoFinancingOffer', meta, data: { orderId, offerId, reason } };
  },
  CoFinancedReductionConsented: (event, meta) => {
    const { orderId, consentId, floorValueCents, reason } = event.data;
    return { type: 'ConsentToCoFinancedReduction', meta, data: { orderId, consentId, floorValueCents, reason } };
  },
};
