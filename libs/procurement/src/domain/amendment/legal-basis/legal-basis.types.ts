import { AwardProcedureKind } from '../../legal/award-procedure';
import { BuyerKind, PurchaseKind } from '../../legal/legal-parameters';
import type { SubstantialEffect } from './substantial-effects';

/** Each has its article, eForms code and check in `LEGAL_BASES` (legal-bases.ts). */
export type LegalBasis = 'R2194-1' | 'R2194-2' | 'R2194-5' | 'R2194-6' | 'R2194-7' | 'R2194-8';

/** EU eForms BT-200 "reason for modification" codes. */
export type EformsModificationCode = 'mod-rev' | 'add-wss' | 'mod-cir' | 'mod-repl' | 'mod-nons' | 'mod-minv';

export type ModificationKind = 'PRICE' | 'SCOPE' | 'DURATION' | 'NEW_MODULES' | 'CONTRACTOR_CHANGE' | 'VOLUME';

export interface ModificationProposal {
  kind: ModificationKind;
  /** Signed change of the contract's total amount, in cents excluding VAT (0 allowed). */
  amountChangeCents: number;
  /** A review/adaptability clause of the INITIAL documents the buyer invokes (R2194-1, or R2194-6 1°). */
  reviewClauseId?: string;
  justification?: {
    /** R2194-5 */
    unforeseeableCircumstances?: boolean;
    /** R2194-2 */
    additionalServicesNeeded?: boolean;
    /** R2194-2: a change of contractor is impossible for economic or technical reasons. */
    changeOfContractorImpossible?: boolean;
    /** R2194-6 2°: transfer to a new contractor after a restructuring of the contractor. */
    contractorRestructuring?: boolean;
    /** L2194-1 5°: the buyer relies on the modification not being substantial, assessed in substantialEffects. */
    notSubstantial?: boolean;
  };
  /**
   * The buyer's assessment of each effect R2194-7 makes substantial. Under L2194-1 5° each must be assessed (false)
   * and any true refuses it; the other bases do not depend on it, and it is recorded as given.
   */
  substantialEffects?: {
    wouldHaveAttractedOtherBidders?: boolean;
    shiftsEconomicBalanceToContractor?: boolean;
    considerablyExtendsScope?: boolean;
  };
  /** No basis may change the overall nature of the contract (L2194-1). */
  changesOverallNature?: boolean;
}

export interface ReviewClauseTerms {
  clauseId: string;
  covers: ModificationKind[];
  /** Bound on the absolute amount of the changes made under this clause, cumulated (see PriorModification). */
  maxAmountChangeCents?: number;
  inInitialDocuments: boolean;
}

export interface PriorModification {
  legalBasis: LegalBasis;
  amountChangeCents: number;
  /** The clause a prior modification was made under, so that a clause bound is checked cumulatively. */
  reviewClauseId?: string;
}

export interface ModificationContext {
  /** Date of the decision, YYYY-MM-DD or full ISO (its calendar day as written); selects the dated thresholds. */
  date: string;
  buyerKind: BuyerKind;
  purchaseKind: PurchaseKind;
  /** Why the contract is of that kind (its CPV code), for the record. */
  purchaseKindReason?: string;
  /** How the contract was awarded; undefined for contracts drafted before it was recorded. */
  awardProcedure?: AwardProcedureKind;
  /** Initial amount of the contract, in cents excluding VAT. */
  initialAmountCents: number;
  /** Amount after earlier modifications, in cents excluding VAT. */
  currentAmountCents: number;
  priorModifications: PriorModification[];
  reviewClauses: ReviewClauseTerms[];
}

export interface ReviewClauseFigures {
  clauseId: string;
  found: boolean;
  inInitialDocuments?: boolean;
  covers?: ModificationKind[];
  coversChange?: boolean;
  maxAmountChangeCents?: number;
  /** Sum of the absolute amounts of prior modifications made under the same clause. */
  priorSameClauseCents: number;
  /** That sum plus the absolute amount of this modification: what the clause bound is checked against. */
  cumulativeSameClauseCents: number;
  withinBound?: boolean;
}

export interface PerModificationCapFigures {
  capPercentOfInitial: number;
  capCents: number;
  absoluteAmountCents: number;
  percentOfInitial: number;
  withinCap: boolean;
  /** Absolute amounts of prior R2194-2 and R2194-5 modifications, the series watched for splitting. */
  priorAdditionalAndUnforeseenCents: number;
  cumulativeAdditionalAndUnforeseenCents: number;
  cumulativeAdditionalAndUnforeseenPercentOfInitial: number;
  seriesAboveCap: boolean;
}

export interface DeMinimisFigures {
  euThresholdCents: number;
  euThresholdValidFrom: string;
  euThresholdValidTo: string | null;
  percentCapOfInitial: number;
  percentCapCents: number;
  /** Absolute amounts of prior R2194-8 modifications, summed under R2194-9. */
  priorDeMinimisCents: number;
  priorDeMinimisCount: number;
  /** Absolute amounts of prior R2194-5 modifications, shown to make clear they are not in the sum. */
  excludedPriorUnforeseenCents: number;
  cumulativeCents: number;
  cumulativePercentOfInitial: number;
  belowEuThreshold: boolean;
  belowPercentCap: boolean;
}

export interface TenderCommitteeFigures {
  /**
   * CGCT L1414-4 binds local authorities (a Région; the State has no tender committee under the CGCT), for contracts
   * the committee awarded: those of a formalised procedure (CGCT L1414-2), not adapted ones.
   */
  applies: boolean;
  /** The procedure the contract was awarded under, or null when not recorded (the opinion is then required as before). */
  awardProcedure: AwardProcedureKind | null;
  /** Why it applies or not, in words. */
  reason: string;
  thresholdPercentOfInitial: number;
  thresholdCents: number;
  /** The rise of the amount by this modification (0 for a decrease). */
  increaseCents: number;
  increasePercentOfInitial: number;
  opinionRequired: boolean;
}

/** Everything the decision used, for the record. Percentages are truncated to 2 decimals; cents are exact. */
export type LegalBasisFigures = {
  date: string;
  buyerKind: BuyerKind;
  purchaseKind: PurchaseKind;
  purchaseKindReason?: string;
  kind: ModificationKind;
  initialAmountCents: number;
  currentAmountCents: number;
  amountChangeCents: number;
  newAmountCents: number;
  amountChangePercentOfInitial: number;
  priorModificationCount: number;
  priorNetChangeCents: number;
  /** Signed total of all modifications including this one, and its percentage of the initial amount. */
  cumulativeNetChangeCents: number;
  cumulativeNetChangePercentOfInitial: number;
  /** One running total per legal basis: absolute amounts of the prior modifications. */
  priorAbsoluteChangeByBasisCents: Record<LegalBasis, number>;
  legalParameters: { validFrom: string; validTo: string | null; sources: readonly string[] };
  /** The basis checked, why it was the one checked, and its running total with this modification. */
  testedBasis?: LegalBasis;
  basisSelection?: string;
  priorSameBasisCents?: number;
  cumulativeSameBasisCents?: number;
  cumulativeSameBasisPercentOfInitial?: number;
  substantialEffectsFound?: string[];
  /** Under L2194-1 5°: the R2194-7 effects the buyer assessed, each with the buyer's answer. */
  substantialAssessment?: Record<SubstantialEffect, boolean | null>;
  reviewClause?: ReviewClauseFigures;
  contractorChangeGround?: 'REVIEW_CLAUSE' | 'RESTRUCTURING';
  perModificationCap?: PerModificationCapFigures;
  deMinimis?: DeMinimisFigures;
  tenderCommittee: TenderCommitteeFigures;
};

export type LegalBasisRefusalCode =
  | 'AMENDMENT_CHANGES_OVERALL_NATURE'
  | 'AMENDMENT_SUBSTANTIAL'
  | 'SUBSTANTIAL_ASSESSMENT_INCOMPLETE'
  | 'CONTRACTOR_CHANGE_NOT_ALLOWED'
  | 'REVIEW_CLAUSE_NOT_IN_INITIAL_DOCUMENTS'
  | 'REVIEW_CLAUSE_DOES_NOT_COVER_CHANGE'
  | 'REVIEW_CLAUSE_BOUND_EXCEEDED'
  | 'AMENDMENT_EXCEEDS_50_PERCENT'
  | 'AMENDMENT_EXCEEDS_DE_MINIMIS';

export interface LegalBasisAllowed {
  allowed: true;
  legalBasis: LegalBasis;
  eformsCode: EformsModificationCode;
  article: string;
  /** The clause relied on (R2194-1, or R2194-6 under a clause): the record must name it. */
  reviewClauseId?: string;
  figures: LegalBasisFigures;
  tenderCommitteeOpinionRequired: boolean;
  /** Set when a series of R2194-2/R2194-5 modifications exceeds the per-modification cap in total. */
  splittingWarning?: string;
}

export interface LegalBasisRefused {
  allowed: false;
  code: LegalBasisRefusalCode;
  rule: string;
  message: string;
  figures: LegalBasisFigures;
}

export type LegalBasisDecision = LegalBasisAllowed | LegalBasisRefused;
