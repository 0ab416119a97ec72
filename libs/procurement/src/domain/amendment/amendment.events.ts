import { Awardee, CatalogueModule, TargetPublic, WorkUnitType } from '../terms/procurement-terms';

/** What an amendment changes in the terms once it is in force. */
export type AmendmentChange =
  | { kind: 'PRICE'; lotId: string; unitType: WorkUnitType; newUnitPriceCents: number }
  | { kind: 'DURATION'; newEndDate: string }
  | { kind: 'SCOPE'; lotId: string; territoryCodes?: string[]; targetPublics?: TargetPublic[] }
  | { kind: 'NEW_MODULES'; lotId: string; modules: CatalogueModule[] }
  | { kind: 'CONTRACTOR_CHANGE'; lotId: string; awardee: Awardee }
  | { kind: 'VOLUME'; lotId: string; unitType: WorkUnitType; newMaxQuantity: number };
export type AmendmentKind = AmendmentChange['kind'];

/** The legal basis found for an amendment and the figures checked, as recorded for auditors. */
export interface RecordedLegalCheck {
  legalBasis: string;
  eformsCode: string;
  article: string;
  figures: Record<string, unknown>;
  tenderCommitteeOpinionRequired: boolean;
  splittingWarning?: string;
}

export interface AmendmentJustification {
  unforeseeableCircumstances?: boolean;
  additionalServicesNeeded?: boolean;
  changeOfContractorImpossible?: boolean;
  contractorRestructuring?: boolean;
  /** L2194-1 5°: the buyer relies on the change not being substantial (R2194-7). */
  notSubstantial?: boolean;
}

export interface SubstantialEffects {
  wouldHaveAttractedOtherBidders?: boolean;
  shiftsEconomicBalanceToContractor?: boolean;
  considerablyExtendsScope?: boolean;
}

export type AmendmentRequested = {
  type: 'AmendmentRequested';
  data: { amendmentId: string; lotId: string; providerId: string; description: string; change: AmendmentChange; requestedAt: string };
};
/**
 * Version 3: checked with the thresholds of the contract's kind of service, the tender committee only for
 * formalised procedures and R2194-7 as the test of its own basis. Version 2: the change in value is computed
 * (computation); version 1 held the amount the buyer typed.
 */
export const AMENDMENT_PROPOSED_SCHEMA_VERSION = 3;
/** Version 2: checked under the rules of AmendmentProposed version 3. */
export const UNILATERAL_MODIFICATION_SCHEMA_VERSION = 2;

export type AmendmentProposed = {
  type: 'AmendmentProposed';
  schemaVersion?: number;
  data: {
    amendmentId: string;
    description: string;
    change: AmendmentChange;
    /** The change in value the engine computed (computation.amountChangeCents): the legal bases are checked on it. */
    amountChangeCents: number;
    /** How it was computed. Absent from those recorded at version 1: the store's upcaster gives them one (upcastAmendmentProposed). */
    computation?: AmendmentComputation;
    /** The buyer's own estimate, when given. */
    declaredAmountChangeCents?: number;
    reviewClauseId?: string;
    justification: AmendmentJustification;
    substantialEffects: SubstantialEffects;
    changesOverallNature: boolean;
    /** The provider's request this proposal answers, if any. */
    requestId?: string;
    legalCheck: RecordedLegalCheck;
    proposedAt: string;
  };
};
export type TenderCommitteeOpinionRecorded = {
  type: 'TenderCommitteeOpinionRecorded';
  data: { amendmentId: string; opinionDate: string; favourable: boolean };
};
export type AmendmentSigned = { type: 'AmendmentSigned'; data: { amendmentId: string; signedAt: string } };
export type AmendmentNotified = {
  type: 'AmendmentNotified';
  data: { amendmentId: string; providerIds: string[]; notifiedAt: string; responseDeadline: string };
};
export type AmendmentAcknowledged = {
  type: 'AmendmentAcknowledged';
  data: { amendmentId: string; providerId: string; acknowledgedAt: string };
};
export type AmendmentAccepted = {
  type: 'AmendmentAccepted';
  data: { amendmentId: string; providerId: string; acceptedAt: string };
};
export type AmendmentDisputed = {
  type: 'AmendmentDisputed';
  data: { amendmentId: string; providerId: string; reason: string; disputedAt: string };
};
/**
 * Recorded before consent was required: no answer by the deadline was then taken for acceptance and the
 * amendment came into force (AmendmentCameIntoForce follows it). Such events keep that meaning; none is decided
 * any more (see AmendmentLeftUnanswered).
 */
export type AmendmentDeemedAccepted = {
  type: 'AmendmentDeemedAccepted';
  data: { amendmentId: string; responseDeadline: string; recordedAt: string };
};

/**
 * No answer by the response deadline: silence is not consent (an avenant binds the contractor only once it
 * accepts it), so the amendment lapses without coming into force. The providers named are those who had not
 * accepted it.
 */
export type AmendmentLeftUnanswered = {
  type: 'AmendmentLeftUnanswered';
  data: { amendmentId: string; providerIds: string[]; responseDeadline: string; recordedAt: string };
};

/** Every addressed provider accepted it (or, before consent was required, the deadline passed): the terms change from now on. */
export type AmendmentCameIntoForce = {
  type: 'AmendmentCameIntoForce';
  data: { amendmentId: string; change: AmendmentChange; amountChangeCents: number; legalBasis: string; inForceAt: string };
};

/**
 * The buyer's unilateral modification (CCP L6 4°, L2194-2), with its ground, its computed figures and the legal
 * basis found for it, as an amendment's; AmendmentCameIntoForce follows it at once. The providers named are those
 * whose lots it changes: each may claim compensation.
 */
export type UnilateralModificationImposed = {
  type: 'UnilateralModificationImposed';
  schemaVersion?: number;
  data: Omit<AmendmentProposed['data'], 'requestId' | 'proposedAt' | 'computation'> & {
    computation: AmendmentComputation;
    ground: string;
    providerIds: string[];
    article: string;
    imposedAt: string;
  };
};

/** Withdrawn before signature: it binds no one and frees the headroom it held. */
export type AmendmentWithdrawn = {
  type: 'AmendmentWithdrawn';
  data: { amendmentId: string; reason: string; withdrawnAt: string };
};

export type AmendmentEvent =
  | AmendmentRequested
  | AmendmentProposed
  | TenderCommitteeOpinionRecorded
  | AmendmentSigned
  | AmendmentNotified
  | AmendmentAcknowledged
  | AmendmentAccepted
  | AmendmentDisputed
  | AmendmentDeemedAccepted
  | AmendmentLeftUnanswered
  | AmendmentCameIntoForce
  | UnilateralModificationImposed
  | AmendmentWithdrawn;

/**
 * How an amendment's change in value was found, for the record: the method, every input, the result. The
 * legal bases are checked on this figure; a figure the buyer declares is kept beside it, never in its place.
 */
export type AmendmentComputation =
  | {
      /** (new − current unit price) × the quantity the price applies to: what is ordered, or the estimate if more. */
      method: 'PRICE_DIFFERENCE_TIMES_QUANTITY';
      inputs: { currentUnitPriceCents: number; newUnitPriceCents: number; orderedQuantity: number; remainingQuantity: number };
      amountChangeCents: number;
    }
  | {
      /** Each module at its catalogue price × the lot's estimated quantity of the module's work unit. */
      method: 'MODULES_AT_CATALOGUE_PRICE';
      inputs: { modules: Array<{ moduleId: string; unitPriceCents: number; quantity: number; amountCents: number }> };
      amountChangeCents: number;
    }
  | {
      /** (new − current maximum quantity) × the unit price in force. */
      method: 'VOLUME_AT_UNIT_PRICE';
      inputs: { currentMaxQuantity: number; newMaxQuantity: number; unitPriceCents: number };
      amountChangeCents: number;
    }
  | {
      /** The contract's value per day of its current duration × the days added (or removed), rounded down. */
      method: 'DURATION_AT_RUN_RATE';
      inputs: { currentValueCents: number; currentDays: number; currentEndDate: string; newEndDate: string; daysChanged: number };
      amountChangeCents: number;
    }
  | {
      /** Territories, publics or the contractor change: no price, quantity nor duration term moves. */
      method: 'NO_PRICED_TERM_CHANGED';
      inputs: Record<string, never>;
      amountChangeCents: 0;
    }
  | {
      /** Recorded before amendments carried computed figures: the amount is the one the buyer declared then. */
      method: 'DECLARED_BEFORE_COMPUTATION';
      inputs: { declaredAmountChangeCents: number };
      amountChangeCents: number;
    };
