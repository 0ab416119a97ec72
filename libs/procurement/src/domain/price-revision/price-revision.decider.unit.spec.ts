import { specify } from '@app/shared/testing/decider-specification';
import { AmendmentCommand } from '../amendment/amendment.commands';
import { ExistingContract } from '../contract/contract.state';
import { procurementDecider } from '../procurement.decider';
import {
  activeContract,
  clauseAdded,
  clauseAddedV1AsRead,
  meta,
  OPEN_DAY_LOT,
  OPEN_DAY_PRICE,
  PATHWAY_LOT,
  PATHWAY_PRICE,
  stateOf,
} from '../testing/fixtures';
import { PriceRevisionTerms } from '../terms/procurement-terms';
import { RevisePrices } from './price-revision.commands';
import { unitPriceInForce } from './unit-price-in-force';

const CLAUSE = 'clause-price-revision';
const SERIES = '010567012';
const terms: PriceRevisionTerms = {
  type: 'PRICE_REVISION',
  formula: { fixedPartBasisPoints: 1_500, indexedPartBasisPoints: 8_500 },
  index: { seriesId: SERIES, label: 'INSEE — services de formation' },
  baseMonth: '2025-10',
  revisionDates: ['2027-01-01', '2028-01-01'],
  indexLagMonths: 3,
  rounding: 'NEAREST_CENT_HALF_UP',
};
const withClause = (lotId?: string) => activeContract({ extraClauses: [clauseAdded(CLAUSE, terms, lotId)] });

const indexValues = { '2025-10': { value: '112.3', importId: 'import-2025' }, '2026-10': { value: '115.7', importId: 'import-2026' } };
const revise = (at = '2027-01-05T09:00:00.000Z', revisionDate = '2027-01-01', values: RevisePrices['data']['indexValues'] = indexValues): RevisePrices => ({
  type: 'RevisePrices',
  meta: meta(at),
  data: { clauseId: CLAUSE, revisionDate, indexValues: values },
});

describe('a price revision', () => {
  it('revises every price of a contract-wide clause by P0 × (0.15 + 0.85 × I/I0), with the index values used', () => {
    // 5,000 € × (1,500 × 112.3 + 8,500 × 115.7) / (10,000 × 112.3) = 5,128.6732 €; 1,000 € → 1,025.7346 €.
    specify(procurementDecider)
      .given(withClause())
      .when(revise())
      .then([
        {
          type: 'PricesRevised',
          data: {
            clauseId: CLAUSE,
            revisionDate: '2027-01-01',
            formula: terms.formula,
            rounding: 'NEAREST_CENT_HALF_UP',
            index: { seriesId: SERIES, baseMonth: '2025-10', baseValue: '112.3', baseImportId: 'import-2025', month: '2026-10', value: '115.7', importId: 'import-2026' },
            prices: [
              { lotId: PATHWAY_LOT, unitType: 'PATHWAY', basePriceCents: PATHWAY_PRICE, basePriceSetBy: 'AWARD', revisedPriceCents: 512_867, numerator: '5759500000000000', denominator: '11230000000' },
              { lotId: OPEN_DAY_LOT, unitType: 'OPEN_DAY', basePriceCents: OPEN_DAY_PRICE, basePriceSetBy: 'AWARD', revisedPriceCents: 102_573, numerator: '1151900000000000', denominator: '11230000000' },
            ],
            revisedAt: '2027-01-05T09:00:00.000Z',
          },
        },
      ]);
  });

  it('revises only the prices of the lot a lot clause applies to', () => {
    const [event] = specify(procurementDecider).given(withClause(PATHWAY_LOT)).when(revise()).events();
    expect(event.type === 'PricesRevised' && event.data.prices.map((p) => p.lotId)).toEqual([PATHWAY_LOT]);
  });

  it('sets the price in force from the revision date: deliveries the day before stay at P0', () => {
    const history = [...withClause(), ...specify(procurementDecider).given(withClause()).when(revise()).events()];
    const lot = (stateOf(history) as ExistingContract).lots[PATHWAY_LOT];
    expect(unitPriceInForce(lot, 'PATHWAY', '2026-12-31')).toBe(PATHWAY_PRICE);
    expect(unitPriceInForce(lot, 'PATHWAY', '2027-01-01')).toBe(512_867);
  });

  it('computes the next revision from P0 again, not from the revised price', () => {
    const first = [...withClause(), ...specify(procurementDecider).given(withClause()).when(revise()).events()];
    const values = { ...indexValues, '2027-10': { value: '118.1', importId: 'import-2027' } };
    const [event] = specify(procurementDecider).given(first).when(revise('2028-01-02T09:00:00.000Z', '2028-01-01', values)).events();
    // 5,000 € × (0.15 + 0.85 × 118.1/112.3) = 5,219.5013 €
    expect(event.type === 'PricesRevised' && event.data.prices[0]).toMatchObject({ basePriceCents: PATHWAY_PRICE, revisedPriceCents: 521_950 });
  });

  it('is recorded on its date (at the limit), not the day before', () => {
    expect(specify(procurementDecider).given(withClause()).when(revise('2027-01-01T00:00:00.000Z')).events()).toHaveLength(1);
    specify(procurementDecider)
      .given(withClause())
      .when(revise('2026-12-31T23:59:59.000Z'))
      .thenRefuses('PRICE_REVISION_NOT_YET_DUE', { revisionDate: '2027-01-01', today: '2026-12-31' });
  });

  it('is refused on a date the clause does not set', () => {
    specify(procurementDecider)
      .given(withClause())
      .when(revise(undefined, '2027-01-02'))
      .thenRefuses('PRICE_REVISION_DATE_NOT_IN_CLAUSE', { revisionDate: '2027-01-02', revisionDates: ['2027-01-01', '2028-01-01'] });
  });

  it('is refused without the imported value of the month the clause reads', () => {
    specify(procurementDecider)
      .given(withClause())
      .when(revise(undefined, undefined, { '2025-10': indexValues['2025-10'] }))
      .thenRefuses('PRICE_INDEX_VALUE_MISSING', { seriesId: SERIES, missingMonths: ['2026-10'] });
  });

  it('is applied once per date', () => {
    const first = [...withClause(), ...specify(procurementDecider).given(withClause()).when(revise()).events()];
    specify(procurementDecider).given(first).when(revise()).thenRefuses('PRICE_REVISION_ALREADY_RECORDED', { clauseId: CLAUSE, revisionDate: '2027-01-01' });
  });

  it('is refused under a clause recorded as text, from which nothing can be computed', () => {
    const asText = { type: 'PRICE_REVISION' as const, indexName: 'INSEE 001763', formula: 'P = P0 × I/I0', frequencyMonths: 12 };
    specify(procurementDecider)
      .given(activeContract({ extraClauses: [clauseAddedV1AsRead(CLAUSE, asText)] }))
      .when(revise())
      .thenRefuses('PRICE_REVISION_CLAUSE_NOT_COMPUTABLE', { clauseId: CLAUSE, formula: 'P = P0 × I/I0' });
  });

  it('is refused under a clause that is not a price revision clause', () => {
    specify(procurementDecider).given(withClause()).when({ ...revise(), data: { ...revise().data, clauseId: 'clause-calendar-30-days' } }).thenRefuses('PRICE_REVISION_CLAUSE_NOT_FOUND');
  });
});

describe('a price amendment citing a price revision clause', () => {
  const revised = () => [...withClause(), ...specify(procurementDecider).given(withClause()).when(revise()).events()];
  const proposePrice = (newUnitPriceCents: number): AmendmentCommand => ({
    type: 'ProposeAmendment',
    meta: meta('2027-01-10T09:00:00.000Z'),
    data: {
      amendmentId: 'amendment-revised-price',
      description: 'Prix révisé au 1er janvier 2027',
      change: { kind: 'PRICE', lotId: PATHWAY_LOT, unitType: 'PATHWAY', newUnitPriceCents },
      reviewClauseId: CLAUSE,
    },
  });

  it('is allowed at the formula price, to the cent', () => {
    const [event] = specify(procurementDecider).given(revised()).when(proposePrice(512_867)).events();
    expect(event.type === 'AmendmentProposed' && event.data.legalCheck.legalBasis).toBe('R2194-1');
  });

  it('is refused one cent above or below the formula price, with the figures', () => {
    for (const proposed of [512_868, 512_866]) {
      specify(procurementDecider)
        .given(revised())
        .when(proposePrice(proposed))
        .thenRefuses('PRICE_REVISION_FORMULA_MISMATCH', {
          proposedUnitPriceCents: proposed,
          formulaUnitPriceCents: 512_867,
          basePriceCents: PATHWAY_PRICE,
          index: { baseValue: '112.3', value: '115.7' },
        });
    }
  });

  it('is refused before any revision was computed from index values (a +60% price does not pass)', () => {
    specify(procurementDecider)
      .given(withClause())
      .when(proposePrice(PATHWAY_PRICE * 1.6))
      .thenRefuses('PRICE_REVISION_NOT_COMPUTED', { clauseId: CLAUSE, proposedUnitPriceCents: 800_000 });
  });
});
