import { formatCents } from '../../legal/percent-of';
import { allowed, BasisCheck, BasisVerdict, refused, sameBasisFigures, sumAbsolute } from './basis-check';
import {
  LegalBasisFigures,
  LegalBasisRefusalCode,
  ModificationContext,
  ModificationProposal,
  ReviewClauseFigures,
} from './legal-basis.types';

/**
 * CCP R2194-1: a modification the initial documents provide for in a clear, precise and unequivocal review clause,
 * within its scope and bound. Invoked by naming the clause; a clause that fails refuses the modification.
 */
export function checkReviewClause({ proposal, context, base }: BasisCheck): BasisVerdict | undefined {
  const clauseId = proposal.reviewClauseId;
  if (clauseId === undefined) return undefined;
  const clause = evaluateReviewClause(clauseId, proposal, context);
  const figures: LegalBasisFigures = {
    ...base,
    ...sameBasisFigures('R2194-1', context, proposal),
    basisSelection: `review clause ${clauseId} invoked`,
    reviewClause: clause.figures,
  };
  if (!clause.ok) return refused(clause.code, 'CCP R2194-1', clause.message, figures);
  return allowed(figures, clauseId);
}

type ClauseEvaluation =
  | { ok: true; figures: ReviewClauseFigures }
  | { ok: false; code: LegalBasisRefusalCode; message: string; figures: ReviewClauseFigures };

export function evaluateReviewClause(
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
