import {
  ECB_RATES_KNOWN_THROUGH,
  ecbRateOn,
  halfYearStartOf,
  LATE_PAYMENT_MARGIN_BASIS_POINTS,
} from '../legal/payment-parameters';
import { addDays, daysBetween } from '../terms/command-meta';

/** The late-payment interest owed on an amount paid after its deadline, with every figure it was computed from. */
export interface LatePaymentInterest {
  amountCents: number;
  dueOn: string;
  paidOn: string;
  /** Days from the day after the deadline to the day of payment, both included. */
  daysLate: number;
  rate: {
    /** CCP R2192-31: the half-year during which the interest began to run gives the ECB rate. */
    halfYearStart: string;
    ecbBasisPoints: number;
    ecbRateFrom: string;
    ecbSource: string;
    /** The last ECB decision the rates table includes when the computation was made. */
    ecbRatesKnownThrough: string;
    marginBasisPoints: number;
    basisPoints: number;
  };
  /** amount × rate × days late / 365, rounded to the nearest cent. */
  interestCents: number;
  formula: 'AMOUNT_x_RATE_x_DAYS_LATE_/_365';
}

/**
 * CCP L2192-13 and R2192-31: interest runs by right, without any request, from the day after the payment
 * deadline to the day of payment; its rate is the ECB main refinancing rate in force on the first day of the
 * half-year in which it began to run, plus 8 points. Undefined when the amount was paid in time.
 */
export function lateInterest(amountCents: number, dueOn: string, paidOn: string): LatePaymentInterest | undefined {
  const daysLate = daysBetween(dueOn, paidOn);
  if (daysLate <= 0 || amountCents <= 0) return undefined;
  const halfYearStart = halfYearStartOf(addDays(dueOn, 1));
  const ecb = ecbRateOn(halfYearStart);
  const basisPoints = ecb.basisPoints + LATE_PAYMENT_MARGIN_BASIS_POINTS;
  const numerator = BigInt(amountCents) * BigInt(basisPoints) * BigInt(daysLate);
  const denominator = 10_000n * 365n;
  const interestCents = Number((numerator * 2n + denominator) / (denominator * 2n));
  return {
    amountCents,
    dueOn,
    paidOn,
    daysLate,
    rate: {
      halfYearStart,
      ecbBasisPoints: ecb.basisPoints,
      ecbRateFrom: ecb.from,
      ecbSource: ecb.source,
      ecbRatesKnownThrough: ECB_RATES_KNOWN_THROUGH,
      marginBasisPoints: LATE_PAYMENT_MARGIN_BASIS_POINTS,
      basisPoints,
    },
    interestCents,
    formula: 'AMOUNT_x_RATE_x_DAYS_LATE_/_365',
  };
}
