/**
 * Co-financing (abondement): Pôle emploi funds a share of a Région order. The officer offers (a new agreement,
 * a change replacing the one in force, or its end) and the buyer accepts or declines: nothing about the
 * agreement changes without both. The officer alone may consent to a reduction of the order below the
 * co-financed part, once, down to a floor.
 */

/** The share Pôle emploi funds: a percentage of the order's value (2 decimals at most) or an amount. */
export type CoFinancingShare = { kind: 'PERCENT'; percent: number } | { kind: 'AMOUNT'; amountCents: number };

export type CoFinancingOffered = {
  type: 'CoFinancingOffered';
  data: {
    orderId: string;
    /** Becomes the agreement's id when the buyer accepts. */
    offerId: string;
    share: CoFinancingShare;
    /** The agreement in force that this offer would replace (a change), if any. */
    replacesAgreementId?: string;
    reason: string;
    offeredBy: string;
    offeredAt: string;
  };
};

export type CoFinancingTerminationOffered = {
  type: 'CoFinancingTerminationOffered';
  data: { orderId: string; offerId: string; agreementId: string; reason: string; offeredBy: string; offeredAt: string };
};

/** Both parties agreed: the co-financed part is fixed in cents on the order's value of that moment. */
export type CoFinancingAgreed = {
  type: 'CoFinancingAgreed';
  data: {
    orderId: string;
    agreementId: string;
    share: CoFinancingShare;
    replacesAgreementId?: string;
    orderValueCents: number;
    coFinancedCents: number;
    offeredBy: string;
    acceptedBy: string;
    agreedAt: string;
  };
};

export type CoFinancingEnded = {
  type: 'CoFinancingEnded';
  data: { orderId: string; agreementId: string; offerId: string; offeredBy: string; acceptedBy: string; endedAt: string };
};

export type CoFinancingOfferDeclined = {
  type: 'CoFinancingOfferDeclined';
  data: { orderId: string; offerId: string; reason: string; declinedBy: string; declinedAt: string };
};

/** The officer accepts that one reduction of the order takes its value below the co-financed part, down to the floor. */
export type CoFinancedReductionConsented = {
  type: 'CoFinancedReductionConsented';
  data: {
    orderId: string;
    consentId: string;
    agreementId: string;
    floorValueCents: number;
    reason: string;
    consentedBy: string;
    consentedAt: string;
  };
};

/** Kept with an order reduction under a co-financing agreement: the figures checked, and the consent used. */
export interface CoFinancedReductionCheck {
  agreementId: string;
  coFinancedCents: number;
  valueBeforeCents: number;
  valueAfterCents: number;
  /** Present when the reduction went below the co-financed part under the officer's consent (then used up). */
  consentId?: string;
  floorValueCents?: number;
}

export type CoFinancingEvent =
  | CoFinancingOffered
  | CoFinancingTerminationOffered
  | CoFinancingAgreed
  | CoFinancingEnded
  | CoFinancingOfferDeclined
  | CoFinancedReductionConsented;
