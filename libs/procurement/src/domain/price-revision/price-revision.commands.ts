import { RecordedIndexValue } from '../price-index/price-index.decider';
import { CommandMeta } from '../terms/command-meta';

/**
 * Revises the prices under a price revision clause on one of its dates. The index values come from the
 * imported series (the application reads them from the record, never from the caller), by month.
 */
export type RevisePrices = {
  type: 'RevisePrices';
  meta: CommandMeta;
  data: { clauseId: string; revisionDate: string; indexValues: Record<string, RecordedIndexValue> };
};

export type PriceRevisionCommand = RevisePrices;
