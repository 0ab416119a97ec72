import { compareToPercentOf, formatCents, percentAmountCents, percentOf } from '../../legal/percent-of';
import { allowed, BasisCheck, BasisVerdict, refused, sameBasisFigures, sumAbsolute } from './basis-check';
import { LegalBasisFigures, PerModificationCapFigures } from './legal-basis.types';

/** CCP R2194-2 and R2194-3: additional services needed, when a change of contractor is impossible for economic or technical reasons. */
export function checkAdditionalServices(check: BasisCheck): BasisVerdict | undefined {
  const justification = check.proposal.justification ?? {};
  if (!(justification.additionalServicesNeeded && justification.changeOfContractorImpossible)) return undefined;
  return checkPerModificationCap('R2194-2', check);
}

/** CCP R2194-5: circumstances a diligent buyer could not foresee. */
export function checkUnforeseeableCircumstances(check: BasisCheck): BasisVerdict | undefined {
  if (!check.proposal.justification?.unforeseeableCircumstances) return undefined;
  return checkPerModificationCap('R2194-5', check);
}

/** Both bases cap each modification at a share of the initial amount (the dated figure of the legal parameters). */
function checkPerModificationCap(
  legalBasis: 'R2194-2' | 'R2194-5',
  { proposal, context, parameters, base }: BasisCheck,
): BasisVerdict {
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
  return allowed(figures, undefined, splittingWarning);
}
