import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type { AmendmentCameIntoForce } from '@app/procurement/domain/amendment/amendment.events';
import type { ContractDrafted } from '@app/procurement/domain/contract/contract.events';
import type { OrderIssued, OrderModuleAdded, OrderQuantityAdjusted } from '@app/procurement/domain/order/order.events';
import { contractIdOf, dataOf, DomainEventType, Projection } from '../projection';
import { BufferedTable, buffered, TableShape } from '../sqlite/buffered-table';

interface ContractBudgetRow {
  contract_id: string;
  tenant: string;
  title: string;
  initial_value_cents: number;
  current_value_cents: number;
  maximum_value_cents: number | null;
  committed_cents: number;
  amendments_in_force: number;
}

const CONTRACT_BUDGET: TableShape<ContractBudgetRow> = {
  table: 'contract_budget',
  key: ['contract_id'],
  columns: ['contract_id', 'tenant', 'title', 'initial_value_cents', 'current_value_cents', 'maximum_value_cents', 'committed_cents', 'amendments_in_force'],
};

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
  handles: new Set<DomainEventType>(['ContractDrafted', 'OrderIssued', 'OrderQuantityAdjusted', 'OrderModuleAdded', 'AmendmentCameIntoForce']),
  apply(db: Database.Database, event: RecordedEvent): void {
    const contracts = buffered(db, CONTRACT_BUDGET);
    switch (event.type) {
      case 'ContractDrafted': {
        const data = dataOf<ContractDrafted>(event);
        contracts.insert({
          contract_id: data.contractId,
          tenant: data.tenant,
          title: data.title,
          initial_value_cents: data.initialValueCents,
          current_value_cents: data.initialValueCents,
          maximum_value_cents: data.maximumValueCents ?? null,
          committed_cents: 0,
          amendments_in_force: 0,
        });
        return;
      }
      case 'OrderIssued':
        return commit(contracts, contractIdOf(event), dataOf<OrderIssued>(event).valueCents);
      case 'OrderQuantityAdjusted':
        return commit(contracts, contractIdOf(event), dataOf<OrderQuantityAdjusted>(event).valueDeltaCents);
      case 'OrderModuleAdded':
        return commit(contracts, contractIdOf(event), dataOf<OrderModuleAdded>(event).valueDeltaCents);
      case 'AmendmentCameIntoForce': {
        const { amountChangeCents } = dataOf<AmendmentCameIntoForce>(event);
        const contract = contracts.get(contractIdOf(event));
        if (!contract) return;
        contract.current_value_cents += amountChangeCents;
        // No ceiling stays no ceiling (NULL + n is NULL in SQL).
        if (contract.maximum_value_cents !== null) contract.maximum_value_cents += amountChangeCents;
        contract.amendments_in_force += 1;
        contracts.save(contract);
        return;
      }
    }
  },
};

function commit(contracts: BufferedTable<ContractBudgetRow>, contractId: string, valueCents: number): void {
  const contract = contracts.get(contractId);
  if (!contract) return;
  contract.committed_cents += valueCents;
  contracts.save(contract);
}
