import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type { ServiceStatementIssued } from '@app/procurement/domain/delivery/delivery.events';
import { dataOf, DomainEventType, Projection } from '../projection';
import { buffered, TableShape } from '../sqlite/buffered-table';

/** A contract's row of the contract_consumption table. */
interface StoredContractConsumption {
  contract_id: string;
  tenant: string;
  statements: number;
  consumed_cents: number;
}

const CONTRACT_CONSUMPTION: TableShape<StoredContractConsumption> = {
  table: 'contract_consumption',
  key: ['contract_id'],
  columns: ['contract_id', 'tenant', 'statements', 'consumed_cents'],
};

/** Budget consumed per contract: the totals of the service statements issued (états de service fait). */
export const contractConsumptionProjection: Projection = {
  name: 'contract_consumption',
  version: 1,
  schema: `
    CREATE TABLE contract_consumption (
      contract_id TEXT PRIMARY KEY,
      tenant TEXT NOT NULL,
      statements INTEGER NOT NULL DEFAULT 0,
      consumed_cents INTEGER NOT NULL DEFAULT 0
    );`,
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
