import { existing, inStatus } from '../contract/contract.decider';
import { ContractState } from '../contract/contract.state';
import { refuse } from '../contract/refuse';
import { dayOf } from '../terms/command-meta';
import { WORK_UNIT_TYPES } from '../terms/procurement-terms';
import { indexMonthOf, revisedPrice } from './price-revision-formula';
import { PriceRevisionCommand } from './price-revision.commands';
import { PriceRevisionEvent, RevisedUnitPrice } from './price-revision.events';
import { basePriceOn } from './unit-price-in-force';

/**
 * A revision applies the clause's formula on one of its dates to every unit price the clause covers (its lot's,
 * or every lot's for a contract-wide clause), from the index values imported for the base month and for the
 * month the clause reads, and records those values with the prices.
 */
export function decidePriceRevision(command: PriceRevisionCommand, state: ContractState): PriceRevisionEvent[] {
  const contract = existing(state);
  inStatus(contract, 'ACTIVE', 'CONTRACT_NOT_ACTIVE');
  const { clauseId, revisionDate, indexValues } = command.data;
  const clause = contract.clauses[clauseId];
  if (!clause || clause.terms.type !== 'PRICE_REVISION') {
    refuse('PRICE_REVISION_CLAUSE_NOT_FOUND', `No price revision clause ${clauseId} in this contract`, { clauseId });
  }
  const terms = clause.terms;
  if ('recordedAsText' in terms) {
    refuse('PRICE_REVISION_CLAUSE_NOT_COMPUTABLE', `Clause ${clauseId} was recorded as text, without a formula to compute`, { clauseId, ...terms.recordedAsText });
  }
  if (!terms.revisionDates.includes(revisionDate)) {
    refuse('PRICE_REVISION_DATE_NOT_IN_CLAUSE', `Clause ${clauseId} revises prices on ${terms.revisionDates.join(', ')}`, { revisionDate, revisionDates: terms.revisionDates });
  }
  const today = dayOf(command.meta.at);
  if (today < revisionDate) refuse('PRICE_REVISION_NOT_YET_DUE', `The revision of ${revisionDate} is recorded from that day`, { revisionDate, today });
  if (contract.priceRevisions[`${clauseId}@${revisionDate}`]) {
    refuse('PRICE_REVISION_ALREADY_RECORDED', `The revision of ${revisionDate} under clause ${clauseId} is already recorded`, { clauseId, revisionDate });
  }
  const month = indexMonthOf(revisionDate, terms.indexLagMonths);
  const base = indexValues[terms.baseMonth];
  const current = indexValues[month];
  if (!base || !current) {
    refuse('PRICE_INDEX_VALUE_MISSING', `Import the values of series ${terms.index.seriesId} for ${[terms.baseMonth, month].join(' and ')} first`, {
      seriesId: terms.index.seriesId,
      missingMonths: [...new Set([terms.baseMonth, month].filter((m) => !indexValues[m]))],
    });
  }
  const lots = clause.lotId === undefined ? Object.values(contract.lots) : [contract.lots[clause.lotId]];
  const prices = lots.flatMap((lot) =>
    WORK_UNIT_TYPES.flatMap((unitType): RevisedUnitPrice[] => {
      const history = lot.priceHistory[unitType];
      if (!history) return [];
      const p0 = basePriceOn(history, revisionDate);
      const revised = revisedPrice(terms.formula, p0.unitPriceCents, base.value, current.value);
      return [
        {
          lotId: lot.lotId,
          unitType,
          basePriceCents: p0.unitPriceCents,
          basePriceSetBy: p0.sourceId ?? p0.source,
          revisedPriceCents: revised.revisedPriceCents,
          numerator: revised.numerator,
          denominator: revised.denominator,
        },
      ];
    }),
  );
  return [
    {
      type: 'PricesRevised',
      data: {
        clauseId,
        revisionDate,
        formula: terms.formula,
        rounding: terms.rounding,
        index: {
          seriesId: terms.index.seriesId,
          baseMonth: terms.baseMonth,
          baseValue: base.value,
          baseImportId: base.importId,
          month,
          value: current.value,
          importId: current.importId,
        },
        prices,
        revisedAt: command.meta.at,
      },
    },
  ];
}
