import { RuleViolation } from '@app/shared/errors/domain-errors';
import { calendarDayOf, previousCalendarDay } from './legal-date';

/**
 * The figures of public procurement law that change over time, as dated configuration. Rules read them through
 * `legalParametersAt(date)` and never hold a threshold or a percentage as a literal.
 *
 * To enter a new period (the European Commission revises the thresholds every two years, next on 2028-01-01),
 * append one complete entry to `LEGAL_PARAMETER_PERIODS`: a period runs from its `validFrom` to the day before
 * the next period's `validFrom`, the last one stays in force until a new one is entered.
 */

/** Sub-central: a Région or another local authority. Central: the State (list annexed to the CCP). */
export type BuyerKind = 'SUB_CENTRAL' | 'CENTRAL';
/**
 * Supplies have the services thresholds and percentages for the buyers modelled here. Social and other specific
 * services (CCP R2123-1 3°: vocational training among them) have a threshold of their own.
 */
export type PurchaseKind = 'SERVICES' | 'SOCIAL_AND_SPECIFIC_SERVICES' | 'WORKS';
export const PURCHASE_KINDS: readonly PurchaseKind[] = ['SERVICES', 'SOCIAL_AND_SPECIFIC_SERVICES', 'WORKS'];

export interface LegalParameterValues {
  /** EU thresholds (seuils européens, avis annexé au CCP), in cents excluding VAT. */
  euThresholdsCents: Readonly<Record<BuyerKind, Readonly<Record<PurchaseKind, number>>>>;
  /** CCP R2194-8: a de minimis modification stays strictly below this percentage of the initial amount. */
  deMinimisPercentOfInitial: Readonly<Record<PurchaseKind, number>>;
  /** CCP R2194-3 (for R2194-2 additional services): cap of each modification, in percent of the initial amount. */
  additionalServicesCapPercentOfInitial: number;
  /** CCP R2194-5 (unforeseeable circumstances): cap of each modification, in percent of the initial amount. */
  unforeseeableCircumstancesCapPercentOfInitial: number;
  /** CGCT L1414-4: an amendment raising the amount by more than this percentage needs the committee's opinion. */
  tenderCommitteeIncreasePercentOfInitial: number;
}

export interface LegalParameterPeriod extends LegalParameterValues {
  /** First day in force, YYYY-MM-DD. */
  validFrom: string;
  /** Where the figures come from, for the auditor. */
  sources: readonly string[];
}

/** The parameters in force on a day, with the period they belong to. */
export interface LegalParameters extends LegalParameterValues {
  validFrom: string;
  /** Last day in force, YYYY-MM-DD; null while no later period is known. */
  validTo: string | null;
  sources: readonly string[];
}

const euros = (amount: number): number => amount * 100;

/**
 * Directive 2014/24/EU art. 4 d): 750,000 € for the social and other specific services of its Annex XIV, for every
 * buyer. The Commission's biennial regulations revise the other thresholds, not this one (avis relatif aux seuils
 * de procédure annexé au CCP, for 2024-2025 and from 2026-01-01 alike).
 */
const SOCIAL_AND_SPECIFIC_SERVICES_THRESHOLD_CENTS = euros(750_000);

const CCP_PERCENTAGES = {
  deMinimisPercentOfInitial: { SERVICES: 10, SOCIAL_AND_SPECIFIC_SERVICES: 10, WORKS: 15 },
  additionalServicesCapPercentOfInitial: 50,
  unforeseeableCircumstancesCapPercentOfInitial: 50,
  tenderCommitteeIncreasePercentOfInitial: 5,
} as const;

const CCP_PERCENTAGE_SOURCES = [
  'CCP R2194-8 (de minimis: 10% services, social and specific services included, and supplies; 15% works)',
  'CCP R2194-3 and R2194-5 (50% of the initial amount for each modification)',
  'CGCT L1414-4 (tender committee opinion above a 5% increase)',
];

/** Sorted by `validFrom`, contiguous by construction. */
export const LEGAL_PARAMETER_PERIODS: readonly LegalParameterPeriod[] = [
  {
    validFrom: '2024-01-01',
    euThresholdsCents: {
      SUB_CENTRAL: { SERVICES: euros(221_000), SOCIAL_AND_SPECIFIC_SERVICES: SOCIAL_AND_SPECIFIC_SERVICES_THRESHOLD_CENTS, WORKS: euros(5_538_000) },
      CENTRAL: { SERVICES: euros(143_000), SOCIAL_AND_SPECIFIC_SERVICES: SOCIAL_AND_SPECIFIC_SERVICES_THRESHOLD_CENTS, WORKS: euros(5_538_000) },
    },
    ...CCP_PERCENTAGES,
    sources: [
      'EU thresholds for 2024-2025 (Directive 2014/24/EU art. 4 as revised by Delegated Regulation (EU) 2023/2495, avis annexé au CCP)',
      'Social and other specific services: 750,000 € (Directive 2014/24/EU art. 4 d), CCP R2123-1 3°)',
      ...CCP_PERCENTAGE_SOURCES,
    ],
  },
  {
    validFrom: '2026-01-01',
    euThresholdsCents: {
      SUB_CENTRAL: { SERVICES: euros(216_000), SOCIAL_AND_SPECIFIC_SERVICES: SOCIAL_AND_SPECIFIC_SERVICES_THRESHOLD_CENTS, WORKS: euros(5_404_000) },
      CENTRAL: { SERVICES: euros(140_000), SOCIAL_AND_SPECIFIC_SERVICES: SOCIAL_AND_SPECIFIC_SERVICES_THRESHOLD_CENTS, WORKS: euros(5_404_000) },
    },
    ...CCP_PERCENTAGES,
    sources: [
      'EU thresholds from 2026-01-01 (Directive 2014/24/EU art. 4 as revised, avis annexé au CCP)',
      'Social and other specific services: 750,000 € (Directive 2014/24/EU art. 4 d), CCP R2123-1 3°)',
      ...CCP_PERCENTAGE_SOURCES,
    ],
  },
];

/**
 * The parameters in force on `date` (YYYY-MM-DD or a full ISO date-time, whose calendar day as written is used).
 * Throws `NO_LEGAL_PARAMETERS_FOR_DATE` before the first known period: applying later figures to an earlier
 * decision would silently misstate the law.
 */
export function legalParametersAt(
  date: string,
  periods: readonly LegalParameterPeriod[] = LEGAL_PARAMETER_PERIODS,
): LegalParameters {
  const day = calendarDayOf(date);
  let index = -1;
  // ISO days compare as strings; the last period starting on or before the day is the one in force.
  periods.forEach((period, i) => {
    if (period.validFrom <= day) index = i;
  });
  if (index < 0) {
    throw new RuleViolation(
      'NO_LEGAL_PARAMETERS_FOR_DATE',
      `No legal parameters are configured for ${day}; the first period starts on ${periods[0]?.validFrom ?? '(none)'}`,
      'Dated legal parameters',
      { date, day, firstValidFrom: periods[0]?.validFrom ?? null },
    );
  }
  const period = periods[index];
  const next = periods[index + 1];
  return { ...period, validTo: next ? previousCalendarDay(next.validFrom) : null };
}

/**
 * Problems in a list of periods (empty when well formed): ordered strictly by `validFrom`, valid days, positive
 * integer thresholds, percentages in (0, 100] with at most 2 decimals. Run by the unit tests on the configured periods.
 */
export function legalParameterPeriodProblems(periods: readonly LegalParameterPeriod[]): string[] {
  const problems: string[] = [];
  if (periods.length === 0) problems.push('no period is configured');
  periods.forEach((period, i) => {
    const label = `period ${i} (${period.validFrom})`;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(period.validFrom)) problems.push(`${label}: validFrom is not YYYY-MM-DD`);
    if (i > 0 && periods[i - 1].validFrom >= period.validFrom) {
      problems.push(`${label}: validFrom does not follow the previous period's`);
    }
    for (const buyerKind of ['SUB_CENTRAL', 'CENTRAL'] as const) {
      for (const purchaseKind of PURCHASE_KINDS) {
        const threshold = period.euThresholdsCents[buyerKind][purchaseKind];
        if (!Number.isSafeInteger(threshold) || threshold <= 0) {
          problems.push(`${label}: EU threshold ${buyerKind}/${purchaseKind} is not a positive integer of cents`);
        }
      }
    }
    const percentages = [
      ...PURCHASE_KINDS.map((kind) => period.deMinimisPercentOfInitial[kind]),
      period.additionalServicesCapPercentOfInitial,
      period.unforeseeableCircumstancesCapPercentOfInitial,
      period.tenderCommitteeIncreasePercentOfInitial,
    ];
    if (percentages.some((percent) => !(percent > 0 && percent <= 100))) {
      problems.push(`${label}: a percentage is outside (0, 100]`);
    }
    // Rules compare in basis points, exactly; a third decimal would be lost.
    if (percentages.some((percent) => Math.abs(percent * 100 - Math.round(percent * 100)) > 1e-9)) {
      problems.push(`${label}: a percentage has more than 2 decimals`);
    }
  });
  return problems;
}
