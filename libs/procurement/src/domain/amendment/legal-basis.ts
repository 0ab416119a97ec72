import { RuleViolation } from '@app/shared/errors/domain-errors';
import { AwardProcedureKind, isFormalised } from '../legal/award-procedure';
import { BuyerKind, LegalParameters, legalParametersAt, PurchaseKind } from '../legal/legal-parameters';
import { compareToPercentOf, formatCents, percentAmountCents, percentOf } from '../legal/percent-of';

/**
 * The legal basis of a contract modification (avenant) under the French public procurement code (CCP
 * L2194-1, R2194-1 to R2194-9): which basis allows it, or which rule refuses it, with every figure checked so
 * that an auditor can re-check the decision later. Pure: the date of the decision comes in the context.
 *
 * The substantial-change test of R2194-7 belongs to one basis only, the non-substantial modification of L2194-1
 * 5°: the other bases allow a modification on their own terms, and R2194-8 says so in words ("sans qu'il soit
 * nécessaire de vérifier si les conditions prévues à l'article R. 2194-7 sont remplies"). No basis may change the
 * overall nature of the contract.
 *
 * Decreases (negative amounts): the CCP caps "the amount of the modification" without a sign, and a reduction
 * changes the economic balance of the contract as much as an increase. So every cap (de minimis, 50%, review
 * clause bound) and every running total uses absolute values: a +8% then a -8% de minimis amendment count as
 * 16%, otherwise alternating changes could go round the caps. Only the tender committee test (CGCT L1414-4)
 * looks at increases alone, because it is about a rise of the amount.
 */

export type LegalBasis = 'R2194-1' | 'R2194-2' | 'R2194-5' | 'R2194-6' | 'R2194-7' | 'R2194-8';

/** EU eForms BT-200 "reason for modification" codes. */
export type EformsModificationCode = 'mod-rev' | 'add-wss' | 'mod-cir' | 'mod-repl' | 'mod-nons' | 'mod-minv';

export const EFORMS_MODIFICATION_CODES: Readonly<Record<LegalBasis, EformsModificationCode>> = {
  'R2194-1': 'mod-rev',
  'R2194-2': 'add-wss',
  'R2194-5': 'mod-cir',
  'R2194-6': 'mod-repl',
  'R2194-7': 'mod-nons',
  'R2194-8': 'mod-minv',
};

/** The articles an allowed modification relies on, as cited in the record. */
export const LEGAL_BASIS_ARTICLES: Readonly<Record<LegalBasis, string>> = {
  'R2194-1': 'CCP R2194-1',
  'R2194-2': 'CCP R2194-2 and R2194-3',
  'R2194-5': 'CCP R2194-5',
  'R2194-6': 'CCP R2194-6',
  'R2194-7': 'CCP L2194-1 5° and R2194-7',
  'R2194-8': 'CCP R2194-8 and R2194-9',
};

const LEGAL_BASES: readonly LegalBasis[] = ['R2194-1', 'R2194-2', 'R2194-5', 'R2194-6', 'R2194-7', 'R2194-8'];

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

/**
 * The legal basis that allows a modification, or the rule that refuses it. Rules are tried in this order:
 * overall nature (L2194-1), change of contractor (R2194-6), invoked review clause (R2194-1), additional services
 * (R2194-2/-3), unforeseeable circumstances (R2194-5), non-substantial modification when invoked (L2194-1 5°,
 * R2194-7), de minimis (R2194-8/-9). A basis the buyer invokes (clause, justification) is the one checked: when
 * it fails the modification is refused rather than silently moved to another basis. Throws a RuleViolation on
 * malformed figures or on a date without legal parameters.
 */
export function checkLegalBasis(proposal: ModificationProposal, context: ModificationContext): LegalBasisDecision {
  assertWellFormed(proposal, context);
  const parameters = legalParametersAt(context.date);
  const base = baseFigures(proposal, context, parameters);
  const justification = proposal.justification ?? {};

  if (proposal.changesOverallNature) {
    return refused(
      'AMENDMENT_CHANGES_OVERALL_NATURE',
      'CCP L2194-1',
      'A modification may not change the overall nature of the contract, whatever its legal basis',
      base,
    );
  }

  if (proposal.kind === 'CONTRACTOR_CHANGE') return checkContractorChange(proposal, context, base);
  if (proposal.reviewClauseId !== undefined) return checkReviewClause(proposal.reviewClauseId, proposal, context, base);
  if (justification.additionalServicesNeeded && justification.changeOfContractorImpossible) {
    return checkPerModificationCap('R2194-2', proposal, context, parameters, base);
  }
  if (justification.unforeseeableCircumstances) {
    return checkPerModificationCap('R2194-5', proposal, context, parameters, base);
  }
  if (justification.notSubstantial) return checkNotSubstantial(proposal, context, base);
  return checkDeMinimis(proposal, context, parameters, base);
}

const SUBSTANTIAL_EFFECTS = ['wouldHaveAttractedOtherBidders', 'shiftsEconomicBalanceToContractor', 'considerablyExtendsScope'] as const;
export type SubstantialEffect = (typeof SUBSTANTIAL_EFFECTS)[number];

/**
 * L2194-1 5°: a modification that is not substantial is allowed whatever its amount. R2194-7 makes it substantial
 * when it would have let other candidates in or changed the outcome of the award (1°), shifts the economic balance
 * to the contractor in a way the contract did not provide for (2°), considerably extends the scope (3°), or
 * replaces the contractor outside R2194-6 (4°, the change of contractor path). The buyer answers each of the first
 * three in the record; an unanswered one refuses the basis, a yes refuses the modification.
 */
function checkNotSubstantial(proposal: ModificationProposal, context: ModificationContext, base: LegalBasisFigures): LegalBasisDecision {
  const effects = proposal.substantialEffects ?? {};
  const substantialAssessment = Object.fromEntries(SUBSTANTIAL_EFFECTS.map((effect) => [effect, effects[effect] ?? null])) as Record<
    SubstantialEffect,
    boolean | null
  >;
  const figures: LegalBasisFigures = {
    ...base,
    ...sameBasisFigures('R2194-7', context, proposal),
    basisSelection: 'the buyer relies on the modification not being substantial',
    substantialAssessment,
  };
  const unanswered = SUBSTANTIAL_EFFECTS.filter((effect) => substantialAssessment[effect] === null);
  if (unanswered.length > 0) {
    return refused(
      'SUBSTANTIAL_ASSESSMENT_INCOMPLETE',
      'CCP L2194-1 5° and R2194-7',
      `A non-substantial modification needs the buyer's answer to each effect of R2194-7; unanswered: ${unanswered.join(', ')}`,
      figures,
    );
  }
  const substantialEffectsFound = substantialEffectsOf(proposal);
  if (substantialEffectsFound.length > 0) {
    return refused(
      'AMENDMENT_SUBSTANTIAL',
      'CCP R2194-7',
      `The modification is substantial (${substantialEffectsFound.join('; ')}): it needs a new award procedure`,
      { ...figures, substantialEffectsFound },
    );
  }
  return allowed('R2194-7', figures);
}

/** The allowed decision, or a RuleViolation carrying the refusal's code, rule, message and figures. */
export function assertLegalBasis(proposal: ModificationProposal, context: ModificationContext): LegalBasisAllowed {
  const decision = checkLegalBasis(proposal, context);
  if (!decision.allowed) {
    throw new RuleViolation(decision.code, decision.message, decision.rule, { ...decision.figures });
  }
  return decision;
}

function checkContractorChange(
  proposal: ModificationProposal,
  context: ModificationContext,
  base: LegalBasisFigures,
): LegalBasisDecision {
  const figures = { ...base, ...sameBasisFigures('R2194-6', context, proposal) };
  const clauseId = proposal.reviewClauseId;
  const clause = clauseId === undefined ? undefined : evaluateReviewClause(clauseId, proposal, context);
  if (clause?.ok) {
    const underClause: LegalBasisFigures = {
      ...figures,
      basisSelection: `review clause ${clause.figures.clauseId} of the initial documents provides for a new contractor`,
      reviewClause: clause.figures,
      contractorChangeGround: 'REVIEW_CLAUSE',
    };
    return allowed('R2194-6', underClause, clause.figures.clauseId);
  }
  if (proposal.justification?.contractorRestructuring) {
    return allowed('R2194-6', {
      ...figures,
      basisSelection: 'transfer to a new contractor after a restructuring of the contractor',
      reviewClause: clause?.figures,
      contractorChangeGround: 'RESTRUCTURING',
    });
  }
  const clauseProblem = clause && !clause.ok ? ` (${clause.message})` : '';
  return refused(
    'CONTRACTOR_CHANGE_NOT_ALLOWED',
    'CCP R2194-6',
    'A new contractor may replace the contractor only under a review clause of the initial documents or after a ' +
      `restructuring of the contractor; any other substitution is substantial${clauseProblem}`,
    { ...figures, basisSelection: 'change of contractor', reviewClause: clause?.figures },
  );
}

function checkReviewClause(
  clauseId: string,
  proposal: ModificationProposal,
  context: ModificationContext,
  base: LegalBasisFigures,
): LegalBasisDecision {
  const clause = evaluateReviewClause(clauseId, proposal, context);
  const figures: LegalBasisFigures = {
    ...base,
    ...sameBasisFigures('R2194-1', context, proposal),
    basisSelection: `review clause ${clauseId} invoked`,
    reviewClause: clause.figures,
  };
  if (!clause.ok) return refused(clause.code, 'CCP R2194-1', clause.message, figures);
  return allowed('R2194-1', figures, clauseId);
}

type ClauseEvaluation =
  | { ok: true; figures: ReviewClauseFigures }
  | { ok: false; code: LegalBasisRefusalCode; message: string; figures: ReviewClauseFigures };

function evaluateReviewClause(
  clauseId: string,
  proposal: ModificationProposal,
  context: ModificationContext,
): ClauseEvaluation {
  const terms = context.reviewClauses.find((clause) => clause.clauseId === clauseId);
  const priorSameClauseCents = sumAbsolute(
    context.priorModifications.filter((prior) => prior.reviewClauseId === clauseId),
  );
  const cumulativeSameClauseCents = priorSameClauseCents + Math.abs(proposal.amountChangeCents);
  const figures: ReviewClauseFigures = {
    clauseId,
    found: terms !== undefined,
    priorSameClauseCents,
    cumulativeSameClauseCents,
  };
  // A clause that is not among the contract's clauses cannot be part of its initial documents.
  if (!terms || !terms.inInitialDocuments) {
    const where = terms ? 'is not part of the initial contract documents' : 'is not a clause of this contract';
    const priceNote =
      proposal.kind === 'PRICE' ? ': a price-revision clause cannot be added to a contract by amendment' : '';
    return {
      ok: false,
      code: 'REVIEW_CLAUSE_NOT_IN_INITIAL_DOCUMENTS',
      message:
        `Review clause ${clauseId} ${where}; only clauses of the initial documents allow a modification` + priceNote,
      figures: terms ? { ...figures, inInitialDocuments: false } : figures,
    };
  }
  const coversChange = terms.covers.includes(proposal.kind);
  const described: ReviewClauseFigures = {
    ...figures,
    inInitialDocuments: true,
    covers: [...terms.covers],
    coversChange,
    maxAmountChangeCents: terms.maxAmountChangeCents,
  };
  if (!coversChange) {
    return {
      ok: false,
      code: 'REVIEW_CLAUSE_DOES_NOT_COVER_CHANGE',
      message:
        `Review clause ${clauseId} covers ${terms.covers.join(', ') || 'no change'}, ` +
        `not a ${proposal.kind} change`,
      figures: described,
    };
  }
  if (terms.maxAmountChangeCents === undefined) return { ok: true, figures: described };
  // The bound is what the clause allows over the life of the contract: changes under it are cumulated.
  const withinBound = cumulativeSameClauseCents <= terms.maxAmountChangeCents;
  if (!withinBound) {
    return {
      ok: false,
      code: 'REVIEW_CLAUSE_BOUND_EXCEEDED',
      message:
        `Changes under review clause ${clauseId} would total ${formatCents(cumulativeSameClauseCents)} ` +
        `(${formatCents(priorSameClauseCents)} before this one), ` +
        `beyond its bound of ${formatCents(terms.maxAmountChangeCents)}`,
      figures: { ...described, withinBound },
    };
  }
  return { ok: true, figures: { ...described, withinBound } };
}

function checkPerModificationCap(
  legalBasis: 'R2194-2' | 'R2194-5',
  proposal: ModificationProposal,
  context: ModificationContext,
  parameters: LegalParameters,
  base: LegalBasisFigures,
): LegalBasisDecision {
  const capPercent =
    legalBasis === 'R2194-2'
      ? parameters.additionalServicesCapPercentOfInitial
      : parameters.unforeseeableCircumstancesCapPercentOfInitial;
  const initial = context.initialAmountCents;
  const absoluteAmountCents = Math.abs(proposal.amountChangeCents);
  const withinCap = compareToPercentOf(absoluteAmountCents, capPercent, initial) <= 0;
  const priorSeriesCents = sumAbsolute(
    context.priorModifications.filter((prior) => prior.legalBasis === 'R2194-2' || prior.legalBasis === 'R2194-5'),
  );
  const cumulativeSeriesCents = priorSeriesCents + absoluteAmountCents;
  const seriesAboveCap = compareToPercentOf(cumulativeSeriesCents, capPercent, initial) > 0;
  const cap: PerModificationCapFigures = {
    capPercentOfInitial: capPercent,
    capCents: percentAmountCents(capPercent, initial),
    absoluteAmountCents,
    percentOfInitial: percentOf(absoluteAmountCents, initial),
    withinCap,
    priorAdditionalAndUnforeseenCents: priorSeriesCents,
    cumulativeAdditionalAndUnforeseenCents: cumulativeSeriesCents,
    cumulativeAdditionalAndUnforeseenPercentOfInitial: percentOf(cumulativeSeriesCents, initial),
    seriesAboveCap,
  };
  const figures: LegalBasisFigures = {
    ...base,
    ...sameBasisFigures(legalBasis, context, proposal),
    basisSelection:
      legalBasis === 'R2194-2'
        ? 'additional services needed and a change of contractor impossible for economic or technical reasons'
        : 'circumstances a diligent buyer could not foresee',
    perModificationCap: cap,
  };
  const rule = legalBasis === 'R2194-2' ? 'CCP R2194-3' : 'CCP R2194-5';
  if (!withinCap) {
    return refused(
      'AMENDMENT_EXCEEDS_50_PERCENT',
      rule,
      `The modification (${formatCents(absoluteAmountCents)}, ${cap.percentOfInitial}% of the initial amount) ` +
        `exceeds ${capPercent}% of the initial amount (${formatCents(cap.capCents)})`,
      figures,
    );
  }
  // The cap applies to each modification separately (R2194-3), so a series above it in total is lawful, but it
  // must not be a way round competition: flag it for the buyer and the auditor.
  const splittingWarning = seriesAboveCap
    ? `R2194-2 and R2194-5 modifications total ${formatCents(cumulativeSeriesCents)} with this one ` +
      `(${cap.cumulativeAdditionalAndUnforeseenPercentOfInitial}% of the initial amount, above ${capPercent}%): ` +
      'each is within the cap, but successive modifications must not be used to avoid a new award procedure; ' +
      'check that this series is not splitting'
    : undefined;
  return allowed(legalBasis, figures, undefined, splittingWarning);
}

function checkDeMinimis(
  proposal: ModificationProposal,
  context: ModificationContext,
  parameters: LegalParameters,
  base: LegalBasisFigures,
): LegalBasisDecision {
  const initial = context.initialAmountCents;
  const threshold = parameters.euThresholdsCents[context.buyerKind][context.purchaseKind];
  const percentCap = parameters.deMinimisPercentOfInitial[context.purchaseKind];
  const priorDeMinimis = context.priorModifications.filter((prior) => prior.legalBasis === 'R2194-8');
  // R2194-9: successive de minimis modifications are judged on their cumulated amount; R2194-5 ones are not.
  const priorDeMinimisCents = sumAbsolute(priorDeMinimis);
  const cumulativeCents = priorDeMinimisCents + Math.abs(proposal.amountChangeCents);
  // Both tests are strict: the CCP requires an amount *below* the threshold and the percentage.
  const belowEuThreshold = cumulativeCents < threshold;
  const belowPercentCap = compareToPercentOf(cumulativeCents, percentCap, initial) < 0;
  const deMinimis: DeMinimisFigures = {
    euThresholdCents: threshold,
    euThresholdValidFrom: parameters.validFrom,
    euThresholdValidTo: parameters.validTo,
    percentCapOfInitial: percentCap,
    percentCapCents: percentAmountCents(percentCap, initial),
    priorDeMinimisCents,
    priorDeMinimisCount: priorDeMinimis.length,
    excludedPriorUnforeseenCents: sumAbsolute(
      context.priorModifications.filter((prior) => prior.legalBasis === 'R2194-5'),
    ),
    cumulativeCents,
    cumulativePercentOfInitial: percentOf(cumulativeCents, initial),
    belowEuThreshold,
    belowPercentCap,
  };
  const figures: LegalBasisFigures = {
    ...base,
    ...sameBasisFigures('R2194-8', context, proposal),
    basisSelection: deMinimisSelectionReason(proposal),
    deMinimis,
  };
  if (belowEuThreshold && belowPercentCap) return allowed('R2194-8', figures);

  const failures = [
    belowEuThreshold
      ? undefined
      : `not below the EU threshold of ${formatCents(threshold)} in force on ${parameters.validFrom}` +
        `${parameters.validTo ? ` to ${parameters.validTo}` : ' onwards'}`,
    belowPercentCap
      ? undefined
      : `not below ${percentCap}% of the initial amount (${formatCents(deMinimis.percentCapCents)})`,
  ].filter((failure): failure is string => failure !== undefined);
  return refused(
    'AMENDMENT_EXCEEDS_DE_MINIMIS',
    'CCP R2194-8 and R2194-9',
    `No other basis applies and the de minimis modifications would total ${formatCents(cumulativeCents)} ` +
      `(${formatCents(priorDeMinimisCents)} before this one, ${deMinimis.cumulativePercentOfInitial}% of the ` +
      `initial amount): ${failures.join(' and ')}; a modification that is not substantial may rely on L2194-1 5° instead`,
    figures,
  );
}

function deMinimisSelectionReason(proposal: ModificationProposal): string {
  const justification = proposal.justification ?? {};
  if (justification.additionalServicesNeeded && !justification.changeOfContractorImpossible) {
    return (
      'no other basis applies (additional services are claimed, ' +
      'but R2194-2 also needs a change of contractor to be impossible)'
    );
  }
  return 'no other basis applies';
}

function allowed(
  legalBasis: LegalBasis,
  figures: LegalBasisFigures,
  reviewClauseId?: string,
  splittingWarning?: string,
): LegalBasisAllowed {
  return {
    allowed: true,
    legalBasis,
    eformsCode: EFORMS_MODIFICATION_CODES[legalBasis],
    article: LEGAL_BASIS_ARTICLES[legalBasis],
    ...(reviewClauseId === undefined ? {} : { reviewClauseId }),
    figures,
    tenderCommitteeOpinionRequired: figures.tenderCommittee.opinionRequired,
    ...(splittingWarning === undefined ? {} : { splittingWarning }),
  };
}

function refused(
  code: LegalBasisRefusalCode,
  rule: string,
  message: string,
  figures: LegalBasisFigures,
): LegalBasisRefused {
  return { allowed: false, code, rule, message, figures };
}

function baseFigures(
  proposal: ModificationProposal,
  context: ModificationContext,
  parameters: LegalParameters,
): LegalBasisFigures {
  const initial = context.initialAmountCents;
  const priorNetChangeCents = context.priorModifications.reduce((sum, prior) => sum + prior.amountChangeCents, 0);
  const cumulativeNetChangeCents = priorNetChangeCents + proposal.amountChangeCents;
  const priorAbsoluteChangeByBasisCents = Object.fromEntries(
    LEGAL_BASES.map((basis) => [
      basis,
      sumAbsolute(context.priorModifications.filter((prior) => prior.legalBasis === basis)),
    ]),
  ) as Record<LegalBasis, number>;
  return {
    date: context.date,
    buyerKind: context.buyerKind,
    purchaseKind: context.purchaseKind,
    ...(context.purchaseKindReason === undefined ? {} : { purchaseKindReason: context.purchaseKindReason }),
    kind: proposal.kind,
    initialAmountCents: initial,
    currentAmountCents: context.currentAmountCents,
    amountChangeCents: proposal.amountChangeCents,
    newAmountCents: context.currentAmountCents + proposal.amountChangeCents,
    amountChangePercentOfInitial: percentOf(proposal.amountChangeCents, initial),
    priorModificationCount: context.priorModifications.length,
    priorNetChangeCents,
    cumulativeNetChangeCents,
    cumulativeNetChangePercentOfInitial: percentOf(cumulativeNetChangeCents, initial),
    priorAbsoluteChangeByBasisCents,
    legalParameters: { validFrom: parameters.validFrom, validTo: parameters.validTo, sources: parameters.sources },
    tenderCommittee: tenderCommitteeFigures(proposal, context, parameters),
  };
}

type SameBasisFigures = Pick<
  LegalBasisFigures,
  'testedBasis' | 'priorSameBasisCents' | 'cumulativeSameBasisCents' | 'cumulativeSameBasisPercentOfInitial'
>;

function sameBasisFigures(
  legalBasis: LegalBasis,
  context: ModificationContext,
  proposal: ModificationProposal,
): SameBasisFigures {
  const sameBasis = context.priorModifications.filter((prior) => prior.legalBasis === legalBasis);
  const priorSameBasisCents = sumAbsolute(sameBasis);
  const cumulativeSameBasisCents = priorSameBasisCents + Math.abs(proposal.amountChangeCents);
  return {
    testedBasis: legalBasis,
    priorSameBasisCents,
    cumulativeSameBasisCents,
    cumulativeSameBasisPercentOfInitial: percentOf(cumulativeSameBasisCents, context.initialAmountCents),
  };
}

function tenderCommitteeFigures(
  proposal: ModificationProposal,
  context: ModificationContext,
  parameters: LegalParameters,
): TenderCommitteeFigures {
  const threshold = parameters.tenderCommitteeIncreasePercentOfInitial;
  const increaseCents = Math.max(0, proposal.amountChangeCents);
  const { applies, reason } = tenderCommitteeRole(context);
  return {
    applies,
    awardProcedure: context.awardProcedure ?? null,
    reason,
    thresholdPercentOfInitial: threshold,
    thresholdCents: percentAmountCents(threshold, context.initialAmountCents),
    increaseCents,
    increasePercentOfInitial: percentOf(increaseCents, context.initialAmountCents),
    // "more than 5%": exactly 5% does not need the opinion.
    opinionRequired: applies && compareToPercentOf(increaseCents, threshold, context.initialAmountCents) > 0,
  };
}

function tenderCommitteeRole(context: ModificationContext): { applies: boolean; reason: string } {
  if (context.buyerKind !== 'SUB_CENTRAL') return { applies: false, reason: 'the State has no tender committee under the CGCT' };
  if (context.awardProcedure === undefined) {
    return { applies: true, reason: 'no award procedure recorded: the opinion is required, as when the contract was drafted' };
  }
  return isFormalised(context.awardProcedure)
    ? { applies: true, reason: `awarded under a formalised procedure (${context.awardProcedure}): CGCT L1414-2 and L1414-4` }
    : { applies: false, reason: `awarded under ${context.awardProcedure}, not a formalised procedure: the committee did not award it (CGCT L1414-2)` };
}

function substantialEffectsOf(proposal: ModificationProposal): string[] {
  const effects = proposal.substantialEffects ?? {};
  return [
    effects.wouldHaveAttractedOtherBidders ? 'it would have attracted other bidders or changed the outcome' : undefined,
    effects.shiftsEconomicBalanceToContractor
      ? 'it shifts the economic balance to the contractor in a way the contract did not provide for'
      : undefined,
    effects.considerablyExtendsScope ? 'it considerably extends the scope of the contract' : undefined,
  ].filter((effect): effect is string => effect !== undefined);
}

function sumAbsolute(modifications: readonly { amountChangeCents: number }[]): number {
  return modifications.reduce((sum, modification) => sum + Math.abs(modification.amountChangeCents), 0);
}

function assertWellFormed(proposal: ModificationProposal, context: ModificationContext): void {
  const problems: string[] = [];
  const isCents = (value: number): boolean => Number.isSafeInteger(value);
  if (!isCents(context.initialAmountCents) || context.initialAmountCents <= 0) {
    problems.push('initialAmountCents must be a positive integer');
  }
  if (!isCents(context.currentAmountCents) || context.currentAmountCents < 0) {
    problems.push('currentAmountCents must be a non-negative integer');
  }
  if (!isCents(proposal.amountChangeCents)) problems.push('amountChangeCents must be an integer');
  else if (isCents(context.currentAmountCents) && context.currentAmountCents + proposal.amountChangeCents < 0) {
    problems.push('the change would bring the amount below zero');
  }
  context.priorModifications.forEach((prior, i) => {
    if (!isCents(prior.amountChangeCents)) {
      problems.push(`priorModifications[${i}].amountChangeCents must be an integer`);
    }
    if (!LEGAL_BASES.includes(prior.legalBasis)) problems.push(`priorModifications[${i}].legalBasis is unknown`);
  });
  context.reviewClauses.forEach((clause, i) => {
    const max = clause.maxAmountChangeCents;
    if (max !== undefined && (!isCents(max) || max < 0)) {
      problems.push(`reviewClauses[${i}].maxAmountChangeCents must be a non-negative integer`);
    }
  });
  if (problems.length > 0) {
    throw new RuleViolation(
      'INVALID_AMENDMENT_FIGURES',
      `The amendment figures are malformed: ${problems.join('; ')}`,
      'Amounts in integer cents excluding VAT',
      { problems },
    );
  }
}
