import { RuleViolation } from '@app/shared/errors/domain-errors';
import { LEGAL_BASIS_KEYS } from './legal-bases';
import { ModificationContext, ModificationProposal } from './legal-basis.types';

/** Amounts in integer cents excluding VAT, prior modifications under a known basis: anything else throws. */
export function assertWellFormed(proposal: ModificationProposal, context: ModificationContext): void {
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
    if (!LEGAL_BASIS_KEYS.includes(prior.legalBasis)) problems.push(`priorModifications[${i}].legalBasis is unknown`);
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
