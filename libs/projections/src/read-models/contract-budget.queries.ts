import type { Fresh, ReadModels } from '../read-models.service';

/** A contract's budget: its values, what is committed and available, consumed by statements, split by funder. */
export interface ContractBudgetRow {
  contract_id: string;
  title: string;
  initial_value_cents: number;
  current_value_cents: number;
  maximum_value_cents: number | null;
  committed_cents: number;
  /** Under the maximum (or the current value without one), less what is committed. */
  available_cents: number;
  amendments_in_force: number;
  /** From contract_consumption: what the service statements issued consumed. */
  consumed_cents: number;
  statements_issued: number;
  committed_region_cents: number;
  committed_pole_emploi_cents: number;
  consumed_region_cents: number;
  consumed_pole_emploi_cents: number;
  co_financed_orders: number;
}

/**
 * The tenant's contracts (one or all) by title, from contract_budget, with contract_consumption's statements and
 * order_funding's co-financed parts: Pôle emploi's parts are its, the rest is the Région's.
 */
export function contractBudgets(readModels: ReadModels, scope: { tenant: string; contractId: string | null }): Fresh<ContractBudgetRow[]> {
  return readModels.query<ContractBudgetRow[]>(
    `SELECT b.contract_id, b.title, b.initial_value_cents, b.current_value_cents, b.maximum_value_cents, b.committed_cents,
            COALESCE(b.maximum_value_cents, b.current_value_cents) - b.committed_cents AS available_cents, b.amendments_in_force,
            COALESCE(c.consumed_cents, 0) AS consumed_cents, COALESCE(c.statements, 0) AS statements_issued,
            b.committed_cents - COALESCE(f.committed_pole_emploi_cents, 0) AS committed_region_cents,
            COALESCE(f.committed_pole_emploi_cents, 0) AS committed_pole_emploi_cents,
            COALESCE(c.consumed_cents, 0) - COALESCE(f.consumed_pole_emploi_cents, 0) AS consumed_region_cents,
            COALESCE(f.consumed_pole_emploi_cents, 0) AS consumed_pole_emploi_cents,
            COALESCE(f.co_financed_orders, 0) AS co_financed_orders
     FROM contract_budget b LEFT JOIN contract_consumption c ON c.contract_id = b.contract_id
     LEFT JOIN (SELECT contract_id, SUM(committed_pole_emploi_cents) AS committed_pole_emploi_cents,
                       SUM(consumed_pole_emploi_cents) AS consumed_pole_emploi_cents, COUNT(agreement_id) AS co_financed_orders
                FROM order_funding WHERE tenant = ? AND (? IS NULL OR contract_id = ?) GROUP BY contract_id) f ON f.contract_id = b.contract_id
     WHERE b.tenant = ? AND (? IS NULL OR b.contract_id = ?) ORDER BY b.title`,
    scope.tenant,
    scope.contractId,
    scope.contractId,
    scope.tenant,
    scope.contractId,
    scope.contractId,
  );
}
