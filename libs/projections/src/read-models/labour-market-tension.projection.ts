import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type { RecruitmentTensionObserved } from '@app/coordination/domain/labour-market/labour-market.events';
import { dataOf, DomainEventType, Projection } from '../projection';
import { buffered } from '../sqlite/buffered-table';
import { column, readModelTable, RowOf } from './read-model-table';

const LABOUR_MARKET_TENSION = readModelTable(
  'labour_market_tension',
  {
    tenant: column.text(),
    occupation_code: column.text(),
    territory_code: column.text(),
    period: column.text(),
    unfilled_offers: column.integer(),
    tension_index: column.real(),
    import_id: column.text(),
    observed_at: column.text(),
  },
  {
    key: ['tenant', 'occupation_code', 'territory_code', 'period'],
    // An import observes the months of an occupation on a territory together.
    partitionBy: 3,
  },
);

/** A tenant's occupation's row of the labour_market_tension table, per territory and month. */
export type StoredTension = RowOf<typeof LABOUR_MARKET_TENSION>;

/** The current recruitment tension per tenant, occupation, territory and month: the latest import wins. */
export const labourMarketTensionProjection: Projection = {
  name: 'labour_market_tension',
  version: 1,
  schema: `
    ${LABOUR_MARKET_TENSION.createTable}`,
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
