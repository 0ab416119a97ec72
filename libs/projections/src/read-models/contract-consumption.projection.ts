import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type { ServiceStatementIssued } from '@app/procurement/domain/delivery/delivery.events';
import { dataOf, DomainEventType, Projection } from '../projection';
import { buffered } from '../sqlite/buffered-table';
import { column, readModelTable } from './read-model-table';

const CONTRACT_CONSUMPTION = readModelTable(
  'contract_consumption',
  { contract_id: column.textKey(), tenant: column.text(), statements: column.count(), consumed_cents: column.count() },
  { key: ['contract_id'] },
);

/** Budget consumed per contract: the totals of the service statements issued (états de service fait). */
export const contractConsumptionProjection: Projection = {
  name: 'contract_consumption',
  version: 1,
  schema: `
    ${CONTRACT_CONSUMPTION.createTable}`,
  handles: new Set<DomainEventType>(['ServiceStatementIssued']),
  apply(db: Database.Database, event: RecordedEvent): void {
    const { contractId, totalCents } = dataOf<ServiceStatementIssued>(event);
    const contracts = buffered(db, CONTRACT_CONSUMPTION);
    const consumption = contracts.insertOrIgnore({ contract_id: contractId, tenant: event.metadata.tenant, statements: 0, consumed_cents: 0 });
    consumption.statements += 1;
    consumption.consumed_cents += totalCents;
    contracts.save(consumption);
  },
};
