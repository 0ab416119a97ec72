import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type { AmendmentCameIntoForce } from '@app/procurement/domain/amendment/amendment.events';
import type { ContractDrafted } from '@app/procurement/domain/contract/contract.events';
import type { OrderIssued, OrderModuleAdded, OrderQuantityAdjusted } from '@app/procurement/domain/order/order.events';
import { contractIdOf, dataOf, Projection } from '../projection';
import { prepared } from '../sqlite/prepared';

/** Per contract: its ceiling, what orders have committed, and what amendments in force have changed. */
export const contractBudgetProjection: Projection = {
  name: 'contract_budget',
  version: 1,
  schema: `
    CREATE TABLE contract_budget (
      contract_id TEXT PRIMARY KEY,
      tenant TEXT NOT NULL,
      title TEXT NOT NULL,
      initial_value_cents INTEGER NOT NULL,
      current_value_cents INTEGER NOT NULL,
      maximum_value_cents INTEGER,
      committed_cents INTEGER NOT NULL DEFAULT 0,
      amendments_in_force INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX contract_budget_tenant ON contract_budget (tenant);`,
  handles: new Set(['ContractDrafted', 'OrderIssued', 'OrderQuantityAdjusted', 'OrderModuleAdded', 'AmendmentCameIntoForce']),
  apply(db: Database.Database, event: RecordedEvent): void {
    const contractId = contractIdOf(event);
    switch (event.type) {
      case 'ContractDrafted': {
        const data = dataOf<ContractDrafted>(event);
        prepared(
          db,
          `INSERT INTO contract_budget (contract_id, tenant, title, initial_value_cents, current_value_cents, maximum_value_cents)
           VALUES (?, ?, ?, ?, ?, ?)`,
        ).run(data.contractId, data.tenant, data.title, data.initialValueCents, data.initialValueCents, data.maximumValueCents ?? null);
        return;
      }
      case 'OrderIssued':
        return commit(db, contractId, dataOf<OrderIssued>(event).valueCents);
      case 'OrderQuantityAdjusted':
        return commit(db, contractId, dataOf<OrderQuantityAdjusted>(event).valueDeltaCents);
      case 'OrderModuleAdded':
        return commit(db, contractId, dataOf<OrderModuleAdded>(event).valueDeltaCents);
      case 'AmendmentCameIntoForce': {
        const { amountChangeCents } = dataOf<AmendmentCameIntoForce>(event);
        prepared(
          db,
          `UPDATE contract_budget SET current_value_cents = current_value_cents + ?,
             maximum_value_cents = maximum_value_cents + ?, amendments_in_force = amendments_in_force + 1
           WHERE contract_id = ?`,
        ).run(amountChangeCents, amountChangeCents, contractId);
        return;
      }
    }
  },
};

function commit(db: Database.Database, contractId: string, valueCents: number): void {
  prepared(db, 'UPDATE contract_budget SET committed_cents = committed_cents + ? WHERE contract_id = ?').run(valueCents, contractId);
}
