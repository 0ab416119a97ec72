import { allowed, BasisCheck, BasisVerdict, refused, sameBasisFigures } from './basis-check';
import { LegalBasisFigures, ModificationProposal } from './legal-basis.types';
import { SUBSTANTIAL_EFFECTS, SubstantialEffect } from './substantial-effects';

/**
 * L2194-1 5°: a modification that is not substantial is allowed whatever its amount. R2194-7 makes it substantial
 * when it would have let other candidates in or changed the outcome of the award (1°), shifts the economic balance
 * to the contractor in a way the contract did not provide for (2°), considerably extends the scope (3°), or
 * replaces the contractor outside R2194-6 (4°, the change of contractor path). The buyer answers each of the first
 * three in the record; an unanswered one refuses the basis, a yes refuses the modification.
 */
export function checkNotSubstantial({ proposal, context, base }: BasisCheck): BasisVerdict | undefined {
  if (!proposal.justification?.notSubstantial) return undefined;
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
  return allowed(figures);
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
