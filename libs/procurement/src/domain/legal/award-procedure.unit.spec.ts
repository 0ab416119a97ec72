import { RuleViolation } from '@app/shared/errors/domain-errors';
import { AwardProcedureFacts, checkAwardProcedure, isFormalised, purchaseKindOf } from './award-procedure';

const euros = (amount: number): number => Math.round(amount * 100);

function thrown(action: () => unknown): RuleViolation {
  try {
    action();
  } catch (error) {
    if (error instanceof RuleViolation) return error;
    throw error;
  }
  throw new Error('expected a RuleViolation, nothing was thrown');
}

const facts = (overrides: Partial<AwardProcedureFacts> = {}): AwardProcedureFacts => ({
  award: { procedure: 'MAPA' },
  cpvCode: '80530000-8',
  buyerKind: 'SUB_CENTRAL',
  estimatedValueCents: euros(2_000_000),
  date: '2026-03-02',
  ...overrides,
});

describe('kind of purchase from the main CPV code (CCP R2123-1 3°, notice of 31 March 2019)', () => {
  it.each(['80000000-4', '80530000-8', '80533300-5', '80660000-8'])(
    'classifies %s as a social and specific (training) service',
    (cpv) => {
      expect(purchaseKindOf(cpv).purchaseKind).toBe('SOCIAL_AND_SPECIFIC_SERVICES');
    },
  );

  it.each(['80533000-9', '80533100-0', '80533200-1'])('keeps the computer training exception %s an ordinary service', (cpv) => {
    expect(purchaseKindOf(cpv).purchaseKind).toBe('SERVICES');
  });

  it.each(['79999999-1', '80660001-0', '72000000-5'])('classifies %s, outside the training range, as an ordinary service', (cpv) => {
    expect(purchaseKindOf(cpv)).toMatchObject({ purchaseKind: 'SERVICES', reason: expect.stringContaining(cpv) });
  });

  it('reads a contract without a recorded CPV code as ordinary services, as it was decided', () => {
    expect(purchaseKindOf(undefined)).toMatchObject({ purchaseKind: 'SERVICES', reason: expect.stringContaining('no CPV code recorded') });
  });
});

describe('award procedure allowed for the purchase (CCP R2123-1, L2122-1)', () => {
  it('allows the adapted procedure for training services whatever their value (R2123-1 3°)', () => {
    expect(() => checkAwardProcedure(facts({ estimatedValueCents: euros(20_000_000) }))).not.toThrow();
  });

  it('allows the adapted procedure for ordinary services one cent below the 216,000 € threshold of 2026', () => {
    expect(() => checkAwardProcedure(facts({ cpvCode: '80533100-0', estimatedValueCents: euros(215_999.99) }))).not.toThrow();
  });

  it.each([
    ['at', 216_000],
    ['one cent above', 216_000.01],
  ])('refuses the adapted procedure for ordinary services %s the threshold (R2123-1 1°)', (_where, amount) => {
    const violation = thrown(() => checkAwardProcedure(facts({ cpvCode: '80533100-0', estimatedValueCents: euros(amount) })));
    expect(violation.code).toBe('ADAPTED_PROCEDURE_ABOVE_THRESHOLD');
    expect(violation.rule).toBe('CCP R2123-1 1°');
    expect(violation.details).toMatchObject({ estimatedValueCents: euros(amount), euThresholdCents: euros(216_000), purchaseKind: 'SERVICES' });
  });

  it('holds the adapted procedure to the 2024-2025 threshold of 221,000 € on a day of that period', () => {
    expect(() => checkAwardProcedure(facts({ cpvCode: '80533100-0', estimatedValueCents: euros(220_000), date: '2025-06-15' }))).not.toThrow();
    expect(thrown(() => checkAwardProcedure(facts({ cpvCode: '80533100-0', estimatedValueCents: euros(220_000) }))).code).toBe(
      'ADAPTED_PROCEDURE_ABOVE_THRESHOLD',
    );
  });

  it('allows any formalised procedure above the threshold', () => {
    expect(() => checkAwardProcedure(facts({ award: { procedure: 'OPEN_TENDER' }, cpvCode: '80533100-0' }))).not.toThrow();
  });

  it('refuses an award without publication or competition that names no ground', () => {
    const violation = thrown(() => checkAwardProcedure(facts({ award: { procedure: 'WITHOUT_PUBLICATION_OR_COMPETITION' } })));
    expect(violation.code).toBe('AWARD_GROUND_REQUIRED');
  });

  it('accepts an award without publication or competition on its ground, and refuses a ground on another procedure', () => {
    expect(() => checkAwardProcedure(facts({ award: { procedure: 'WITHOUT_PUBLICATION_OR_COMPETITION', ground: 'R2122-8' } }))).not.toThrow();
    expect(thrown(() => checkAwardProcedure(facts({ award: { procedure: 'OPEN_TENDER', ground: 'R2122-8' } }))).code).toBe('AWARD_GROUND_NOT_APPLICABLE');
  });

  it('counts appel d’offres, négociation and dialogue as formalised, MAPA and direct awards not', () => {
    expect(['OPEN_TENDER', 'RESTRICTED_TENDER', 'COMPETITIVE_NEGOTIATION', 'COMPETITIVE_DIALOGUE'].every((p) => isFormalised(p as never))).toBe(true);
    expect(isFormalised('MAPA')).toBe(false);
    expect(isFormalised('WITHOUT_PUBLICATION_OR_COMPETITION')).toBe(false);
  });
});
