import fc from 'fast-check';
import { indexMonthOf, revisedPrice } from './price-revision-formula';

const formula = { fixedPartBasisPoints: 1_500, indexedPartBasisPoints: 8_500 };

describe('the revision formula P = P0 × (a + b × I/I0)', () => {
  it('gives P0 when the index has not moved', () => {
    expect(revisedPrice(formula, 500_000, '112.3', '112.3').revisedPriceCents).toBe(500_000);
  });

  it('revises 5,000 € by 0.15 + 0.85 × 115.7/112.3: 5,128.67 € (512,867.32 cents, rounded to the cent)', () => {
    const revised = revisedPrice(formula, 500_000, '112.3', '115.7');
    // 500,000 × (1,500 × 1,123,000 + 8,500 × 1,157,000) / (10,000 × 1,123,000)
    expect(revised).toEqual({ revisedPriceCents: 512_867, numerator: '5759500000000000', denominator: '11230000000' });
  });

  it('rounds a half cent up, and just below a half down', () => {
    // 1 cent × (0 + 1 × 1.5/1): exactly 1.5 cents, then 1.4999 cents.
    const indexed = { fixedPartBasisPoints: 0, indexedPartBasisPoints: 10_000 };
    expect(revisedPrice(indexed, 1, '1', '1.5').revisedPriceCents).toBe(2);
    expect(revisedPrice(indexed, 1, '1', '1.4999').revisedPriceCents).toBe(1);
    expect(revisedPrice(indexed, 1, '1', '1.5001').revisedPriceCents).toBe(2);
  });

  it('never moves the fixed part: an index falling to nothing leaves a × P0', () => {
    expect(revisedPrice(formula, 500_000, '112.3', '0').revisedPriceCents).toBe(75_000);
  });

  it('is within half a cent of the exact rational value, for any price, parts and index values', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_00 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 9_999_999 }),
        fc.integer({ min: 0, max: 9_999_999 }),
        (p0, a, i0, i) => {
          const parts = { fixedPartBasisPoints: a, indexedPartBasisPoints: 10_000 - a };
          const p = BigInt(revisedPrice(parts, p0, (i0 / 10_000).toFixed(4), (i / 10_000).toFixed(4)).revisedPriceCents);
          // |P × 10,000 × I0 − P0 × (a × I0 + b × I)| ≤ half of 10,000 × I0
          const exact = BigInt(p0) * (BigInt(a) * BigInt(i0) + BigInt(10_000 - a) * BigInt(i));
          const scale = 10_000n * BigInt(i0);
          const gap = p * scale - exact;
          return 2n * (gap < 0n ? -gap : gap) <= scale;
        },
      ),
    );
  });
});

describe('the month of the index a revision uses', () => {
  it('is the revision month less the lag, across a year end', () => {
    expect(indexMonthOf('2027-01-01', 3)).toBe('2026-10');
    expect(indexMonthOf('2027-01-01', 0)).toBe('2027-01');
    expect(indexMonthOf('2027-03-15', 14)).toBe('2026-01');
  });
});
