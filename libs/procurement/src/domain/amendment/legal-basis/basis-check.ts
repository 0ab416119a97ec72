import { LegalParameters } from '../../legal/legal-parameters';
import { percentOf } from '../../legal/percent-of';
import {
  LegalBasis,
  LegalBasisFigures,
  LegalBasisRefusalCode,
  LegalBasisRefused,
  ModificationContext,
  ModificationProposal,
} from './legal-basis.types';

/** What a basis is checked on: the proposal, its context, the legal parameters of the date and the figures common to every basis. */
export interface BasisCheck {
  proposal: ModificationProposal;
  context: ModificationContext;
  parameters: LegalParameters;
  base: LegalBasisFigures;
}

/** A basis allows the modification; the table (`LEGAL_BASES`) adds the basis, its article and its eForms code. */
export interface BasisAllowance {
  allowed: true;
  figures: LegalBasisFigures;
  reviewClauseId?: string;
  splittingWarning?: string;
}

export type BasisVerdict = BasisAllowance | LegalBasisRefused;

export function allowed(figures: LegalBasisFigures, reviewClauseId?: string, splittingWarning?: string): BasisAllowance {
  return { allowed: true, figures, reviewClauseId, splittingWarning };
}

export function refused(
  code: LegalBasisRefusalCode,
  rule: string,
  message: string,
  figures: LegalBasisFigures,
): LegalBasisRefused {
  return { allowed: false, code, rule, message, figures };
}

type SameBasisFigures = Pick<
  LegalBasisFigures,
  'testedBasis' | 'priorSameBasisCents' | 'cumulativeSameBasisCents' | 'cumulativeSameBasisPercentOfInitial'
>;

export function sameBasisFigures(
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

export function sumAbsolute(modifications: readonly { amountChangeCents: number }[]): number {
  return modifications.reduce((sum, modification) => sum + Math.abs(modification.amountChangeCents), 0);
}
