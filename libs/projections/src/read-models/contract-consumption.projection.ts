import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type { ServiceStatementIssued } from '@app/procurement/domain/delivery/delivery.events';
import { dataOf, DomainEventType, Projection } from '../projection';
import { prepared } from '../sqlite/prepared';

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
    prepared(
      db,
      `INSERT INTO contract_consumption (contract_id, tenant, statements, consumed_cents) VALUES (?, ?, 1, ?)
       ON CONFLICT (contract_id) DO UPDATE SET statements = statements + 1, consumed_cents = consumed_cents + excluded.consumed_cents`,
    ).run(contractId, event.metadata.tenant, totalCents);
  },
};
