import { CoFinancedReductionCheck, CoFinancingEvent, CoFinancingShare } from './co-financing.events';

export interface CoFinancingAgreement {
  agreementId: string;
  share: CoFinancingShare;
  /** The part Pôle emploi funds, in cents; never above the order's value. */
  coFinancedCents: number;
  offeredBy: string;
  acceptedBy: string;
  agreedAt: string;
}

export type CoFinancingOffer =
  | { offerId: string; kind: 'AGREEMENT'; share: CoFinancingShare; replacesAgreementId?: string; reason: string; offeredBy: string; offeredAt: string }
  | { offerId: string; kind: 'TERMINATION'; agreementId: string; reason: string; offeredBy: string; offeredAt: string };

export interface ReductionConsent {
  consentId: string;
  floorValueCents: number;
  consentedBy: string;
}

/** Co-financing of one order: the agreement in force, the offer waiting for the buyer, the unused consent. */
export interface OrderCoFinancing {
  inForce?: CoFinancingAgreement;
  pendingOffer?: CoFinancingOffer;
  reductionConsent?: ReductionConsent;
}

export function evolveCoFinancing(current: OrderCoFinancing | undefined, event: CoFinancingEvent): OrderCoFinancing {
  const coFinancing = current ?? {};
  switch (event.type) {
    case 'CoFinancingOffered': {
      const { orderId: _orderId, ...offer } = event.data;
      return { ...coFinancing, pendingOffer: { kind: 'AGREEMENT', ...offer } };
    }
    case 'CoFinancingTerminationOffered': {
      const { orderId: _orderId, ...offer } = event.data;
      return { ...coFinancing, pendingOffer: { kind: 'TERMINATION', ...offer } };
    }
    case 'CoFinancingAgreed': {
      const { agreementId, share, coFinancedCents, offeredBy, acceptedBy, agreedAt } = event.data;
      // A consent given under the replaced agreement does not carry over to the new one.
      return { inForce: { agreementId, share, coFinancedCents, offeredBy, acceptedBy, agreedAt } };
    }
    case 'CoFinancingEnded':
      return {};
    case 'CoFinancingOfferDeclined': {
      const { pendingOffer: _declined, ...rest } = coFinancing;
      return rest;
    }
    case 'CoFinancedReductionConsented': {
      const { consentId, floorValueCents, consentedBy } = event.data;
      return { ...coFinancing, reductionConsent: { consentId, floorValueCents, consentedBy } };
    }
  }
}

/** After a reduction under the agreement: a consent used is spent, and the co-financed part fits the new value. */
export function afterReduction(coFinancing: OrderCoFinancing, check: CoFinancedReductionCheck): OrderCoFinancing {
  if (check.consentId === undefined || !coFinancing.inForce) return coFinancing;
  const { reductionConsent: _used, ...rest } = coFinancing;
  return { ...rest, inForce: { ...coFinancing.inForce, coFinancedCents: Math.min(coFinancing.inForce.coFinancedCents, check.valueAfterCents) } };
}
