import { specify } from '@app/shared/testing/decider-specification';
import { ProcurementEvent } from '../contract/contract.state';
import { ProcurementCommand, procurementDecider } from '../procurement.decider';
import { CommandMeta } from '../terms/command-meta';
import { activeContract, changeQuantity, euros, meta, orderPathways, recorded, VOLUME_PATHWAY_CLAUSE } from '../testing/fixtures';
import { CoFinancingShare } from './co-financing.events';

const OFFICER = 'officer-pe-ara-1';
const officer = (at: string): CommandMeta => meta(at, OFFICER);
const OFFERED_AT = '2026-02-02T09:00:00.000Z';
const AGREED_AT = '2026-02-03T09:00:00.000Z';
const CONSENTED_AT = '2026-03-02T09:00:00.000Z';
const ORDER = 'order-1';

/** 10 pathways at 5,000 €: an order of 50,000 €. */
const ORDER_VALUE = euros(50_000);
const ordered = (): ProcurementEvent[] => recorded(activeContract(), orderPathways(ORDER, 10));

const offer = (share: CoFinancingShare, options: { offerId?: string; replacesAgreementId?: string } = {}): ProcurementCommand => ({
  type: 'OfferCoFinancing',
  meta: officer(OFFERED_AT),
  data: { orderId: ORDER, offerId: options.offerId ?? 'offer-1', share, reason: 'AFC complement for the digital sector', ...options },
});
const accept = (offerId = 'offer-1'): ProcurementCommand => ({ type: 'AcceptCoFinancingOffer', meta: meta(AGREED_AT), data: { orderId: ORDER, offerId } });
const consent = (floorValueCents: number, consentId = 'consent-1'): ProcurementCommand => ({
  type: 'ConsentToCoFinancedReduction',
  meta: officer(CONSENTED_AT),
  data: { orderId: ORDER, consentId, floorValueCents, reason: 'Fewer job seekers in the sector this spring' },
});

/** Pôle emploi funds 30,000 € of the 50,000 € order: 6 pathways' worth. */
const CO_FINANCED = euros(30_000);
const coFinanced = (): ProcurementEvent[] => recorded(ordered(), offer({ kind: 'AMOUNT', amountCents: CO_FINANCED }), accept());
const removePathways = (count: number) => changeQuantity(ORDER, VOLUME_PATHWAY_CLAUSE, 'PATHWAY', -count);

describe('co-financing of an order by Pôle emploi', () => {
  describe('the offer', () => {
    it('records the officer’s offer of a percentage of the order', () => {
      specify(procurementDecider)
        .given(ordered())
        .when(offer({ kind: 'PERCENT', percent: 40 }))
        .then([
          {
            type: 'CoFinancingOffered',
            data: {
              orderId: ORDER,
              offerId: 'offer-1',
              share: { kind: 'PERCENT', percent: 40 },
              reason: 'AFC complement for the digital sector',
              offeredBy: OFFICER,
              offeredAt: OFFERED_AT,
            },
          },
        ]);
    });

    it.each([0, -5, 100.01, 12.345])('refuses a share of %s%', (percent) => {
      specify(procurementDecider).given(ordered()).when(offer({ kind: 'PERCENT', percent })).thenRefuses('CO_FINANCING_SHARE_INVALID', { percent });
    });

    it('accepts a share of 100%, and 0.01%', () => {
      for (const percent of [100, 0.01]) {
        expect(specify(procurementDecider).given(ordered()).when(offer({ kind: 'PERCENT', percent })).events()).toHaveLength(1);
      }
    });

    it('accepts an amount equal to the order’s value, and refuses one cent more', () => {
      expect(specify(procurementDecider).given(ordered()).when(offer({ kind: 'AMOUNT', amountCents: ORDER_VALUE })).events()).toHaveLength(1);
      specify(procurementDecider)
        .given(ordered())
        .when(offer({ kind: 'AMOUNT', amountCents: ORDER_VALUE + 1 }))
        .thenRefuses('CO_FINANCING_EXCEEDS_ORDER_VALUE', { amountCents: ORDER_VALUE + 1, orderValueCents: ORDER_VALUE });
    });

    it('refuses an amount of zero', () => {
      specify(procurementDecider).given(ordered()).when(offer({ kind: 'AMOUNT', amountCents: 0 })).thenRefuses('CO_FINANCING_SHARE_INVALID');
    });

    it('refuses an offer on a closed order', () => {
      const closed = recorded(ordered(), { type: 'CloseOrder', meta: meta('2026-01-30T09:00:00.000Z'), data: { orderId: ORDER } });
      specify(procurementDecider).given(closed).when(offer({ kind: 'PERCENT', percent: 40 })).thenRefuses('ORDER_CLOSED');
    });

    it('refuses a second offer while the first waits for the buyer', () => {
      specify(procurementDecider)
        .given(recorded(ordered(), offer({ kind: 'PERCENT', percent: 40 })))
        .when(offer({ kind: 'PERCENT', percent: 30 }, { offerId: 'offer-2' }))
        .thenRefuses('CO_FINANCING_OFFER_PENDING', { pendingOfferId: 'offer-1' });
    });

    it('refuses a second agreement on an order already co-financed, unless the offer names the one it changes', () => {
      specify(procurementDecider)
        .given(coFinanced())
        .when(offer({ kind: 'PERCENT', percent: 30 }, { offerId: 'offer-2' }))
        .thenRefuses('CO_FINANCING_ALREADY_IN_FORCE', { agreementInForce: 'offer-1', replacesAgreementId: null });
      const changed = recorded(coFinanced(), offer({ kind: 'PERCENT', percent: 30 }, { offerId: 'offer-2', replacesAgreementId: 'offer-1' }), accept('offer-2'));
      const agreed = changed[changed.length - 1];
      expect(agreed).toMatchObject({ type: 'CoFinancingAgreed', data: { agreementId: 'offer-2', replacesAgreementId: 'offer-1', coFinancedCents: euros(15_000) } });
    });
  });

  describe('the buyer’s answer', () => {
    it('agrees on the part in cents, a percentage rounded down to the cent on the order’s value', () => {
      specify(procurementDecider)
        .given(recorded(ordered(), offer({ kind: 'PERCENT', percent: 33.33 })))
        .when(accept())
        .then([
          {
            type: 'CoFinancingAgreed',
            data: {
              orderId: ORDER,
              agreementId: 'offer-1',
              share: { kind: 'PERCENT', percent: 33.33 },
              orderValueCents: ORDER_VALUE,
              coFinancedCents: 1_666_500,
              offeredBy: OFFICER,
              acceptedBy: 'buyer-ara-1',
              agreedAt: AGREED_AT,
            },
          },
        ]);
    });

    it('refuses to accept an offer that is not the one waiting', () => {
      specify(procurementDecider)
        .given(recorded(ordered(), offer({ kind: 'PERCENT', percent: 40 })))
        .when(accept('offer-9'))
        .thenRefuses('CO_FINANCING_OFFER_NOT_PENDING', { pendingOfferId: 'offer-1' });
    });

    it('declines an offer with a reason, after which the officer may offer again', () => {
      const declined = recorded(ordered(), offer({ kind: 'PERCENT', percent: 40 }), {
        type: 'DeclineCoFinancingOffer',
        meta: meta(AGREED_AT),
        data: { orderId: ORDER, offerId: 'offer-1', reason: 'Already funded by the Région alone' },
      });
      expect(declined[declined.length - 1]).toMatchObject({ type: 'CoFinancingOfferDeclined', data: { declinedBy: 'buyer-ara-1' } });
      expect(specify(procurementDecider).given(declined).when(offer({ kind: 'PERCENT', percent: 20 }, { offerId: 'offer-2' })).events()).toHaveLength(1);
    });

    it('ends the agreement when the buyer accepts the officer’s offer to end it', () => {
      const ending: ProcurementCommand = {
        type: 'OfferCoFinancingTermination',
        meta: officer(CONSENTED_AT),
        data: { orderId: ORDER, offerId: 'offer-end', agreementId: 'offer-1', reason: 'Funding moved to individual aids' },
      };
      specify(procurementDecider)
        .given(recorded(coFinanced(), ending))
        .when(accept('offer-end'))
        .then([
          {
            type: 'CoFinancingEnded',
            data: { orderId: ORDER, agreementId: 'offer-1', offerId: 'offer-end', offeredBy: OFFICER, acceptedBy: 'buyer-ara-1', endedAt: AGREED_AT },
          },
        ]);
    });
  });

  describe('a reduction of a co-financed order', () => {
    // 50,000 € ordered, 30,000 € co-financed: removing 4 pathways (20,000 €) reaches the co-financed part exactly.
    it('allows a reduction just above the co-financed part, and records the figures', () => {
      const [adjusted] = specify(procurementDecider).given(coFinanced()).when(removePathways(3)).events();
      expect(adjusted).toMatchObject({
        type: 'OrderQuantityAdjusted',
        data: { coFinancing: { agreementId: 'offer-1', coFinancedCents: CO_FINANCED, valueBeforeCents: ORDER_VALUE, valueAfterCents: euros(35_000) } },
      });
    });

    it('allows a reduction down to the co-financed part exactly', () => {
      const [adjusted] = specify(procurementDecider).given(coFinanced()).when(removePathways(4)).events();
      expect(adjusted).toMatchObject({ type: 'OrderQuantityAdjusted', data: { coFinancing: { valueAfterCents: CO_FINANCED } } });
      expect(adjusted.data).not.toHaveProperty('coFinancing.consentId');
    });

    it('refuses a reduction just below the co-financed part without the officer’s consent, naming the figures', () => {
      specify(procurementDecider).given(coFinanced()).when(removePathways(5)).thenRefuses('CO_FINANCED_ORDER_REDUCTION_NOT_AGREED', {
        agreementId: 'offer-1',
        coFinancedCents: CO_FINANCED,
        valueBeforeCents: ORDER_VALUE,
        valueAfterCents: euros(25_000),
        consentFloorValueCents: null,
      });
    });

    it('allows it down to the floor the officer consented to, using the consent up', () => {
      const [adjusted] = specify(procurementDecider).given(recorded(coFinanced(), consent(euros(25_000)))).when(removePathways(5)).events();
      expect(adjusted).toMatchObject({
        type: 'OrderQuantityAdjusted',
        data: { coFinancing: { valueAfterCents: euros(25_000), consentId: 'consent-1', floorValueCents: euros(25_000) } },
      });
    });

    it('refuses a reduction below the consented floor', () => {
      specify(procurementDecider)
        .given(recorded(coFinanced(), consent(euros(25_000))))
        .when(removePathways(6))
        .thenRefuses('CO_FINANCED_ORDER_REDUCTION_NOT_AGREED', { valueAfterCents: euros(20_000), consentFloorValueCents: euros(25_000) });
    });

    it('uses a consent once: the co-financed part follows the order down, and the next reduction needs a new consent', () => {
      const reduced = recorded(coFinanced(), consent(euros(20_000)), removePathways(5));
      specify(procurementDecider)
        .given(reduced)
        .when(removePathways(1))
        .thenRefuses('CO_FINANCED_ORDER_REDUCTION_NOT_AGREED', { coFinancedCents: euros(25_000), valueAfterCents: euros(20_000), consentFloorValueCents: null });
    });

    it('leaves increases unchecked', () => {
      const [adjusted] = specify(procurementDecider).given(coFinanced()).when(changeQuantity(ORDER, VOLUME_PATHWAY_CLAUSE, 'PATHWAY', 2)).events();
      expect(adjusted.data).not.toHaveProperty('coFinancing');
    });

    it('refuses a consent whose floor is not below the co-financed part, or on an order not co-financed', () => {
      specify(procurementDecider)
        .given(coFinanced())
        .when(consent(CO_FINANCED))
        .thenRefuses('REDUCTION_CONSENT_FLOOR_INVALID', { floorValueCents: CO_FINANCED, coFinancedCents: CO_FINANCED });
      specify(procurementDecider).given(ordered()).when(consent(0)).thenRefuses('CO_FINANCING_NOT_IN_FORCE');
    });
  });
});
