/**
 * The dated figures of paying on time (code de la commande publique, livre Ier, titre IX, chapitre II), kept
 * apart from the thresholds of legal-parameters.ts because they change on their own calendars: the ECB's rate
 * at each of its monetary-policy decisions, the advance rates by decree.
 *
 * To enter a new ECB decision, append it to ECB_MAIN_REFINANCING_RATES with the day it applies from and the
 * press release it comes from, and move ECB_RATES_KNOWN_THROUGH to the day of that decision.
 */

/** CCP R2192-10: the payment period of a pouvoir adjudicateur (the State, a Région, any local authority): 30 days. */
export const PAYMENT_PERIOD_DAYS = 30;
export const PAYMENT_PERIOD_SOURCE = 'CCP R2192-10 (30 days for pouvoirs adjudicateurs, local authorities included), from receipt of the payment request (R2192-12)';

/**
 * CCP R2192-29: once the missing documents are received after an interruption (R2192-27), a new period opens:
 * 30 days, or the balance left at the interruption when that balance is longer.
 */
export const PERIOD_AFTER_INTERRUPTION_DAYS = 30;

/** CCP R2192-31: late-payment interest is the ECB's main refinancing rate plus 8 percentage points. */
export const LATE_PAYMENT_MARGIN_BASIS_POINTS = 800;

/** CCP D2192-35: the flat indemnity for recovery costs owed on any late payment, without a request: 40 €. */
export const RECOVERY_INDEMNITY_CENTS = 4_000;

/** CCP R2192-36: interest and indemnity are paid within 45 days of the payment of the principal. */
export const LATE_PAYMENT_COMPENSATION_PERIOD_DAYS = 45;

export interface EcbRate {
  /** First day the rate applies to the main refinancing operations, YYYY-MM-DD. */
  from: string;
  /** In basis points: 215 = 2.15 %. */
  basisPoints: number;
  source: string;
}

/**
 * The ECB's main refinancing operations rate (fixed-rate tenders), each with the day it applied from, from the
 * ECB's monetary-policy press releases (ecb.europa.eu, "Monetary policy decisions").
 */
export const ECB_MAIN_REFINANCING_RATES: readonly EcbRate[] = [
  { from: '2023-09-20', basisPoints: 450, source: 'ECB monetary policy decision of 14 September 2023' },
  { from: '2024-06-12', basisPoints: 425, source: 'ECB monetary policy decision of 6 June 2024' },
  { from: '2024-09-18', basisPoints: 365, source: 'ECB monetary policy decision of 12 September 2024 (spread to the deposit rate narrowed to 15 bp)' },
  { from: '2024-10-23', basisPoints: 340, source: 'ECB monetary policy decision of 17 October 2024' },
  { from: '2024-12-18', basisPoints: 315, source: 'ECB monetary policy decision of 12 December 2024' },
  { from: '2025-02-05', basisPoints: 290, source: 'ECB monetary policy decision of 30 January 2025' },
  { from: '2025-03-12', basisPoints: 265, source: 'ECB monetary policy decision of 6 March 2025' },
  { from: '2025-04-23', basisPoints: 240, source: 'ECB monetary policy decision of 17 April 2025' },
  { from: '2025-06-11', basisPoints: 215, source: 'ECB monetary policy decision of 5 June 2025 (unchanged at the decisions of 24 July, 11 September and 30 October 2025)' },
];

/** The day of the last ECB decision this table includes: a half-year starting later may use a rate not entered yet. */
export const ECB_RATES_KNOWN_THROUGH = '2025-10-30';

/** The rate in force on a day: the last one applying from that day or before. */
export function ecbRateOn(day: string): EcbRate {
  const known = ECB_MAIN_REFINANCING_RATES.filter((rate) => rate.from <= day);
  if (known.length === 0) throw new Error(`No ECB main refinancing rate is entered for ${day}`);
  return known[known.length - 1];
}

/** The first day of the calendar half-year (1 January or 1 July) of a day. */
export function halfYearStartOf(day: string): string {
  const [year, month] = day.split('-').map(Number);
  return month <= 6 ? `${year}-01-01` : `${year}-07-01`;
}

/** CCP R2191-3: an advance is due when the initial amount exceeds 50,000 € excl. VAT and the term two months. */
export const ADVANCE_THRESHOLD_CENTS = 5_000_000;
export const ADVANCE_MIN_DURATION_MONTHS = 2;

/**
 * CCP R2191-11: the advance is repaid from the sums due, starting at the latest when the service executed
 * reaches 65 % of the amount; this product repays it linearly to 80 %, the end the code set until décret
 * 2024-1251 (and the usual contractual schedule since).
 */
export const ADVANCE_REPAYMENT_STARTS_PERCENT = 65;
export const ADVANCE_REPAYMENT_ENDS_PERCENT = 80;

/** Who buys, for the SME advance rates of R2191-7. */
export const BUYER_CATEGORIES = ['STATE', 'LOCAL_AUTHORITY_OVER_60M', 'OTHER'] as const;
export type BuyerCategory = (typeof BUYER_CATEGORIES)[number];

export interface AdvanceRatePeriod {
  /** Contracts whose consultation began from this day, YYYY-MM-DD. */
  validFrom: string;
  /** The minimum rate of the mandatory advance, in percent. */
  minimumPercent: number;
  /** The minimum when the holder is an SME (R2151-13), by buyer. */
  smeMinimumPercent: Readonly<Record<BuyerCategory, number>>;
  sources: readonly string[];
}

/**
 * CCP R2191-7: minimum rates of the mandatory advance. LOCAL_AUTHORITY_OVER_60M: a local authority, a local
 * public body or a State public body other than industrial and commercial whose real operating expenses exceed
 * 60 M€ (every Région does).
 */
export const ADVANCE_RATE_PERIODS: readonly AdvanceRatePeriod[] = [
  {
    validFrom: '2019-04-01',
    minimumPercent: 5,
    smeMinimumPercent: { STATE: 20, LOCAL_AUTHORITY_OVER_60M: 10, OTHER: 5 },
    sources: ['CCP R2191-7 (décret 2018-1075), as amended by décret 2019-1344 of 12 December 2019 (SME: 20 % State, 10 % local authorities over 60 M€)'],
  },
  {
    validFrom: '2025-04-01',
    minimumPercent: 5,
    smeMinimumPercent: { STATE: 30, LOCAL_AUTHORITY_OVER_60M: 10, OTHER: 5 },
    sources: ['CCP R2191-7 as amended by décret 2024-1251 of 30 December 2024 (SME advance of the State raised to 30 %), for consultations from 1 April 2025'],
  },
];

export function advanceRatesOn(day: string): AdvanceRatePeriod {
  const periods = ADVANCE_RATE_PERIODS.filter((period) => period.validFrom <= day);
  if (periods.length === 0) throw new Error(`No advance rates are entered for ${day}`);
  return periods[periods.length - 1];
}

/** CCP R2191-32: a retention (retenue de garantie) is at most 5 % of the amount. */
export const RETENTION_MAX_PERCENT = 5;
