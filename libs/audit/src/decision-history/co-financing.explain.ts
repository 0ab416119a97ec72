import { CoFinancingEvent, CoFinancingShare, RULES } from '@app/procurement';
import { FacetExplain, money } from './facet-explain';

export const CO_FINANCING_EXPLAIN: FacetExplain<CoFinancingEvent> = {
  CoFinancingOffered: (event) => {
    const d = event.data;
    return [`Pôle emploi offered to co-finance ${share(d.share)} of order ${d.orderId}`, { reason: d.reason }];
  },
  CoFinancingTerminationOffered: (event) => [`Pôle emploi offered to end co-financing ${event.data.agreementId} of order ${event.data.orderId}`, { reason: event.data.reason }],
  CoFinancingAgreed: (event) => {
    const d = event.data;
    return [
      `Co-financing of order ${d.orderId} agreed: Pôle emploi funds ${money(d.coFinancedCents)}` +
        (d.share.kind === 'PERCENT' ? ` (${d.share.percent}% of ${money(d.orderValueCents)})` : ''),
      { article: RULES.CO_FINANCING_EXCEEDS_ORDER_VALUE, figures: { orderValueCents: d.orderValueCents, coFinancedCents: d.coFinancedCents } },
    ];
  },
  CoFinancingEnded: (event) => [`Co-financing ${event.data.agreementId} of order ${event.data.orderId} ended by agreement`, {}],
  CoFinancingOfferDeclined: (event) => [`Co-financing offer ${event.data.offerId} of order ${event.data.orderId} declined`, { reason: event.data.reason }],
  CoFinancedReductionConsented: (event) => {
    const d = event.data;
    return [
      `Pôle emploi consented to one reduction of order ${d.orderId} down to ${money(d.floorValueCents)}`,
      { article: RULES.CO_FINANCED_ORDER_REDUCTION_NOT_AGREED, figures: { floorValueCents: d.floorValueCents }, reason: d.reason },
    ];
  },
};

function share(value: CoFinancingShare): string {
  return value.kind === 'PERCENT' ? `${value.percent}%` : money(value.amountCents);
}
