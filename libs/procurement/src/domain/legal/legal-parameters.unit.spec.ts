import { RuleViolation } from '@app/shared/errors/domain-errors';
import {
  LEGAL_PARAMETER_PERIODS,
  LegalParameterPeriod,
  legalParameterPeriodProblems,
  legalParametersAt,
} from './legal-parameters';

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

describe('legal parameters in force on a date', () => {
  describe('EU thresholds for services bought by a Région (sub-central buyer)', () => {
    it.each([
      ['2024-01-01', 221_000],
      ['2025-06-15', 221_000],
      ['2025-12-31', 221_000],
      ['2026-01-01', 216_000],
      ['2027-06-30', 216_000],
    ])('on %s the threshold is %d € excluding VAT', (date, amount) => {
      expect(legalParametersAt(date).euThresholdsCents.SUB_CENTRAL.SERVICES).toBe(euros(amount));
    });
  });

  describe('EU thresholds for services bought by the State (central buyer)', () => {
    it.each([
      ['2024-01-01', 143_000],
      ['2025-12-31', 143_000],
      ['2026-01-01', 140_000],
    ])('on %s the threshold is %d € excluding VAT', (date, amount) => {
      expect(legalParametersAt(date).euThresholdsCents.CENTRAL.SERVICES).toBe(euros(amount));
    });
  });

  describe('EU thresholds for works, the same for both buyer kinds', () => {
    it.each([
      ['2024-01-01', 5_538_000],
      ['2025-12-31', 5_538_000],
      ['2026-01-01', 5_404_000],
    ])('on %s the threshold is %d € excluding VAT', (date, amount) => {
      const parameters = legalParametersAt(date);
      expect(parameters.euThresholdsCents.SUB_CENTRAL.WORKS).toBe(euros(amount));
      expect(parameters.euThresholdsCents.CENTRAL.WORKS).toBe(euros(amount));
    });
  });

  it.each(['2024-01-01', '2026-01-01'])('on %s the CCP and CGCT percentages are 10/15%, 50%, 50% and 5%', (date) => {
    const parameters = legalParametersAt(date);
    expect(parameters.deMinimisPercentOfInitial).toEqual({ SERVICES: 10, SOCIAL_AND_SPECIFIC_SERVICES: 10, WORKS: 15 });
    expect(parameters.additionalServicesCapPercentOfInitial).toBe(50);
    expect(parameters.unforeseeableCircumstancesCapPercentOfInitial).toBe(50);
    expect(parameters.tenderCommitteeIncreasePercentOfInitial).toBe(5);
  });

  it('gives the 2024-2025 period its date range, ending the day before the next period starts', () => {
    const parameters = legalParametersAt('2025-06-15');
    expect(parameters.validFrom).toBe('2024-01-01');
    expect(parameters.validTo).toBe('2025-12-31');
  });

  it('keeps the last known period in force with no end date', () => {
    const parameters = legalParametersAt('2031-03-01');
    expect(parameters.validFrom).toBe('2026-01-01');
    expect(parameters.validTo).toBeNull();
    expect(parameters.euThresholdsCents.SUB_CENTRAL.SERVICES).toBe(euros(216_000));
  });

  it('names the sources of the figures for the auditor', () => {
    expect(legalParametersAt('2026-01-01').sources.join(' ')).toMatch(/R2194-8.*R2194-3.*L1414-4/);
  });

  it('refuses a date before the first period with NO_LEGAL_PARAMETERS_FOR_DATE', () => {
    const violation = thrown(() => legalParametersAt('2023-12-31'));
    expect(violation.code).toBe('NO_LEGAL_PARAMETERS_FOR_DATE');
    expect(violation.details).toEqual({ date: '2023-12-31', day: '2023-12-31', firstValidFrom: '2024-01-01' });
  });

  it('uses the calendar day of a full ISO date-time as written', () => {
    expect(legalParametersAt('2025-12-31T23:59:59.999+01:00').euThresholdsCents.SUB_CENTRAL.SERVICES).toBe(euros(221_000));
    expect(legalParametersAt('2026-01-01T00:00:00Z').euThresholdsCents.SUB_CENTRAL.SERVICES).toBe(euros(216_000));
  });

  it.each(['2025-02-29', '2025-13-01', '2025-00-10', '31/12/2025', '', '2025-12-31T25'])(
    'refuses the malformed date "%s" with INVALID_LEGAL_DATE',
    (date) => {
      expect(thrown(() => legalParametersAt(date)).code).toBe('INVALID_LEGAL_DATE');
    },
  );

  it('accepts 29 February of a leap year', () => {
    expect(legalParametersAt('2024-02-29').validFrom).toBe('2024-01-01');
  });

  describe('a new period is one more entry', () => {
    const withNextRevision: LegalParameterPeriod[] = [
      ...LEGAL_PARAMETER_PERIODS,
      {
        ...LEGAL_PARAMETER_PERIODS[LEGAL_PARAMETER_PERIODS.length - 1],
        validFrom: '2028-01-01',
        euThresholdsCents: {
          SUB_CENTRAL: { SERVICES: euros(210_000), SOCIAL_AND_SPECIFIC_SERVICES: euros(750_000), WORKS: euros(5_300_000) },
          CENTRAL: { SERVICES: euros(137_000), SOCIAL_AND_SPECIFIC_SERVICES: euros(750_000), WORKS: euros(5_300_000) },
        },
      },
    ];

    it('closes the previous period on the day before the new one', () => {
      const parameters = legalParametersAt('2027-12-31', withNextRevision);
      expect(parameters.validTo).toBe('2027-12-31');
      expect(parameters.euThresholdsCents.SUB_CENTRAL.SERVICES).toBe(euros(216_000));
    });

    it('applies the new figures from its first day', () => {
      const parameters = legalParametersAt('2028-01-01', withNextRevision);
      expect(parameters.validFrom).toBe('2028-01-01');
      expect(parameters.euThresholdsCents.SUB_CENTRAL.SERVICES).toBe(euros(210_000));
    });

    it('finds no problem in a list extended in order', () => {
      expect(legalParameterPeriodProblems(withNextRevision)).toEqual([]);
    });
  });

  describe('social and other specific services (CCP R2123-1 3°)', () => {
    it.each(['2024-01-01', '2025-12-31', '2026-01-01', '2027-06-30'])('hold 750,000 € for every buyer on %s', (date) => {
      const parameters = legalParametersAt(date);
      expect(parameters.euThresholdsCents.SUB_CENTRAL.SOCIAL_AND_SPECIFIC_SERVICES).toBe(euros(750_000));
      expect(parameters.euThresholdsCents.CENTRAL.SOCIAL_AND_SPECIFIC_SERVICES).toBe(euros(750_000));
      expect(parameters.deMinimisPercentOfInitial.SOCIAL_AND_SPECIFIC_SERVICES).toBe(10);
      expect(parameters.sources.some((source) => source.includes('750,000') && source.includes('R2123-1 3°'))).toBe(true);
    });
  });

  describe('well-formedness of the configured periods', () => {
    const period = LEGAL_PARAMETER_PERIODS[0];

    it('finds no problem in the configured periods', () => {
      expect(legalParameterPeriodProblems(LEGAL_PARAMETER_PERIODS)).toEqual([]);
    });

    it('reports periods out of order', () => {
      expect(legalParameterPeriodProblems([LEGAL_PARAMETER_PERIODS[1], LEGAL_PARAMETER_PERIODS[0]])).toEqual([
        "period 1 (2024-01-01): validFrom does not follow the previous period's",
      ]);
    });

    it('reports a threshold that is not whole cents', () => {
      const broken = { ...period, euThresholdsCents: { ...period.euThresholdsCents, CENTRAL: { SERVICES: 14_300_000.5, SOCIAL_AND_SPECIFIC_SERVICES: 1, WORKS: 1 } } };
      expect(legalParameterPeriodProblems([broken])).toEqual([
        'period 0 (2024-01-01): EU threshold CENTRAL/SERVICES is not a positive integer of cents',
      ]);
    });

    it('reports a percentage above 100 and one with three decimals', () => {
      expect(legalParameterPeriodProblems([{ ...period, tenderCommitteeIncreasePercentOfInitial: 101 }])).toEqual([
        'period 0 (2024-01-01): a percentage is outside (0, 100]',
      ]);
      expect(legalParameterPeriodProblems([{ ...period, deMinimisPercentOfInitial: { SERVICES: 10.005, SOCIAL_AND_SPECIFIC_SERVICES: 10, WORKS: 15 } }])).toEqual([
        'period 0 (2024-01-01): a percentage has more than 2 decimals',
      ]);
    });

    it('reports an empty list', () => {
      expect(legalParameterPeriodProblems([])).toEqual(['no period is configured']);
    });
  });
});
