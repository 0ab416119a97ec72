/**
 * Exact comparisons of amounts in cents with percentages of a base amount. Percentages have at most 2 decimals
 * and are handled as basis points; products are computed with BigInt so that no rounding can move a decision
 * across a legal bound (a cap of 10% is exactly 10%, whatever the amounts).
 */

function basisPoints(percent: number): bigint {
  return BigInt(Math.round(percent * 100));
}

/** Sign of `amountCents - percent% × baseCents`: -1 below, 0 exactly at, 1 above. */
export function compareToPercentOf(amountCents: number, percent: number, baseCents: number): -1 | 0 | 1 {
  const left = BigInt(amountCents) * 10_000n;
  const right = BigInt(baseCents) * basisPoints(percent);
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * `amountCents` as a percentage of `baseCents`, truncated (toward zero) to 2 decimals, for the record. Truncation
 * never shows a figure at a bound that is below it: 9.999% reads 9.99, and a figure shown as 10.00 is at least
 * 10%. Decisions use `compareToPercentOf`, never this figure.
 */
export function percentOf(amountCents: number, baseCents: number): number {
  if (baseCents === 0) return 0;
  return Number((BigInt(amountCents) * 10_000n) / BigInt(baseCents)) / 100;
}

/** `percent`% of `baseCents` in cents, exact; may carry a fraction of a cent (10% of 12,345 cents is 1,234.5). */
export function percentAmountCents(percent: number, baseCents: number): number {
  return (baseCents * Math.round(percent * 100)) / 10_000;
}

/** 1234567 → "12,345.67 €", for messages. */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  const whole = String(Math.trunc(absolute / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = absolute % 100;
  // A fraction of a cent only appears in computed caps (percentAmountCents).
  const decimals = Number.isInteger(fraction)
    ? String(fraction).padStart(2, '0')
    : (fraction / 100).toFixed(4).slice(2).replace(/0+$/, '');
  return `${sign}${whole}.${decimals} €`;
}
