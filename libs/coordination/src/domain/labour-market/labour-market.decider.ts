import { Decider, idFromName } from '@app/shared';
import { CoordinationMeta } from '../coordination-meta';
import { refuse } from '../rule-codes';
import { LabourMarketEvent, TensionSignal } from './labour-market.events';

export type ImportLabourMarketSignals = {
  type: 'ImportLabourMarketSignals';
  meta: CoordinationMeta;
  data: { tenant: string; contentHash: string; signals: TensionSignal[] };
};

export interface LabourMarketState {
  /** Imports by content hash: the same file imported again is the same import. */
  imports: Record<string, { importId: string; rowCount: number }>;
}

export const initialLabourMarketState = (): LabourMarketState => ({ imports: {} });

/** The import of a file is named after the tenant and the file's content. */
export const importIdOf = (tenant: string, contentHash: string): string => idFromName('labour-market-import', tenant, contentHash);

export function evolveLabourMarket(state: LabourMarketState, event: LabourMarketEvent): LabourMarketState {
  if (event.type !== 'LabourMarketSignalsImported') return state;
  const { contentHash, importId, rowCount } = event.data;
  return { imports: { ...state.imports, [contentHash]: { importId, rowCount } } };
}

/**
 * Imports a file of recruitment-tension figures whole: the import and every row are decided together (one
 * append). A file already imported (same content) decides nothing.
 */
export function decideLabourMarket(command: ImportLabourMarketSignals, state: LabourMarketState): LabourMarketEvent[] {
  const { tenant, contentHash, signals } = command.data;
  if (state.imports[contentHash]) return [];
  if (signals.length === 0) refuse('EMPTY_SIGNAL_FILE', 'The file holds no rows');
  const seen = new Set<string>();
  for (const signal of signals) {
    const key = `${signal.occupationCode}|${signal.territoryCode}|${signal.period}`;
    if (seen.has(key)) refuse('DUPLICATE_SIGNAL_ROW', `${signal.occupationCode} in ${signal.territoryCode} for ${signal.period} is given twice`, { ...signal });
    seen.add(key);
  }
  const importId = importIdOf(tenant, contentHash);
  return [
    { type: 'LabourMarketSignalsImported', data: { importId, tenant, contentHash, rowCount: signals.length, importedAt: command.meta.at } },
    ...signals.map((signal): LabourMarketEvent => ({ type: 'RecruitmentTensionObserved', data: { ...signal, importId, tenant } })),
  ];
}

export const labourMarketDecider: Decider<ImportLabourMarketSignals, LabourMarketEvent, LabourMarketState> = {
  initialState: initialLabourMarketState,
  decide: decideLabourMarket,
  evolve: evolveLabourMarket,
};
