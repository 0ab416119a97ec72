import { RuleViolation } from '@app/shared/errors/domain-errors';
import { legalParametersAt } from '../../legal/legal-parameters';
import { baseFigures } from './base-figures';
import { BasisCheck, BasisVerdict, refused } from './basis-check';
import { BASES_TRIED_IN_ORDER, LEGAL_BASES } from './legal-bases';
import { LegalBasis, LegalBasisAllowed, LegalBasisDecision, ModificationContext, ModificationProposal } from './legal-basis.types';
import { assertWellFormed } from './well-formed';

export * from './legal-basis.types';
export type { SubstantialEffect } from './substantial-effects';

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

/**
 * The legal basis that allows a modification, or the rule that refuses it. Rules are tried in this order:
 * overall nature (L2194-1), then the bases in `BASES_TRIED_IN_ORDER`: change of contractor (R2194-6), invoked
 * review clause (R2194-1), additional services (R2194-2/-3), unforeseeable circumstances (R2194-5), non-substantial
 * modification when invoked (L2194-1 5°, R2194-7), and last de minimis (R2194-8/-9). A basis the buyer invokes
 * (clause, justification) is the one checked: when it fails the modification is refused rather than silently
 * moved to another basis. Throws a RuleViolation on malformed figures or on a date without legal parameters.
 */
export function checkLegalBasis(proposal: ModificationProposal, context: ModificationContext): LegalBasisDecision {
  assertWellFormed(proposal, context);
  const parameters = legalParametersAt(context.date);
  const base = baseFigures(proposal, context, parameters);

  if (proposal.changesOverallNature) {
    return refused(
      'AMENDMENT_CHANGES_OVERALL_NATURE',
      'CCP L2194-1',
      'A modification may not change the overall nature of the contract, whatever its legal basis',
      base,
    );
  }

  const check: BasisCheck = { proposal, context, parameters, base };
  for (const legalBasis of BASES_TRIED_IN_ORDER) {
    const verdict = LEGAL_BASES[legalBasis].check(check);
    if (verdict !== undefined) return decisionUnder(legalBasis, verdict);
  }
  return decisionUnder('R2194-8', LEGAL_BASES['R2194-8'].check(check));
}

/** The allowed decision, or a RuleViolation carrying the refusal's code, rule, message and figures. */
export function assertLegalBasis(proposal: ModificationProposal, context: ModificationContext): LegalBasisAllowed {
  const decision = checkLegalBasis(proposal, context);
  if (!decision.allowed) {
    throw new RuleViolation(decision.code, decision.message, decision.rule, { ...decision.figures });
  }
  return decision;
}

function decisionUnder(legalBasis: LegalBasis, verdict: BasisVerdict): LegalBasisDecision {
  if (!verdict.allowed) return verdict;
  const { reviewClauseId, figures, splittingWarning } = verdict;
  return {
    allowed: true,
    legalBasis,
    eformsCode: LEGAL_BASES[legalBasis].eformsCode,
    article: LEGAL_BASES[legalBasis].article,
    ...(reviewClauseId === undefined ? {} : { reviewClauseId }),
    figures,
    tenderCommitteeOpinionRequired: figures.tenderCommittee.opinionRequired,
    ...(splittingWarning === undefined ? {} : { splittingWarning }),
  };
}
