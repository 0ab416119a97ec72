import { PriceRevisionTerms } from '../terms/procurement-terms';

/** Every part of a revision formula is in basis points of the price: the parts sum to this. */
export const WHOLE_PRICE_BASIS_POINTS = 10_000;

/** Index values have at most this many decimals: they are computed on as integers of 10^-4. */
export const INDEX_DECIMALS = 4;

/** An index value as published (a decimal string, dot as separator), exact. */
export function indexUnits(value: string): bigint {
  const [whole, decimals = ''] = value.split('.');
  return BigInt(whole + decimals.padEnd(INDEX_DECIMALS, '0'));
}

export interface RevisedPrice {
  revisedPriceCents: number;
  /** P0 × (a × I0 + b × I), before division: kept so that anyone can redo the division and the rounding. */
  numerator: string;
  /** 10,000 × I0 (in index units of 10^-4). */
  denominator: string;
}

/**
 * P = P0 × (a + b × I/I0) in exact integers: P0 × (a × I0 + b × I) / (10,000 × I0), rounded to the nearest
 * cent, halves up (the rounding the clause states).
 */
export function revisedPrice(formula: PriceRevisionTerms['formula'], basePriceCents: number, baseIndex: string, index: string): RevisedPrice {
  const i0 = indexUnits(baseIndex);
  const i = indexUnits(index);
  const numerator = BigInt(basePriceCents) * (BigInt(formula.fixedPartBasisPoints) * i0 + BigInt(formula.indexedPartBasisPoints) * i);
  const denominator = BigInt(WHOLE_PRICE_BASIS_POINTS) * i0;
  const rounded = (2n * numerator + denominator) / (2n * denominator);
  return { revisedPriceCents: Number(rounded), numerator: numerator.toString(), denominator: denominator.toString() };
}

/** The month (YYYY-MM) whose index a revision on this day uses: `lag` months before the day's month. */
export function indexMonthOf(revisionDate: string, lagMonths: number): string {
  const [year, month] = revisionDate.split('-').map(Number);
  const months = year * 12 + (month - 1) - lagMonths;
  return `${Math.floor(months / 12)}-${String((months % 12) + 1).padStart(2, '0')}`;
}
