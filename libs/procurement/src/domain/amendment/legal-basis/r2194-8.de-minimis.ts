import { compareToPercentOf, formatCents, percentAmountCents, percentOf } from '../../legal/percent-of';
import { allowed, BasisCheck, BasisVerdict, refused, sameBasisFigures, sumAbsolute } from './basis-check';
import { DeMinimisFigures, LegalBasisFigures, ModificationProposal } from './legal-basis.types';

/**
 * CCP R2194-8 and R2194-9: a modification below the EU threshold and below a share of the initial amount (both dated
 * figures of the legal parameters), whatever R2194-7 says. Checked when the proposal invokes no other basis.
 */
export function checkDeMinimis({ proposal, context, parameters, base }: BasisCheck): BasisVerdict {
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
  if (belowEuThreshold && belowPercentCap) return allowed(figures);

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
