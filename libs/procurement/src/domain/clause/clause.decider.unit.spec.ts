import { specify } from '@app/shared/testing/decider-specification';
import { procurementDecider } from '../procurement.decider';
import { ClauseTerms } from '../terms/procurement-terms';
import {
  activeContract,
  CALENDAR_CLAUSE,
  clauseAddedV1AsRead,
  contractDrafted,
  draftedContract,
  meta,
  OPEN_DAY_LOT,
  openDayLotDefined,
  PATHWAY_LOT,
  pathwayLotDefined,
  publishedContract,
  stateOf,
} from '../testing/fixtures';
import { AddClause } from './clause.commands';
import { CLAUSE_ADDED_SCHEMA_VERSION } from './clause.events';

const addClause = (clauseId: string, terms: ClauseTerms, lotId?: string): AddClause => ({
  type: 'AddClause',
  meta: meta('2025-06-12T09:00:00.000Z'),
  data: { clauseId, ...(lotId === undefined ? {} : { lotId }), terms },
});

const priceRevision = (parts = { fixedPartBasisPoints: 1_500, indexedPartBasisPoints: 8_500 }, revisionDates = ['2027-01-01']): ClauseTerms => ({
  type: 'PRICE_REVISION',
  formula: parts,
  index: { seriesId: '010567012', label: 'INSEE — services de formation' },
  baseMonth: '2025-10',
  revisionDates,
  indexLagMonths: 3,
  rounding: 'NEAREST_CENT_HALF_UP',
});

const dropout: ClauseTerms = { type: 'DROPOUT', maxRemoteWeeks: 6 };
const twoLots = [contractDrafted(), pathwayLotDefined(), openDayLotDefined()];

describe('an adaptability clause', () => {
  it('is written into a draft contract for one lot', () => {
    const command = addClause('clause-volume-open-days', { type: 'VOLUME', unitType: 'OPEN_DAY', percent: 25 }, OPEN_DAY_LOT);
    specify(procurementDecider).given(twoLots).when(command).then([{ type: 'ClauseAdded', schemaVersion: CLAUSE_ADDED_SCHEMA_VERSION, data: command.data }]);
  });

  it('may apply to the whole contract', () => {
    const command = addClause('clause-price-revision', priceRevision());
    specify(procurementDecider).given(twoLots).when(command).then([{ type: 'ClauseAdded', schemaVersion: CLAUSE_ADDED_SCHEMA_VERSION, data: command.data }]);
  });

  it('is frozen once the contract is published (clauses belong to the initial documents)', () => {
    specify(procurementDecider)
      .given(publishedContract())
      .when(addClause('clause-dropout', dropout, PATHWAY_LOT))
      .thenRefuses('CLAUSES_FROZEN_AFTER_PUBLICATION', { status: 'PUBLISHED' });
  });

  it('cannot be added to an active contract', () => {
    specify(procurementDecider)
      .given(activeContract())
      .when(addClause('clause-dropout', dropout, PATHWAY_LOT))
      .thenRefuses('CLAUSES_FROZEN_AFTER_PUBLICATION', { status: 'ACTIVE' });
  });

  it('refuses a clause for a lot the contract does not have', () => {
    specify(procurementDecider).given(twoLots).when(addClause('clause-dropout', dropout, 'lot-9-unknown')).thenRefuses('LOT_NOT_FOUND');
  });

  it('refuses a volume clause on a work unit the lot does not price', () => {
    specify(procurementDecider)
      .given(twoLots)
      .when(addClause('clause-volume-hours', { type: 'VOLUME', unitType: 'TRAINEE_HOUR', percent: 10 }, PATHWAY_LOT))
      .thenRefuses('UNKNOWN_WORK_UNIT');
  });

  it('sets a quality-incentive clause’s minimum group size from 1 trainee, refusing 0 or a fraction', () => {
    const quality = (minimumGroupSize: number): ClauseTerms => ({
      type: 'QUALITY_INCENTIVE',
      tiers: [{ indicator: 'EMPLOYMENT_RATE_6_MONTHS', thresholdPercent: 70, adjustmentPercent: 10 }],
      minimumGroupSize,
    });
    const at1 = addClause('clause-quality', quality(1), PATHWAY_LOT);
    specify(procurementDecider).given(twoLots).when(at1).then([{ type: 'ClauseAdded', schemaVersion: CLAUSE_ADDED_SCHEMA_VERSION, data: at1.data }]);
    specify(procurementDecider).given(twoLots).when(addClause('clause-quality', quality(0), PATHWAY_LOT)).thenRefuses('QUALITY_MINIMUM_GROUP_SIZE_INVALID', { minimumGroupSize: 0 });
    specify(procurementDecider).given(twoLots).when(addClause('clause-quality', quality(2.5), PATHWAY_LOT)).thenRefuses('QUALITY_MINIMUM_GROUP_SIZE_INVALID');
    expect(specify(procurementDecider).given(twoLots).when(addClause('clause-quality', quality(1_000), PATHWAY_LOT)).events()).toHaveLength(1);
    specify(procurementDecider).given(twoLots).when(addClause('clause-quality', quality(1_001), PATHWAY_LOT)).thenRefuses('QUALITY_MINIMUM_GROUP_SIZE_INVALID');
  });

  it('refuses a clause id used twice', () => {
    specify(procurementDecider).given(draftedContract()).when(addClause(CALENDAR_CLAUSE, dropout)).thenRefuses('CLAUSE_ALREADY_DEFINED');
  });

  it('refuses a clause of a contract that was never drafted', () => {
    specify(procurementDecider).given([]).when(addClause('clause-dropout', dropout)).thenRefuses('CONTRACT_NOT_FOUND');
  });
});

describe('a price revision clause', () => {
  it('holds parts summing to exactly 10,000 basis points', () => {
    const command = addClause('clause-price-revision', priceRevision({ fixedPartBasisPoints: 0, indexedPartBasisPoints: 10_000 }));
    specify(procurementDecider).given(twoLots).when(command).then([{ type: 'ClauseAdded', schemaVersion: CLAUSE_ADDED_SCHEMA_VERSION, data: command.data }]);
  });

  it('refuses parts summing to 9,999 basis points, one short of the whole price', () => {
    specify(procurementDecider)
      .given(twoLots)
      .when(addClause('clause-price-revision', priceRevision({ fixedPartBasisPoints: 1_500, indexedPartBasisPoints: 8_499 })))
      .thenRefuses('PRICE_REVISION_PARTS_NOT_WHOLE', { fixedPartBasisPoints: 1_500, indexedPartBasisPoints: 8_499, sumBasisPoints: 9_999, requiredBasisPoints: 10_000 });
  });

  it('refuses parts summing to 10,001 basis points, one above the whole price', () => {
    specify(procurementDecider)
      .given(twoLots)
      .when(addClause('clause-price-revision', priceRevision({ fixedPartBasisPoints: 1_501, indexedPartBasisPoints: 8_500 })))
      .thenRefuses('PRICE_REVISION_PARTS_NOT_WHOLE', { sumBasisPoints: 10_001 });
  });

  it('refuses revision dates out of order, or in the base month', () => {
    specify(procurementDecider)
      .given(twoLots)
      .when(addClause('clause-price-revision', priceRevision(undefined, ['2028-01-01', '2027-01-01'])))
      .thenRefuses('PRICE_REVISION_DATES_INVALID', { baseMonth: '2025-10', revisionDates: ['2028-01-01', '2027-01-01'] });
    specify(procurementDecider)
      .given(twoLots)
      .when(addClause('clause-price-revision', priceRevision(undefined, ['2025-10-15'])))
      .thenRefuses('PRICE_REVISION_DATES_INVALID');
  });

  it('recorded with its formula as text (before formulas were data) is read as text, never as a formula', () => {
    const recordedAsText = { type: 'PRICE_REVISION' as const, indexName: 'INSEE 001763', formula: 'P = P0 × I/I0', frequencyMonths: 12 };
    const state = stateOf([...twoLots, clauseAddedV1AsRead('clause-price-revision', recordedAsText)]);
    expect(state.status !== 'EMPTY' && state.clauses['clause-price-revision'].terms).toEqual({
      type: 'PRICE_REVISION',
      recordedAsText: { indexName: 'INSEE 001763', formula: 'P = P0 × I/I0', frequencyMonths: 12 },
    });
  });
});
