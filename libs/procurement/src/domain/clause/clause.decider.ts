import { existing } from '../contract/contract.decider';
import { ContractState } from '../contract/contract.state';
import { refuse } from '../contract/refuse';
import { ClauseCommand } from './clause.commands';
import { WHOLE_PRICE_BASIS_POINTS } from '../price-revision/price-revision-formula';
import { PriceRevisionAsText, PriceRevisionTerms } from '../terms/procurement-terms';
import { CLAUSE_ADDED_SCHEMA_VERSION, ClauseEvent } from './clause.events';

/** A group larger than any session's intake over a contract would never let a rate move a tier. */
const MAXIMUM_GROUP_SIZE = 1_000;

export function decideClause(command: ClauseCommand, state: ContractState): ClauseEvent[] {
  const contract = existing(state);
  if (contract.status !== 'DRAFT') {
    refuse('CLAUSES_FROZEN_AFTER_PUBLICATION', 'Clauses are part of the initial documents: they are set before publication', {
      status: contract.status,
    });
  }
  const { clauseId, lotId, terms } = command.data;
  if (contract.clauses[clauseId]) refuse('CLAUSE_ALREADY_DEFINED', `Clause ${clauseId} is already defined`);
  if (lotId !== undefined && !contract.lots[lotId]) refuse('LOT_NOT_FOUND', `No lot ${lotId} in this contract`);
  if (terms.type === 'VOLUME' && lotId !== undefined && !contract.lots[lotId].workUnits[terms.unitType]) {
    refuse('UNKNOWN_WORK_UNIT', `Lot ${lotId} has no ${terms.unitType} work unit`);
  }
  if (terms.type === 'PRICE_REVISION') checkPriceRevision(terms);
  if (terms.type === 'QUALITY_INCENTIVE' && terms.minimumGroupSize !== undefined) {
    const size = terms.minimumGroupSize;
    if (!Number.isInteger(size) || size < 1 || size > MAXIMUM_GROUP_SIZE) {
      refuse('QUALITY_MINIMUM_GROUP_SIZE_INVALID', `The minimum group size is a whole number of trainees from 1 to ${MAXIMUM_GROUP_SIZE}`, {
        minimumGroupSize: size,
        maximum: MAXIMUM_GROUP_SIZE,
      });
    }
  }
  return [{ type: 'ClauseAdded', schemaVersion: CLAUSE_ADDED_SCHEMA_VERSION, data: command.data }];
}

/** A price revision clause is a formula that can be computed: whole parts, and dates after its base month. */
function checkPriceRevision(terms: PriceRevisionTerms | PriceRevisionAsText): void {
  if ('recordedAsText' in terms) refuse('PRICE_REVISION_FORMULA_REQUIRED', 'State the formula as its parts, index and dates');
  const { fixedPartBasisPoints, indexedPartBasisPoints } = terms.formula;
  if (fixedPartBasisPoints + indexedPartBasisPoints !== WHOLE_PRICE_BASIS_POINTS) {
    refuse('PRICE_REVISION_PARTS_NOT_WHOLE', `The parts sum to ${fixedPartBasisPoints + indexedPartBasisPoints} basis points, not ${WHOLE_PRICE_BASIS_POINTS}`, {
      fixedPartBasisPoints,
      indexedPartBasisPoints,
      sumBasisPoints: fixedPartBasisPoints + indexedPartBasisPoints,
      requiredBasisPoints: WHOLE_PRICE_BASIS_POINTS,
    });
  }
  const dates = terms.revisionDates;
  const inOrder = dates.every((date, i) => i === 0 || dates[i - 1] < date);
  if (!inOrder || dates.length === 0 || dates[0].slice(0, 7) <= terms.baseMonth) {
    refuse('PRICE_REVISION_DATES_INVALID', `Revision dates follow the base month ${terms.baseMonth}, in order, once each`, {
      baseMonth: terms.baseMonth,
      revisionDates: dates,
    });
  }
}
