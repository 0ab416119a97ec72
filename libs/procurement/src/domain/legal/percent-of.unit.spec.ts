import { compareToPercentOf, formatCents, percentAmountCents, percentOf } from './percent-of';

describe('exact percentages of amounts in cents', () => {
  it.each([
    [9_999_999, -1],
    [10_000_000, 0],
    [10_000_001, 1],
  ])('compares %d cents with 10%% of 100,000,000 cents as %d', (amount, expected) => {
    expect(compareToPercentOf(amount, 10, 100_000_000)).toBe(expected);
  });

  it('compares exactly when a percentage of the base is a fraction of a cent', () => {
    // 10% of 12,345 cents is 1,234.5 cents: 1,234 is below, 1,235 above.
    expect(compareToPercentOf(1_234, 10, 12_345)).toBe(-1);
    expect(compareToPercentOf(1_235, 10, 12_345)).toBe(1);
  });

  it('compares exactly where floating-point products would find the amounts equal', () => {
    // amount × 10,000 and base × 1,234 differ by a few units above 2^53: a float comparison returns 0.
    expect(compareToPercentOf(863_800_000_000_001, 12.34, 7_000_000_000_000_008)).toBe(1);
    expect(compareToPercentOf(863_800_000_000_002, 12.34, 7_000_000_000_000_017)).toBe(-1);
  });

  it.each([
    [9_999, 100_000, 9.99],
    [99_999, 1_000_000, 9.99],
    [100_000, 1_000_000, 10],
    [501, 10_000, 5.01],
    [-99_999, 1_000_000, -9.99],
    [1, 3, 33.33],
    [0, 0, 0],
  ])('%d cents of %d cents is %d%% (truncated to 2 decimals)', (amount, base, percent) => {
    expect(percentOf(amount, base)).toBe(percent);
  });

  it('gives a percentage of an amount in cents, keeping a fraction of a cent', () => {
    expect(percentAmountCents(10, 12_345)).toBe(1_234.5);
    expect(percentAmountCents(50, 100_000_000)).toBe(50_000_000);
  });

  it.each([
    [22_099_999, '220,999.99 €'],
    [-5, '-0.05 €'],
    [100, '1.00 €'],
    [1_234.5, '12.345 €'],
  ])('formats %d cents as %s', (cents, text) => {
    expect(formatCents(cents)).toBe(text);
  });
});
