import { specify } from '@app/shared/testing/decider-specification';
import { procurementDecider } from '../procurement.decider';
import { ClauseTerms } from '../terms/procurement-terms';
import {
  activeContract,
  CALENDAR_CLAUSE,
  contractDrafted,
  draftedContract,
  meta,
  OPEN_DAY_LOT,
  openDayLotDefined,
  PATHWAY_LOT,
  pathwayLotDefined,
  publishedContract,
} from '../testing/fixtures';
import { AddClause } from './clause.commands';

const addClause = (clauseId: string, terms: ClauseTerms, lotId?: string): AddClause => ({
  type: 'AddClause',
  meta: meta('2025-06-12T09:00:00.000Z'),
  data: { clauseId, ...(lotId === undefined ? {} : { lotId }), terms },
});

const dropout: ClauseTerms = { type: 'DROPOUT', maxRemoteWeeks: 6 };
const twoLots = [contractDrafted(), pathwayLotDefined(), openDayLotDefined()];

describe('an adaptability clause', () => {
  it('is written into a draft contract for one lot', () => {
    const command = addClause('clause-volume-open-days', { type: 'VOLUME', unitType: 'OPEN_DAY', percent: 25 }, OPEN_DAY_LOT);
    specify(procurementDecider).given(twoLots).when(command).then([{ type: 'ClauseAdded', data: command.data }]);
  });

  it('may apply to the whole contract', () => {
    const command = addClause('clause-price-revision', { type: 'PRICE_REVISION', indexName: 'INSEE 001763', formula: 'P = P0 × I/I0', frequencyMonths: 12 });
    specify(procurementDecider).given(twoLots).when(command).then([{ type: 'ClauseAdded', data: command.data }]);
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

  it('refuses a clause id used twice', () => {
    specify(procurementDecider).given(draftedContract()).when(addClause(CALENDAR_CLAUSE, dropout)).thenRefuses('CLAUSE_ALREADY_DEFINED');
  });

  it('refuses a clause of a contract that was never drafted', () => {
    specify(procurementDecider).given([]).when(addClause('clause-dropout', dropout)).thenRefuses('CONTRACT_NOT_FOUND');
  });
});
