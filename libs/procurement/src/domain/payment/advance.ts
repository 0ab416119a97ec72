import {
  ADVANCE_MIN_DURATION_MONTHS,
  ADVANCE_REPAYMENT_ENDS_PERCENT,
  ADVANCE_REPAYMENT_STARTS_PERCENT,
  ADVANCE_THRESHOLD_CENTS,
  advanceRatesOn,
  BuyerCategory,
} from '../legal/payment-parameters';
import { addDays, monthsBetween } from '../terms/command-meta';

/** The day a number of months after another (the last day of a shorter month when it has no such day). */
function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date, last));
  return target.toISOString().slice(0, 10);
}

/** Whether a term from its first to its last day (included) lasts more than a number of months. */
export function lastsMoreThanMonths(firstDay: string, lastDay: string, months: number): boolean {
  return addMonths(firstDay, months) < addDays(lastDay, 1);
}

export interface AdvanceComputation {
  /** CCP R2191-3: what makes the advance mandatory. */
  eligibility: { amountExclVatCents: number; thresholdCents: number; periodStart: string; periodEnd: string; minDurationMonths: number; mandatory: boolean };
  buyerCategory: BuyerCategory;
  providerIsSme: boolean;
  /** CCP R2191-7: the minimum rate for this buyer and holder, from the rates in force on ratesOn. */
  ratesOn: string;
  minimumRatePercent: number;
  rateSources: readonly string[];
  vatRatePercent: number;
  /** The amount incl. VAT, or 12 × it / its duration in months when it lasts more than 12 months (R2191-7). */
  durationMonths: number;
  baseCents: number;
  ratePercent: number;
  /** base × rate, rounded down to the cent. */
  amountCents: number;
}

export function computeAdvance(input: {
  amountExclVatCents: number;
  periodStart: string;
  periodEnd: string;
  ratesOn: string;
  buyerCategory: BuyerCategory;
  providerIsSme: boolean;
  ratePercent: number;
  vatRatePercent: number;
}): AdvanceComputation {
  const { amountExclVatCents, periodStart, periodEnd, ratesOn, buyerCategory, providerIsSme, ratePercent, vatRatePercent } = input;
  const mandatory = amountExclVatCents > ADVANCE_THRESHOLD_CENTS && lastsMoreThanMonths(periodStart, periodEnd, ADVANCE_MIN_DURATION_MONTHS);
  const rates = advanceRatesOn(ratesOn);
  const minimumRatePercent = providerIsSme ? rates.smeMinimumPercent[buyerCategory] : rates.minimumPercent;
  const durationMonths = monthsBetween(periodStart, addDays(periodEnd, 1));
  const amountInclVat = (amountExclVatCents * (100 + vatRatePercent)) / 100;
  const baseCents = Math.floor(durationMonths > 12 ? (12 * amountInclVat) / durationMonths : amountInclVat);
  return {
    eligibility: { amountExclVatCents, thresholdCents: ADVANCE_THRESHOLD_CENTS, periodStart, periodEnd, minDurationMonths: ADVANCE_MIN_DURATION_MONTHS, mandatory },
    buyerCategory,
    providerIsSme,
    ratesOn,
    minimumRatePercent,
    rateSources: rates.sources,
    vatRatePercent,
    durationMonths,
    baseCents,
    ratePercent,
    amountCents: Math.floor((baseCents * ratePercent) / 100),
  };
}

/**
 * CCP R2191-11: what the advance has been repaid once the service executed reaches a share of the amount:
 * nothing up to 65 %, all of it at 80 %, linearly between.
 */
export function advanceRepaidAt(advanceCents: number, executedCents: number, amountCents: number): number {
  if (amountCents <= 0) return 0;
  const start = (amountCents * ADVANCE_REPAYMENT_STARTS_PERCENT) / 100;
  const end = (amountCents * ADVANCE_REPAYMENT_ENDS_PERCENT) / 100;
  if (executedCents <= start) return 0;
  if (executedCents >= end) return advanceCents;
  return Math.floor((advanceCents * (executedCents - start)) / (end - start));
}
