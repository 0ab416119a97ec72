import { RuleViolation } from '@app/shared/errors/domain-errors';
import {
  assertLegalBasis,
  checkLegalBasis,
  LegalBasisAllowed,
  LegalBasisDecision,
  LegalBasisRefused,
  ModificationContext,
  ModificationProposal,
  PriorModification,
  ReviewClauseTerms,
} from './legal-basis';

const euros = (amount: number): number => Math.round(amount * 100);

/** A Région buying services under a 1,000,000 € contract in mid-2025, no prior modification, no clause. */
function regionServicesContract(overrides: Partial<ModificationContext> = {}): ModificationContext {
  return {
    date: '2025-06-15',
    buyerKind: 'SUB_CENTRAL',
    purchaseKind: 'SERVICES',
    initialAmountCents: euros(1_000_000),
    currentAmountCents: euros(1_000_000),
    priorModifications: [],
    reviewClauses: [],
    ...overrides,
  };
}

function change(amountChangeCents: number, overrides: Partial<ModificationProposal> = {}): ModificationProposal {
  return { kind: 'VOLUME', amountChangeCents, ...overrides };
}

function prior(legalBasis: PriorModification['legalBasis'], amount: number, reviewClauseId?: string): PriorModification {
  return { legalBasis, amountChangeCents: euros(amount), ...(reviewClauseId ? { reviewClauseId } : {}) };
}

function expectAllowed(decision: LegalBasisDecision): LegalBasisAllowed {
  if (!decision.allowed) throw new Error(`expected an allowed modification, got ${decision.code}: ${decision.message}`);
  return decision;
}

function expectRefused(decision: LegalBasisDecision): LegalBasisRefused {
  if (decision.allowed) throw new Error(`expected a refusal, got an allowed ${decision.legalBasis} modification`);
  return decision;
}

function thrown(action: () => unknown): RuleViolation {
  try {
    action();
  } catch (error) {
    if (error instanceof RuleViolation) return error;
    throw error;
  }
  throw new Error('expected a RuleViolation, nothing was thrown');
}

const CLAUSES: ReviewClauseTerms[] = [
  { clauseId: 'VOLUME-30', covers: ['VOLUME'], maxAmountChangeCents: euros(300_000), inInitialDocuments: true },
  { clauseId: 'PRICE-INDEX', covers: ['PRICE'], inInitialDocuments: true },
  { clauseId: 'PRICE-ADDED-LATER', covers: ['PRICE'], inInitialDocuments: false },
  { clauseId: 'MODULES', covers: ['NEW_MODULES', 'SCOPE'], inInitialDocuments: true },
  { clauseId: 'CONTRACTOR-OPTION', covers: ['CONTRACTOR_CHANGE'], inInitialDocuments: true },
  { clauseId: 'CONTRACTOR-ADDED-LATER', covers: ['CONTRACTOR_CHANGE'], inInitialDocuments: false },
];

describe('legal basis of a contract modification (CCP L2194-1, R2194-1 to R2194-9)', () => {
  describe('de minimis (R2194-8): below 10% of the initial amount for services', () => {
    // 10% of 1,000,000 € is 100,000 €, below the 221,000 € threshold: the percentage is the binding test.
    it('allows a de minimis amendment at 9.99% of the initial amount', () => {
      const decision = expectAllowed(checkLegalBasis(change(euros(99_900)), regionServicesContract()));
      expect(decision.legalBasis).toBe('R2194-8');
      expect(decision.eformsCode).toBe('mod-minv');
      expect(decision.article).toBe('CCP R2194-8 and R2194-9');
      expect(decision.figures.deMinimis?.cumulativePercentOfInitial).toBe(9.99);
      expect(decision.figures.amountChangePercentOfInitial).toBe(9.99);
    });

    it('allows a de minimis amendment one cent below 10% of the initial amount', () => {
      const decision = expectAllowed(checkLegalBasis(change(euros(99_999.99)), regionServicesContract()));
      expect(decision.figures.deMinimis?.belowPercentCap).toBe(true);
    });

    it('refuses a de minimis amendment at exactly 10% of the initial amount', () => {
      const decision = expectRefused(checkLegalBasis(change(euros(100_000)), regionServicesContract()));
      expect(decision.code).toBe('AMENDMENT_EXCEEDS_DE_MINIMIS');
      expect(decision.rule).toBe('CCP R2194-8 and R2194-9');
      expect(decision.figures.deMinimis).toMatchObject({
        percentCapOfInitial: 10,
        percentCapCents: euros(100_000),
        cumulativeCents: euros(100_000),
        cumulativePercentOfInitial: 10,
        belowPercentCap: false,
        belowEuThreshold: true,
      });
      expect(decision.message).toContain('not below 10% of the initial amount');
    });

    it('refuses a de minimis amendment one cent above 10% of the initial amount', () => {
      expect(expectRefused(checkLegalBasis(change(euros(100_000.01)), regionServicesContract())).code).toBe(
        'AMENDMENT_EXCEEDS_DE_MINIMIS',
      );
    });

    it('allows a decrease one cent below 10%, the test being on its absolute value', () => {
      const decision = expectAllowed(checkLegalBasis(change(-euros(99_999.99)), regionServicesContract()));
      expect(decision.legalBasis).toBe('R2194-8');
      expect(decision.figures.deMinimis?.cumulativeCents).toBe(euros(99_999.99));
    });

    it('refuses a decrease of exactly 10% as a de minimis amendment, the test being on its absolute value', () => {
      expect(expectRefused(checkLegalBasis(change(-euros(100_000)), regionServicesContract())).code).toBe(
        'AMENDMENT_EXCEEDS_DE_MINIMIS',
      );
    });

    it('allows a change that leaves the amount unchanged as de minimis', () => {
      const decision = expectAllowed(checkLegalBasis(change(0, { kind: 'DURATION' }), regionServicesContract()));
      expect(decision.legalBasis).toBe('R2194-8');
    });
  });

  describe('de minimis (R2194-8): below 15% of the initial amount for works', () => {
    // 15% of 10,000,000 € is 1,500,000 €, below the 5,538,000 € works threshold.
    const worksContract = regionServicesContract({
      purchaseKind: 'WORKS',
      initialAmountCents: euros(10_000_000),
      currentAmountCents: euros(10_000_000),
    });

    it('allows a works amendment one cent below 15% of the initial amount', () => {
      const decision = expectAllowed(checkLegalBasis(change(euros(1_499_999.99)), worksContract));
      expect(decision.figures.deMinimis?.percentCapOfInitial).toBe(15);
      expect(decision.figures.deMinimis?.cumulativePercentOfInitial).toBe(14.99);
    });

    it('refuses a works amendment at exactly 15% of the initial amount', () => {
      const decision = expectRefused(checkLegalBasis(change(euros(1_500_000)), worksContract));
      expect(decision.code).toBe('AMENDMENT_EXCEEDS_DE_MINIMIS');
      expect(decision.figures.deMinimis?.belowPercentCap).toBe(false);
    });

    it('allows 12% for works but refuses it for services of the same initial amount', () => {
      const services = regionServicesContract({
        initialAmountCents: euros(1_000_000),
        currentAmountCents: euros(1_000_000),
      });
      const works = { ...services, purchaseKind: 'WORKS' as const };
      expect(checkLegalBasis(change(euros(120_000)), works).allowed).toBe(true);
      expect(checkLegalBasis(change(euros(120_000)), services).allowed).toBe(false);
    });
  });

  describe('de minimis (R2194-8): below the EU threshold in force on the date of the decision', () => {
    // A 5,000,000 € services contract: 10% is 500,000 €, so the EU threshold is the binding test.
    const largeServicesContract = (date: string, buyerKind: 'SUB_CENTRAL' | 'CENTRAL' = 'SUB_CENTRAL') =>
      regionServicesContract({
        date,
        buyerKind,
        initialAmountCents: euros(5_000_000),
        currentAmountCents: euros(5_000_000),
      });

    it('allows 220,999.99 € for a Région on 2025-12-31', () => {
      const decision = expectAllowed(checkLegalBasis(change(euros(220_999.99)), largeServicesContract('2025-12-31')));
      expect(decision.figures.deMinimis).toMatchObject({
        euThresholdCents: euros(221_000),
        euThresholdValidFrom: '2024-01-01',
        euThresholdValidTo: '2025-12-31',
        belowEuThreshold: true,
      });
    });

    it('refuses 221,000 € for a Région on 2025-12-31, the amount having to be below the threshold', () => {
      const decision = expectRefused(checkLegalBasis(change(euros(221_000)), largeServicesContract('2025-12-31')));
      expect(decision.code).toBe('AMENDMENT_EXCEEDS_DE_MINIMIS');
      expect(decision.figures.deMinimis).toMatchObject({ belowEuThreshold: false, belowPercentCap: true });
      expect(decision.message).toContain('not below the EU threshold of 221,000.00 € in force on 2024-01-01 to 2025-12-31');
    });

    it('allows 215,999.99 € for a Région on 2026-01-01', () => {
      const decision = expectAllowed(checkLegalBasis(change(euros(215_999.99)), largeServicesContract('2026-01-01')));
      expect(decision.figures.deMinimis).toMatchObject({
        euThresholdCents: euros(216_000),
        euThresholdValidFrom: '2026-01-01',
        euThresholdValidTo: null,
      });
    });

    it('refuses 216,000 € for a Région on 2026-01-01', () => {
      const decision = expectRefused(checkLegalBasis(change(euros(216_000)), largeServicesContract('2026-01-01')));
      expect(decision.figures.deMinimis?.belowEuThreshold).toBe(false);
      expect(decision.message).toContain('216,000.00 € in force on 2026-01-01 onwards');
    });

    it('allows 218,000 € on 2025-12-31 and refuses the same amount on 2026-01-01, when the threshold changes', () => {
      expect(checkLegalBasis(change(euros(218_000)), largeServicesContract('2025-12-31')).allowed).toBe(true);
      expect(checkLegalBasis(change(euros(218_000)), largeServicesContract('2026-01-01')).allowed).toBe(false);
    });

    it('selects the threshold from the calendar day of a full ISO date-time', () => {
      expect(checkLegalBasis(change(euros(218_000)), largeServicesContract('2025-12-31T18:00:00+01:00')).allowed).toBe(true);
      expect(checkLegalBasis(change(euros(218_000)), largeServicesContract('2026-01-01T09:30:00+01:00')).allowed).toBe(false);
    });

    it('allows 142,999.99 € and refuses 143,000 € for the State on 2025-12-31', () => {
      expect(checkLegalBasis(change(euros(142_999.99)), largeServicesContract('2025-12-31', 'CENTRAL')).allowed).toBe(true);
      expect(checkLegalBasis(change(euros(143_000)), largeServicesContract('2025-12-31', 'CENTRAL')).allowed).toBe(false);
    });

    it('allows 139,999.99 € and refuses 140,000 € for the State on 2026-01-01', () => {
      expect(checkLegalBasis(change(euros(139_999.99)), largeServicesContract('2026-01-01', 'CENTRAL')).allowed).toBe(true);
      expect(checkLegalBasis(change(euros(140_000)), largeServicesContract('2026-01-01', 'CENTRAL')).allowed).toBe(false);
    });

    describe('works, whose threshold is far higher', () => {
      const largeWorksContract = (date: string) =>
        regionServicesContract({
          date,
          purchaseKind: 'WORKS',
          initialAmountCents: euros(100_000_000),
          currentAmountCents: euros(100_000_000),
        });

      it('allows 5,537,999.99 € and refuses 5,538,000 € on 2025-12-31', () => {
        expect(checkLegalBasis(change(euros(5_537_999.99)), largeWorksContract('2025-12-31')).allowed).toBe(true);
        const refusal = expectRefused(checkLegalBasis(change(euros(5_538_000)), largeWorksContract('2025-12-31')));
        expect(refusal.figures.deMinimis?.euThresholdCents).toBe(euros(5_538_000));
      });

      it('allows 5,403,999.99 € and refuses 5,404,000 € on 2026-01-01', () => {
        expect(checkLegalBasis(change(euros(5_403_999.99)), largeWorksContract('2026-01-01')).allowed).toBe(true);
        const refusal = expectRefused(checkLegalBasis(change(euros(5_404_000)), largeWorksContract('2026-01-01')));
        expect(refusal.figures.deMinimis?.euThresholdCents).toBe(euros(5_404_000));
      });

      it('allows for works an amount that is above the services threshold', () => {
        expect(checkLegalBasis(change(euros(1_000_000)), largeWorksContract('2026-01-01')).allowed).toBe(true);
      });
    });
  });

  describe('successive de minimis modifications are cumulated (R2194-9)', () => {
    const afterTwoDeMinimis = regionServicesContract({
      priorModifications: [prior('R2194-8', 40_000), prior('R2194-8', 20_000)],
      currentAmountCents: euros(1_060_000),
    });

    it('allows a third one while the cumulated total stays one cent below 10%', () => {
      const decision = expectAllowed(checkLegalBasis(change(euros(39_999.99)), afterTwoDeMinimis));
      expect(decision.figures.deMinimis).toMatchObject({
        priorDeMinimisCents: euros(60_000),
        priorDeMinimisCount: 2,
        cumulativeCents: euros(99_999.99),
        cumulativePercentOfInitial: 9.99,
      });
      expect(decision.figures.priorSameBasisCents).toBe(euros(60_000));
      expect(decision.figures.cumulativeSameBasisCents).toBe(euros(99_999.99));
    });

    it('refuses a third one that brings the cumulated total to exactly 10%', () => {
      const decision = expectRefused(checkLegalBasis(change(euros(40_000)), afterTwoDeMinimis));
      expect(decision.code).toBe('AMENDMENT_EXCEEDS_DE_MINIMIS');
      expect(decision.figures.deMinimis?.cumulativeCents).toBe(euros(100_000));
      expect(decision.message).toContain('60,000.00 € before this one');
    });

    it('refuses a small amendment that would pass alone but not with the prior ones', () => {
      expect(checkLegalBasis(change(euros(40_000)), regionServicesContract()).allowed).toBe(true);
      expect(checkLegalBasis(change(euros(40_000)), afterTwoDeMinimis).allowed).toBe(false);
    });

    it('counts a prior de minimis decrease by its absolute value, so alternating changes cannot go round the cap', () => {
      const afterIncreaseAndDecrease = regionServicesContract({
        priorModifications: [prior('R2194-8', 40_000), prior('R2194-8', -20_000)],
        currentAmountCents: euros(1_020_000),
      });
      const decision = expectRefused(checkLegalBasis(change(euros(50_000)), afterIncreaseAndDecrease));
      expect(decision.figures.deMinimis?.cumulativeCents).toBe(euros(110_000));
      expect(decision.figures.cumulativeNetChangeCents).toBe(euros(70_000));
    });

    it('cumulates against the EU threshold too', () => {
      const large = regionServicesContract({
        date: '2025-12-31',
        initialAmountCents: euros(5_000_000),
        currentAmountCents: euros(5_200_000),
        priorModifications: [prior('R2194-8', 100_000), prior('R2194-8', 100_000)],
      });
      expect(checkLegalBasis(change(euros(20_999.99)), large).allowed).toBe(true);
      const refusal = expectRefused(checkLegalBasis(change(euros(21_000)), large));
      expect(refusal.figures.deMinimis).toMatchObject({ cumulativeCents: euros(221_000), belowEuThreshold: false });
    });

    it('does not count prior R2194-5 modifications in the de minimis sum', () => {
      const afterUnforeseen = regionServicesContract({
        priorModifications: [prior('R2194-5', 400_000)],
        currentAmountCents: euros(1_400_000),
      });
      const decision = expectAllowed(checkLegalBasis(change(euros(99_999.99)), afterUnforeseen));
      expect(decision.legalBasis).toBe('R2194-8');
      expect(decision.figures.deMinimis).toMatchObject({
        priorDeMinimisCents: 0,
        excludedPriorUnforeseenCents: euros(400_000),
        cumulativeCents: euros(99_999.99),
      });
    });

    it('does not count prior modifications on other bases (R2194-1, R2194-2, R2194-6) in the de minimis sum', () => {
      const afterOthers = regionServicesContract({
        priorModifications: [prior('R2194-1', 200_000, 'VOLUME-30'), prior('R2194-2', 300_000), prior('R2194-6', 0)],
        currentAmountCents: euros(1_500_000),
      });
      const decision = expectAllowed(checkLegalBasis(change(euros(99_999.99)), afterOthers));
      expect(decision.figures.deMinimis?.cumulativeCents).toBe(euros(99_999.99));
    });
  });

  describe('unforeseeable circumstances (R2194-5): each modification at most 50% of the initial amount', () => {
    const unforeseen = (amount: number) => change(amount, { justification: { unforeseeableCircumstances: true } });

    it('allows an unforeseeable-circumstances amendment at exactly 50% of the initial amount', () => {
      const decision = expectAllowed(checkLegalBasis(unforeseen(euros(500_000)), regionServicesContract()));
      expect(decision.legalBasis).toBe('R2194-5');
      expect(decision.eformsCode).toBe('mod-cir');
      expect(decision.article).toBe('CCP R2194-5');
      expect(decision.figures.perModificationCap).toMatchObject({
        capPercentOfInitial: 50,
        capCents: euros(500_000),
        absoluteAmountCents: euros(500_000),
        percentOfInitial: 50,
        withinCap: true,
      });
      expect(decision.splittingWarning).toBeUndefined();
    });

    it('allows one cent below 50%', () => {
      expect(expectAllowed(checkLegalBasis(unforeseen(euros(499_999.99)), regionServicesContract())).legalBasis).toBe('R2194-5');
    });

    it('refuses an unforeseeable-circumstances amendment one cent above 50% of the initial amount', () => {
      const decision = expectRefused(checkLegalBasis(unforeseen(euros(500_000.01)), regionServicesContract()));
      expect(decision.code).toBe('AMENDMENT_EXCEEDS_50_PERCENT');
      expect(decision.rule).toBe('CCP R2194-5');
      expect(decision.figures.perModificationCap?.withinCap).toBe(false);
    });

    it('refuses a decrease above 50% of the initial amount, the cap being on the absolute value', () => {
      const decision = expectRefused(checkLegalBasis(unforeseen(-euros(500_000.01)), regionServicesContract()));
      expect(decision.code).toBe('AMENDMENT_EXCEEDS_50_PERCENT');
    });

    it('refuses rather than falling back to another basis when the invoked cap is exceeded', () => {
      const decision = expectRefused(checkLegalBasis(unforeseen(euros(600_000)), regionServicesContract()));
      expect(decision.figures.testedBasis).toBe('R2194-5');
    });

    it('applies the 50% to each modification, not to their sum, and warns of a series that looks like splitting', () => {
      const afterOne = regionServicesContract({
        priorModifications: [prior('R2194-5', 400_000)],
        currentAmountCents: euros(1_400_000),
      });
      const decision = expectAllowed(checkLegalBasis(unforeseen(euros(400_000)), afterOne));
      expect(decision.legalBasis).toBe('R2194-5');
      expect(decision.splittingWarning).toContain('splitting');
      expect(decision.splittingWarning).toContain('800,000.00 €');
      expect(decision.figures.perModificationCap).toMatchObject({
        priorAdditionalAndUnforeseenCents: euros(400_000),
        cumulativeAdditionalAndUnforeseenCents: euros(800_000),
        cumulativeAdditionalAndUnforeseenPercentOfInitial: 80,
        seriesAboveCap: true,
      });
      expect(decision.figures.cumulativeSameBasisPercentOfInitial).toBe(80);
    });

    it('does not warn when the series totals exactly 50%', () => {
      const afterOne = regionServicesContract({ priorModifications: [prior('R2194-5', 300_000)] });
      expect(expectAllowed(checkLegalBasis(unforeseen(euros(200_000)), afterOne)).splittingWarning).toBeUndefined();
    });

    it('warns when the series goes one cent above 50%', () => {
      const afterOne = regionServicesContract({ priorModifications: [prior('R2194-5', 300_000)] });
      expect(expectAllowed(checkLegalBasis(unforeseen(euros(200_000.01)), afterOne)).splittingWarning).toBeDefined();
    });

    it('counts prior additional-services modifications (R2194-2) in the series, but not de minimis ones', () => {
      const withAdditional = regionServicesContract({ priorModifications: [prior('R2194-2', 300_000)] });
      const withDeMinimis = regionServicesContract({ priorModifications: [prior('R2194-8', 90_000)] });
      expect(expectAllowed(checkLegalBasis(unforeseen(euros(250_000)), withAdditional)).splittingWarning).toBeDefined();
      expect(expectAllowed(checkLegalBasis(unforeseen(euros(450_000)), withDeMinimis)).splittingWarning).toBeUndefined();
    });
  });

  describe('additional services (R2194-2 and R2194-3): each modification at most 50% of the initial amount', () => {
    const additional = (amount: number) =>
      change(amount, {
        kind: 'NEW_MODULES',
        justification: { additionalServicesNeeded: true, changeOfContractorImpossible: true },
      });

    it('allows additional services at exactly 50% of the initial amount', () => {
      const decision = expectAllowed(checkLegalBasis(additional(euros(500_000)), regionServicesContract()));
      expect(decision.legalBasis).toBe('R2194-2');
      expect(decision.eformsCode).toBe('add-wss');
      expect(decision.article).toBe('CCP R2194-2 and R2194-3');
    });

    it('refuses additional services one cent above 50% of the initial amount', () => {
      const decision = expectRefused(checkLegalBasis(additional(euros(500_000.01)), regionServicesContract()));
      expect(decision.code).toBe('AMENDMENT_EXCEEDS_50_PERCENT');
      expect(decision.rule).toBe('CCP R2194-3');
    });

    it('allows a second additional-services amendment of 40% and warns that the series exceeds 50%', () => {
      const afterOne = regionServicesContract({ priorModifications: [prior('R2194-2', 400_000)] });
      const decision = expectAllowed(checkLegalBasis(additional(euros(400_000)), afterOne));
      expect(decision.splittingWarning).toContain('80%');
    });

    it('does not apply R2194-2 when a change of contractor is not shown to be impossible', () => {
      const withoutImpossibility = change(euros(200_000), {
        kind: 'NEW_MODULES',
        justification: { additionalServicesNeeded: true },
      });
      const decision = expectRefused(checkLegalBasis(withoutImpossibility, regionServicesContract()));
      expect(decision.code).toBe('AMENDMENT_EXCEEDS_DE_MINIMIS');
      expect(decision.figures.basisSelection).toContain('change of contractor to be impossible');
    });

    it('prefers R2194-2 to R2194-5 when both are justified', () => {
      const both = change(euros(100_000), {
        justification: { additionalServicesNeeded: true, changeOfContractorImpossible: true, unforeseeableCircumstances: true },
      });
      expect(expectAllowed(checkLegalBasis(both, regionServicesContract())).legalBasis).toBe('R2194-2');
    });
  });

  describe('review clause of the initial documents (R2194-1)', () => {
    const withClauses = (overrides: Partial<ModificationContext> = {}) =>
      regionServicesContract({ reviewClauses: CLAUSES, ...overrides });

    it('allows a change under a clause with no amount limit, above every other cap', () => {
      const decision = expectAllowed(
        checkLegalBasis(change(euros(800_000), { kind: 'PRICE', reviewClauseId: 'PRICE-INDEX' }), withClauses()),
      );
      expect(decision.legalBasis).toBe('R2194-1');
      expect(decision.eformsCode).toBe('mod-rev');
      expect(decision.article).toBe('CCP R2194-1');
      expect(decision.reviewClauseId).toBe('PRICE-INDEX');
      expect(decision.figures.reviewClause).toMatchObject({ clauseId: 'PRICE-INDEX', found: true, inInitialDocuments: true, coversChange: true });
    });

    it('allows a change at exactly the clause bound', () => {
      const decision = expectAllowed(checkLegalBasis(change(euros(300_000), { reviewClauseId: 'VOLUME-30' }), withClauses()));
      expect(decision.figures.reviewClause).toMatchObject({ maxAmountChangeCents: euros(300_000), withinBound: true });
    });

    it('refuses a change one cent above the clause bound', () => {
      const decision = expectRefused(
        checkLegalBasis(change(euros(300_000.01), { reviewClauseId: 'VOLUME-30' }), withClauses()),
      );
      expect(decision.code).toBe('REVIEW_CLAUSE_BOUND_EXCEEDED');
      expect(decision.rule).toBe('CCP R2194-1');
      expect(decision.figures.reviewClause?.withinBound).toBe(false);
    });

    it('refuses a decrease one cent beyond the clause bound, the bound being on the absolute value', () => {
      expect(checkLegalBasis(change(-euros(300_000), { reviewClauseId: 'VOLUME-30' }), withClauses()).allowed).toBe(true);
      const decision = expectRefused(
        checkLegalBasis(change(-euros(300_000.01), { reviewClauseId: 'VOLUME-30' }), withClauses()),
      );
      expect(decision.code).toBe('REVIEW_CLAUSE_BOUND_EXCEEDED');
    });

    it('cumulates the changes made under the same clause against its bound', () => {
      const afterOne = withClauses({
        priorModifications: [prior('R2194-1', 200_000, 'VOLUME-30'), prior('R2194-1', 500_000, 'PRICE-INDEX')],
      });
      const allowedOne = expectAllowed(checkLegalBasis(change(euros(100_000), { reviewClauseId: 'VOLUME-30' }), afterOne));
      expect(allowedOne.figures.reviewClause).toMatchObject({
        priorSameClauseCents: euros(200_000),
        cumulativeSameClauseCents: euros(300_000),
      });
      const refusal = expectRefused(checkLegalBasis(change(euros(100_000.01), { reviewClauseId: 'VOLUME-30' }), afterOne));
      expect(refusal.code).toBe('REVIEW_CLAUSE_BOUND_EXCEEDED');
      expect(refusal.message).toContain('200,000.00 € before this one');
    });

    it('refuses a clause that is not a clause of the contract', () => {
      const decision = expectRefused(checkLegalBasis(change(euros(1_000), { reviewClauseId: 'UNKNOWN' }), withClauses()));
      expect(decision.code).toBe('REVIEW_CLAUSE_NOT_IN_INITIAL_DOCUMENTS');
      expect(decision.figures.reviewClause).toMatchObject({ clauseId: 'UNKNOWN', found: false });
    });

    it('refuses a price revision under a clause added after the initial documents, however small', () => {
      const decision = expectRefused(
        checkLegalBasis(change(1, { kind: 'PRICE', reviewClauseId: 'PRICE-ADDED-LATER' }), withClauses()),
      );
      expect(decision.code).toBe('REVIEW_CLAUSE_NOT_IN_INITIAL_DOCUMENTS');
      expect(decision.rule).toBe('CCP R2194-1');
      expect(decision.message).toContain('a price-revision clause cannot be added to a contract by amendment');
      expect(decision.figures.reviewClause).toMatchObject({ found: true, inInitialDocuments: false });
    });

    it('refuses a change of a kind the clause does not cover', () => {
      const decision = expectRefused(
        checkLegalBasis(change(euros(1_000), { kind: 'NEW_MODULES', reviewClauseId: 'VOLUME-30' }), withClauses()),
      );
      expect(decision.code).toBe('REVIEW_CLAUSE_DOES_NOT_COVER_CHANGE');
      expect(decision.figures.reviewClause).toMatchObject({ covers: ['VOLUME'], coversChange: false });
    });

    it('allows a change of a second kind a clause covers', () => {
      expect(
        expectAllowed(checkLegalBasis(change(euros(1_000), { kind: 'SCOPE', reviewClauseId: 'MODULES' }), withClauses())).legalBasis,
      ).toBe('R2194-1');
    });

    it('relies on the invoked clause before any justification', () => {
      const both = change(euros(1_000), { reviewClauseId: 'VOLUME-30', justification: { unforeseeableCircumstances: true } });
      expect(expectAllowed(checkLegalBasis(both, withClauses())).legalBasis).toBe('R2194-1');
    });
  });

  describe('change of contractor (R2194-6)', () => {
    const contractorChange = (overrides: Partial<ModificationProposal> = {}) =>
      change(0, { kind: 'CONTRACTOR_CHANGE', ...overrides });
    const withClauses = regionServicesContract({ reviewClauses: CLAUSES });

    it('allows a new contractor under a clause of the initial documents that provides for it', () => {
      const decision = expectAllowed(checkLegalBasis(contractorChange({ reviewClauseId: 'CONTRACTOR-OPTION' }), withClauses));
      expect(decision.legalBasis).toBe('R2194-6');
      expect(decision.eformsCode).toBe('mod-repl');
      expect(decision.article).toBe('CCP R2194-6');
      expect(decision.reviewClauseId).toBe('CONTRACTOR-OPTION');
      expect(decision.figures.contractorChangeGround).toBe('REVIEW_CLAUSE');
    });

    it('allows a transfer to a new contractor after a restructuring of the contractor', () => {
      const decision = expectAllowed(
        checkLegalBasis(contractorChange({ justification: { contractorRestructuring: true } }), withClauses),
      );
      expect(decision.legalBasis).toBe('R2194-6');
      expect(decision.figures.contractorChangeGround).toBe('RESTRUCTURING');
      expect(decision.reviewClauseId).toBeUndefined();
    });

    it('refuses any other substitution of the contractor, even at no cost that de minimis would allow', () => {
      const decision = expectRefused(checkLegalBasis(contractorChange(), withClauses));
      expect(decision.code).toBe('CONTRACTOR_CHANGE_NOT_ALLOWED');
      expect(decision.rule).toBe('CCP R2194-6');
    });

    it('refuses a substitution justified only by unforeseeable circumstances or additional services', () => {
      const justified = contractorChange({
        justification: { unforeseeableCircumstances: true, additionalServicesNeeded: true, changeOfContractorImpossible: true },
      });
      expect(expectRefused(checkLegalBasis(justified, withClauses)).code).toBe('CONTRACTOR_CHANGE_NOT_ALLOWED');
    });

    it('refuses a substitution under a clause that does not provide for it, and says why', () => {
      const decision = expectRefused(checkLegalBasis(contractorChange({ reviewClauseId: 'VOLUME-30' }), withClauses));
      expect(decision.code).toBe('CONTRACTOR_CHANGE_NOT_ALLOWED');
      expect(decision.message).toContain('covers VOLUME, not a CONTRACTOR_CHANGE change');
      expect(decision.figures.reviewClause?.coversChange).toBe(false);
    });

    it('refuses a substitution under a clause added after the initial documents', () => {
      const decision = expectRefused(
        checkLegalBasis(contractorChange({ reviewClauseId: 'CONTRACTOR-ADDED-LATER' }), withClauses),
      );
      expect(decision.code).toBe('CONTRACTOR_CHANGE_NOT_ALLOWED');
      expect(decision.figures.reviewClause?.inInitialDocuments).toBe(false);
    });

    it('allows a restructuring transfer even when the invoked clause does not apply', () => {
      const decision = expectAllowed(
        checkLegalBasis(
          contractorChange({ reviewClauseId: 'VOLUME-30', justification: { contractorRestructuring: true } }),
          withClauses,
        ),
      );
      expect(decision.figures.contractorChangeGround).toBe('RESTRUCTURING');
    });
  });

  describe('non-substantial modifications (L2194-1 5°, R2194-7) and the overall nature of the contract (L2194-1)', () => {
    const withClauses = regionServicesContract({ reviewClauses: CLAUSES });
    const noEffect = { wouldHaveAttractedOtherBidders: false, shiftsEconomicBalanceToContractor: false, considerablyExtendsScope: false };

    it('allows a non-substantial modification under L2194-1 5° whatever its amount, with the assessment recorded', () => {
      // 30% of the initial amount: far beyond de minimis, lawful when the buyer shows it is not substantial.
      const decision = expectAllowed(
        checkLegalBasis(change(euros(300_000), { justification: { notSubstantial: true }, substantialEffects: noEffect }), withClauses),
      );
      expect(decision.legalBasis).toBe('R2194-7');
      expect(decision.article).toBe('CCP L2194-1 5° and R2194-7');
      expect(decision.eformsCode).toBe('mod-nons');
      expect(decision.figures.substantialAssessment).toEqual(noEffect);
      expect(decision.figures.deMinimis).toBeUndefined();
    });

    it.each([
      ['wouldHaveAttractedOtherBidders', 'other bidders'],
      ['shiftsEconomicBalanceToContractor', 'economic balance'],
      ['considerablyExtendsScope', 'considerably extends the scope'],
    ] as const)('refuses under L2194-1 5° a modification that is substantial because %s, however small', (effect, wording) => {
      const decision = expectRefused(
        checkLegalBasis(change(1, { justification: { notSubstantial: true }, substantialEffects: { ...noEffect, [effect]: true } }), withClauses),
      );
      expect(decision.code).toBe('AMENDMENT_SUBSTANTIAL');
      expect(decision.rule).toBe('CCP R2194-7');
      expect(decision.message).toContain(wording);
      expect(decision.figures.substantialEffectsFound).toHaveLength(1);
    });

    it('refuses the non-substantial basis while an effect of R2194-7 is left unanswered', () => {
      const { considerablyExtendsScope: _unanswered, ...twoAnswers } = noEffect;
      const decision = expectRefused(
        checkLegalBasis(change(euros(10), { justification: { notSubstantial: true }, substantialEffects: twoAnswers }), withClauses),
      );
      expect(decision.code).toBe('SUBSTANTIAL_ASSESSMENT_INCOMPLETE');
      expect(decision.message).toContain('considerablyExtendsScope');
      expect(decision.figures.substantialAssessment).toEqual({ ...twoAnswers, considerablyExtendsScope: null });
    });

    it('allows a de minimis modification without the substantial test (R2194-8), the effects declared recorded as given', () => {
      const flagged = change(euros(10_000), { substantialEffects: { wouldHaveAttractedOtherBidders: true } });
      const decision = expectAllowed(checkLegalBasis(flagged, withClauses));
      expect(decision.legalBasis).toBe('R2194-8');
      expect(decision.figures.substantialEffectsFound).toBeUndefined();
    });

    it('allows a change under a review clause or a restructuring on their own terms, not on the substantial test', () => {
      const underClause = change(euros(1_000), { reviewClauseId: 'VOLUME-30', substantialEffects: { considerablyExtendsScope: true } });
      const restructuring = change(0, {
        kind: 'CONTRACTOR_CHANGE',
        justification: { contractorRestructuring: true },
        substantialEffects: { wouldHaveAttractedOtherBidders: true },
      });
      expect(expectAllowed(checkLegalBasis(underClause, withClauses)).legalBasis).toBe('R2194-1');
      expect(expectAllowed(checkLegalBasis(restructuring, withClauses)).legalBasis).toBe('R2194-6');
    });

    it('refuses beyond de minimis without the non-substantial basis, and says it exists', () => {
      const decision = expectRefused(checkLegalBasis(change(euros(150_000), { substantialEffects: noEffect }), withClauses));
      expect(decision.code).toBe('AMENDMENT_EXCEEDS_DE_MINIMIS');
      expect(decision.message).toContain('L2194-1 5°');
    });

    it('refuses a modification that changes the overall nature of the contract, even under a clause with no limit', () => {
      const decision = expectRefused(
        checkLegalBasis(change(euros(1_000), { kind: 'PRICE', reviewClauseId: 'PRICE-INDEX', changesOverallNature: true }), withClauses),
      );
      expect(decision.code).toBe('AMENDMENT_CHANGES_OVERALL_NATURE');
      expect(decision.rule).toBe('CCP L2194-1');
    });

    it('reports the change of overall nature before substantial effects', () => {
      const both = change(1, { changesOverallNature: true, justification: { notSubstantial: true }, substantialEffects: { considerablyExtendsScope: true } });
      expect(expectRefused(checkLegalBasis(both, withClauses)).code).toBe('AMENDMENT_CHANGES_OVERALL_NATURE');
    });

    it('does not refuse a modification declared not to change the overall nature', () => {
      expect(checkLegalBasis(change(1, { changesOverallNature: false }), withClauses).allowed).toBe(true);
    });
  });

  describe('de minimis for social and other specific services (R2194-8 with the 750,000 € threshold, R2123-1 3°)', () => {
    // 3,000,000 € of training: 10% is 300,000 €, above the 216,000 € of ordinary services, below 750,000 €.
    const training = (overrides: Partial<ModificationContext> = {}) =>
      regionServicesContract({
        date: '2026-03-02',
        purchaseKind: 'SOCIAL_AND_SPECIFIC_SERVICES',
        initialAmountCents: euros(3_000_000),
        currentAmountCents: euros(3_000_000),
        ...overrides,
      });

    it('allows 8% (240,000 €) of a training contract, which the ordinary services threshold would refuse', () => {
      const decision = expectAllowed(checkLegalBasis(change(euros(240_000)), training()));
      expect(decision.legalBasis).toBe('R2194-8');
      expect(decision.figures.deMinimis).toMatchObject({ euThresholdCents: euros(750_000), belowEuThreshold: true, belowPercentCap: true });
      const ordinary = expectRefused(checkLegalBasis(change(euros(240_000)), training({ purchaseKind: 'SERVICES' })));
      expect(ordinary.figures.deMinimis).toMatchObject({ euThresholdCents: euros(216_000), belowEuThreshold: false });
    });

    // 9,000,000 € of training: 10% is 900,000 €, so the 750,000 € threshold is the binding test.
    const large = training({ initialAmountCents: euros(9_000_000), currentAmountCents: euros(9_000_000) });

    it('allows one cent below 750,000 €', () => {
      expectAllowed(checkLegalBasis(change(euros(749_999.99)), large));
    });

    it.each([
      ['at', 750_000],
      ['one cent above', 750_000.01],
    ])('refuses %s 750,000 €, with the threshold and its dates in the figures', (_where, amount) => {
      const decision = expectRefused(checkLegalBasis(change(euros(amount)), large));
      expect(decision.code).toBe('AMENDMENT_EXCEEDS_DE_MINIMIS');
      expect(decision.message).toContain('750');
      expect(decision.figures.deMinimis).toMatchObject({ euThresholdCents: euros(750_000), euThresholdValidFrom: '2026-01-01', belowEuThreshold: false });
    });
  });

  describe('tender committee by award procedure (CGCT L1414-2 and L1414-4)', () => {
    const rise = change(euros(60_000)); // 6% of 1,000,000 €

    it.each(['OPEN_TENDER', 'RESTRICTED_TENDER', 'COMPETITIVE_NEGOTIATION', 'COMPETITIVE_DIALOGUE'] as const)(
      'requires the opinion above 5%% for a contract awarded under %s',
      (awardProcedure) => {
        const decision = expectAllowed(checkLegalBasis(rise, regionServicesContract({ awardProcedure })));
        expect(decision.tenderCommitteeOpinionRequired).toBe(true);
        expect(decision.figures.tenderCommittee).toMatchObject({ applies: true, awardProcedure });
      },
    );

    it.each(['MAPA', 'WITHOUT_PUBLICATION_OR_COMPETITION'] as const)('needs no opinion for a contract awarded under %s', (awardProcedure) => {
      const decision = expectAllowed(checkLegalBasis(rise, regionServicesContract({ awardProcedure })));
      expect(decision.tenderCommitteeOpinionRequired).toBe(false);
      expect(decision.figures.tenderCommittee).toMatchObject({ applies: false, awardProcedure, opinionRequired: false });
      expect(decision.figures.tenderCommittee.reason).toContain('not a formalised procedure');
    });

    it('keeps the opinion required for a contract whose procedure was not recorded', () => {
      expect(expectAllowed(checkLegalBasis(rise, regionServicesContract())).tenderCommitteeOpinionRequired).toBe(true);
    });
  });

  describe("tender committee's opinion (CGCT L1414-4): a rise of more than 5% of the initial amount", () => {
    const withClauses = regionServicesContract({ reviewClauses: CLAUSES });

    it('does not require the opinion for a rise of exactly 5%', () => {
      const decision = expectAllowed(checkLegalBasis(change(euros(50_000)), withClauses));
      expect(decision.tenderCommitteeOpinionRequired).toBe(false);
      expect(decision.figures.tenderCommittee).toMatchObject({ applies: true, thresholdCents: euros(50_000), increasePercentOfInitial: 5 });
    });

    it('requires the opinion for a rise of one cent above 5%', () => {
      expect(expectAllowed(checkLegalBasis(change(euros(50_000.01)), withClauses)).tenderCommitteeOpinionRequired).toBe(true);
    });

    it('requires the opinion for a rise of 5.01%', () => {
      const decision = expectAllowed(checkLegalBasis(change(euros(50_100)), withClauses));
      expect(decision.tenderCommitteeOpinionRequired).toBe(true);
      expect(decision.figures.tenderCommittee.increasePercentOfInitial).toBe(5.01);
    });

    it('does not require the opinion for a decrease, which is not a rise', () => {
      const decision = expectAllowed(checkLegalBasis(change(-euros(90_000)), withClauses));
      expect(decision.tenderCommitteeOpinionRequired).toBe(false);
      expect(decision.figures.tenderCommittee.increaseCents).toBe(0);
    });

    it('requires the opinion whatever the legal basis, here a review clause', () => {
      const decision = expectAllowed(checkLegalBasis(change(euros(800_000), { kind: 'PRICE', reviewClauseId: 'PRICE-INDEX' }), withClauses));
      expect(decision.tenderCommitteeOpinionRequired).toBe(true);
    });

    it('does not require the opinion from the State, which the CGCT does not bind', () => {
      const decision = expectAllowed(checkLegalBasis(change(euros(60_000)), regionServicesContract({ buyerKind: 'CENTRAL' })));
      expect(decision.tenderCommitteeOpinionRequired).toBe(false);
      expect(decision.figures.tenderCommittee).toMatchObject({ applies: false, increasePercentOfInitial: 6 });
    });
  });

  describe('the figures recorded for the auditor', () => {
    it('records every figure a de minimis decision used', () => {
      const context = regionServicesContract({
        date: '2026-03-02',
        currentAmountCents: euros(1_070_000),
        priorModifications: [
          prior('R2194-8', 40_000),
          prior('R2194-5', 50_000),
          prior('R2194-1', -20_000, 'VOLUME-30'),
        ],
      });
      const decision = expectAllowed(checkLegalBasis(change(euros(30_000)), context));
      expect(decision.figures).toEqual({
        date: '2026-03-02',
        buyerKind: 'SUB_CENTRAL',
        purchaseKind: 'SERVICES',
        kind: 'VOLUME',
        initialAmountCents: euros(1_000_000),
        currentAmountCents: euros(1_070_000),
        amountChangeCents: euros(30_000),
        newAmountCents: euros(1_100_000),
        amountChangePercentOfInitial: 3,
        priorModificationCount: 3,
        priorNetChangeCents: euros(70_000),
        cumulativeNetChangeCents: euros(100_000),
        cumulativeNetChangePercentOfInitial: 10,
        priorAbsoluteChangeByBasisCents: {
          'R2194-1': euros(20_000),
          'R2194-2': 0,
          'R2194-5': euros(50_000),
          'R2194-6': 0,
          'R2194-7': 0,
          'R2194-8': euros(40_000),
        },
        legalParameters: { validFrom: '2026-01-01', validTo: null, sources: expect.any(Array) },
        testedBasis: 'R2194-8',
        basisSelection: 'no other basis applies',
        priorSameBasisCents: euros(40_000),
        cumulativeSameBasisCents: euros(70_000),
        cumulativeSameBasisPercentOfInitial: 7,
        deMinimis: {
          euThresholdCents: euros(216_000),
          euThresholdValidFrom: '2026-01-01',
          euThresholdValidTo: null,
          percentCapOfInitial: 10,
          percentCapCents: euros(100_000),
          priorDeMinimisCents: euros(40_000),
          priorDeMinimisCount: 1,
          excludedPriorUnforeseenCents: euros(50_000),
          cumulativeCents: euros(70_000),
          cumulativePercentOfInitial: 7,
          belowEuThreshold: true,
          belowPercentCap: true,
        },
        tenderCommittee: {
          applies: true,
          awardProcedure: null,
          reason: 'no award procedure recorded: the opinion is required, as when the contract was drafted',
          thresholdPercentOfInitial: 5,
          thresholdCents: euros(50_000),
          increaseCents: euros(30_000),
          increasePercentOfInitial: 3,
          opinionRequired: false,
        },
      });
    });

    it('records the base figures even for a refusal that needs no computation', () => {
      const decision = expectRefused(checkLegalBasis(change(euros(10), { changesOverallNature: true }), regionServicesContract()));
      expect(decision.figures).toMatchObject({
        initialAmountCents: euros(1_000_000),
        amountChangeCents: euros(10),
        legalParameters: { validFrom: '2024-01-01', validTo: '2025-12-31' },
      });
    });

    it('truncates a recorded percentage so that an allowed amount never reads as the cap', () => {
      // 99,999.99 € is 9.9999999% of 1,000,000 €: it must not read 10.00.
      const decision = expectAllowed(checkLegalBasis(change(euros(99_999.99)), regionServicesContract()));
      expect(decision.figures.amountChangePercentOfInitial).toBe(9.99);
    });

    it('gives the same decision for the same inputs and does not modify them', () => {
      const context = regionServicesContract({ reviewClauses: CLAUSES, priorModifications: [prior('R2194-8', 10_000)] });
      const proposal = change(euros(5_000));
      const snapshot = JSON.stringify({ context, proposal });
      expect(checkLegalBasis(proposal, context)).toEqual(checkLegalBasis(proposal, context));
      expect(JSON.stringify({ context, proposal })).toBe(snapshot);
    });
  });

  describe('assertLegalBasis', () => {
    it('returns the allowed decision', () => {
      expect(assertLegalBasis(change(euros(1_000)), regionServicesContract()).legalBasis).toBe('R2194-8');
    });

    it('throws a RuleViolation carrying the code, the rule, the message and the figures of a refusal', () => {
      const violation = thrown(() => assertLegalBasis(change(euros(100_000)), regionServicesContract()));
      expect(violation.code).toBe('AMENDMENT_EXCEEDS_DE_MINIMIS');
      expect(violation.rule).toBe('CCP R2194-8 and R2194-9');
      expect(violation.message).toContain('not below 10%');
      expect(violation.details).toMatchObject({ amountChangeCents: euros(100_000), deMinimis: { belowPercentCap: false } });
    });
  });

  describe('inputs the check cannot judge', () => {
    it('throws NO_LEGAL_PARAMETERS_FOR_DATE for a decision before the first dated period', () => {
      expect(thrown(() => checkLegalBasis(change(1), regionServicesContract({ date: '2023-12-31' }))).code).toBe(
        'NO_LEGAL_PARAMETERS_FOR_DATE',
      );
    });

    it.each([
      ['an amount change that is not whole cents', change(10.5), regionServicesContract()],
      ['an initial amount of zero', change(1), regionServicesContract({ initialAmountCents: 0 })],
      ['a decrease below zero', change(-euros(1_000_000.01)), regionServicesContract()],
      ['a prior modification that is not whole cents', change(1), regionServicesContract({ priorModifications: [{ legalBasis: 'R2194-8', amountChangeCents: 0.5 }] })],
      [
        'a negative clause bound',
        change(1),
        regionServicesContract({ reviewClauses: [{ clauseId: 'X', covers: ['VOLUME'], maxAmountChangeCents: -1, inInitialDocuments: true }] }),
      ],
    ])('throws INVALID_AMENDMENT_FIGURES for %s', (_label, proposal, context) => {
      expect(thrown(() => checkLegalBasis(proposal, context)).code).toBe('INVALID_AMENDMENT_FIGURES');
    });

    it('accepts a decrease down to exactly zero', () => {
      expect(() => checkLegalBasis(change(-euros(1_000_000)), regionServicesContract())).not.toThrow();
    });
  });
});
