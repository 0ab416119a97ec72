import { isFormalised } from '../../legal/award-procedure';
import { LegalParameters } from '../../legal/legal-parameters';
import { compareToPercentOf, percentAmountCents, percentOf } from '../../legal/percent-of';
import { sumAbsolute } from './basis-check';
import { LEGAL_BASIS_KEYS } from './legal-bases';
import {
  LegalBasis,
  LegalBasisFigures,
  ModificationContext,
  ModificationProposal,
  TenderCommitteeFigures,
} from './legal-basis.types';

/** The figures every decision records, whichever basis is checked. */
export function baseFigures(
  proposal: ModificationProposal,
  context: ModificationContext,
  parameters: LegalParameters,
): LegalBasisFigures {
  const initial = context.initialAmountCents;
  const priorNetChangeCents = context.priorModifications.reduce((sum, prior) => sum + prior.amountChangeCents, 0);
  const cumulativeNetChangeCents = priorNetChangeCents + proposal.amountChangeCents;
  const priorAbsoluteChangeByBasisCents = Object.fromEntries(
    LEGAL_BASIS_KEYS.map((basis) => [
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
