import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type { RecruitmentTensionObserved } from '@app/coordination/domain/labour-market/labour-market.events';
import { dataOf, DomainEventType, Projection } from '../projection';
import { buffered, TableShape } from '../sqlite/buffered-table';

/** A tenant's occupation's row of the labour_market_tension table, per territory and month. */
export interface StoredTension {
  tenant: string;
  occupation_code: string;
  territory_code: string;
  period: string;
  unfilled_offers: number;
  tension_index: number;
  import_id: string;
  observed_at: string;
}

const LABOUR_MARKET_TENSION: TableShape<StoredTension> = {
  table: 'labour_market_tension',
  key: ['tenant', 'occupation_code', 'territory_code', 'period'],
  columns: ['tenant', 'occupation_code', 'territory_code', 'period', 'unfilled_offers', 'tension_index', 'import_id', 'observed_at'],
  // An import observes the months of an occupation on a territory together.
  partitionBy: 3,
};

/** The current recruitment tension per tenant, occupation, territory and month: the latest import wins. */
export const labourMarketTensionProjection: Projection = {
  name: 'labour_market_tension',
  version: 1,
  schema: `
    CREATE TABLE labour_market_tension (
      tenant TEXT NOT NULL,
      occupation_code TEXT NOT NULL,
      territory_code TEXT NOT NULL,
      period TEXT NOT NULL,
      unfilled_offers INTEGER NOT NULL,
      tension_index REAL NOT NULL,
      import_id TEXT NOT NULL,
      observed_at TEXT NOT NULL,
      PRIMARY KEY (tenant, occupation_code, territory_code, period)
    );`,
  handles: new Set<DomainEventType>(['RecruitmentTensionObserved']),
  apply(db: Database.Database, event: RecordedEvent): void {
    const data = dataOf<RecruitmentTensionObserved>(event);
    buffered(db, LABOUR_MARKET_TENSION).save({
      tenant: data.tenant,
      occupation_code: data.occupationCode,
      territory_code: data.territoryCode,
      period: data.period,
      unfilled_offers: data.unfilledOffers,
      tension_index: data.tensionIndex,
      import_id: data.importId,
      observed_at: event.metadata.occurredAt,
    });
  },
};
