import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type { AmendmentCameIntoForce } from '@app/procurement/domain/amendment/amendment.events';
import type { ContractDrafted } from '@app/procurement/domain/contract/contract.events';
import type { OrderIssued, OrderModuleAdded, OrderQuantityAdjusted } from '@app/procurement/domain/order/order.events';
import { contractIdOf, dataOf, DomainEventType, Projection } from '../projection';
import { BufferedTable, buffered } from '../sqlite/buffered-table';
import { column, readModelTable, RowOf } from './read-model-table';

const CONTRACT_BUDGET = readModelTable(
  'contract_budget',
  {
    contract_id: column.textKey(),
    tenant: column.text(),
    title: column.text(),
    initial_value_cents: column.integer(),
    current_value_cents: column.integer(),
    maximum_value_cents: column.integerOrNull(),
    committed_cents: column.count(),
    amendments_in_force: column.count(),
  },
  { key: ['contract_id'] },
);

type ContractBudgetRow = RowOf<typeof CONTRACT_BUDGET>;

/** Per contract: its ceiling, what orders have committed, and what amendments in force have changed. */
export const contractBudgetProjection: Projection = {
  name: 'contract_budget',
  version: 1,
  schema: `
    ${CONTRACT_BUDGET.createTable}
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
