import type { ReadModels } from '../read-models.service';

/** A contract with an adjustment policy, and the position of the last event that moved the policy's inputs. */
export interface ContractToAdjust {
  contract_id: string;
  tenant: string;
  state_position: number;
}

/** Every contract of every tenant with an adjustment policy. */
export function contractsWithPolicy(readModels: ReadModels): ContractToAdjust[] {
  return readModels.query<ContractToAdjust[]>('SELECT contract_id, tenant, state_position FROM adjustment_triggers WHERE has_policy = 1').rows;
}
