import { allowed, BasisCheck, BasisVerdict, refused, sameBasisFigures } from './basis-check';
import { LegalBasisFigures } from './legal-basis.types';
import { evaluateReviewClause } from './r2194-1.review-clause';

/**
 * CCP R2194-6: a new contractor may replace the contractor under a review clause of the initial documents (1°) or
 * after a restructuring of the contractor (2°); any other substitution is substantial (R2194-7 4°).
 */
export function checkContractorChange({ proposal, context, base }: BasisCheck): BasisVerdict | undefined {
  if (proposal.kind !== 'CONTRACTOR_CHANGE') return undefined;
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
    return allowed(underClause, clause.figures.clauseId);
  }
  if (proposal.justification?.contractorRestructuring) {
    return allowed({
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
