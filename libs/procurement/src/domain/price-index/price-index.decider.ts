import { Decider, idFromName } from '@app/shared';
import { refuse } from '../contract/refuse';
import { CommandMeta } from '../terms/command-meta';
import { IndexValue, PriceIndexEvent } from './price-index.events';

export type ImportPriceIndexValues = {
  type: 'ImportPriceIndexValues';
  meta: CommandMeta;
  data: { tenant: string; contentHash: string; values: IndexValue[] };
};

export interface RecordedIndexValue {
  value: string;
  importId: string;
}

export interface PriceIndexState {
  /** Imports by content hash: the same file sent again is the same import. */
  imports: Record<string, string>;
  /** Values by series, then month. */
  series: Record<string, Record<string, RecordedIndexValue>>;
}

export const initialPriceIndexState = (): PriceIndexState => ({ imports: {}, series: {} });

export const priceIndexImportIdOf = (tenant: string, contentHash: string): string => idFromName('price-index-import', tenant, contentHash);

export function evolvePriceIndex(state: PriceIndexState, event: PriceIndexEvent): PriceIndexState {
  const { importId, contentHash, values } = event.data;
  const series = { ...state.series };
  for (const { seriesId, period, value } of values) series[seriesId] = { ...series[seriesId], [period]: { value, importId } };
  return { imports: { ...state.imports, [contentHash]: importId }, series };
}

/**
 * Imports a file of index values whole. The same file again decides nothing; a value already recorded may be
 * sent again unchanged, but never changed: revisions already computed from it must stay true.
 */
export function decidePriceIndex(command: ImportPriceIndexValues, state: PriceIndexState): PriceIndexEvent[] {
  const { tenant, contentHash, values } = command.data;
  if (state.imports[contentHash]) return [];
  if (values.length === 0) refuse('EMPTY_PRICE_INDEX_FILE', 'The file holds no values');
  const conflicts = values.flatMap(({ seriesId, period, value }) => {
    const recorded = state.series[seriesId]?.[period];
    return recorded && recorded.value !== value ? [{ seriesId, period, recordedValue: recorded.value, recordedBy: recorded.importId, sentValue: value }] : [];
  });
  if (conflicts.length > 0) {
    refuse('PRICE_INDEX_VALUE_CONFLICT', `${conflicts.length} value(s) differ from the values already imported; nothing was imported`, { conflicts });
  }
  return [{ type: 'PriceIndexValuesImported', data: { importId: priceIndexImportIdOf(tenant, contentHash), tenant, contentHash, values, importedAt: command.meta.at } }];
}

export const priceIndexDecider: Decider<ImportPriceIndexValues, PriceIndexEvent, PriceIndexState> = {
  initialState: initialPriceIndexState,
  decide: decidePriceIndex,
  evolve: evolvePriceIndex,
};
