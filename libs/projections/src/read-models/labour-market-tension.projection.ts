import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type { RecruitmentTensionObserved } from '@app/coordination/domain/labour-market/labour-market.events';
import { dataOf, DomainEventType, Projection } from '../projection';
import { prepared } from '../sqlite/prepared';

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
    prepared(db, `INSERT OR REPLACE INTO labour_market_tension VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
      data.tenant,
      data.occupationCode,
      data.territoryCode,
      data.period,
      data.unfilledOffers,
      data.tensionIndex,
      data.importId,
      event.metadata.occurredAt,
    );
  },
};
