import { EXIT_DESTINATIONS, OUTCOME_HORIZONS } from '@app/procurement/domain/delivery/delivery.events';
import type { Fresh, ReadModels } from '../read-models.service';
import { employmentColumn, EXIT_EMPLOYMENT_CONTRACTS, exitColumn } from './quality-indicators.projection';

/** What became of the trainees a provider took in on a lot: each one's exit once, the outcomes, the rates measured. */
export interface ProviderOutcomes {
  contract_id: string;
  lot_id: string;
  provider_id: string;
  entered: number;
  completed: number;
  /** Left early by destination, and not completed since. */
  left_early: Record<string, number>;
  /** The early exits to a job, by the job's contract type (UNSTATED: recorded before exits carried it). */
  employment_contracts: Record<string, number>;
  /** Neither completed nor left early yet. */
  in_training: number;
  /** Trainees per situation observed, by horizon in months. */
  outcomes: Record<string, Record<string, number>>;
  /** As the quality indicators measure them; percent null while nothing can be measured. */
  indicators: {
    EMPLOYMENT_RATE_6_MONTHS: { percent: number | null; employed: number; known: number; observed: number; entered: number };
    SATISFACTION_RATE: { percent: number | null; satisfied: number; answers: number };
  };
}

type CounterRow = { contract_id: string; lot_id: string; provider_id: string; employment_rate_6m_percent: number | null; satisfaction_rate_percent: number | null } & Record<string, number>;

/**
 * The rows of `quality_indicators_providers` for a tenant, one contract or all, and for a provider (`providerId`
 * not null) those of the lots it performed when its trainees entered; ordered by contract, lot and provider.
 */
export function providerOutcomes(readModels: ReadModels, scope: { tenant: string; contractId: string | null; providerId: string | null }): Fresh<ProviderOutcomes[]> {
  const where = `p.tenant = ? AND (? IS NULL OR p.contract_id = ?) AND (? IS NULL OR instr(p.member_ids, ',' || ? || ',') > 0)`;
  const parameters = [scope.tenant, scope.contractId, scope.contractId, scope.providerId, scope.providerId];
  const answer = readModels.queryAll<{ providers: CounterRow[]; situations: Array<{ contract_id: string; lot_id: string; provider_id: string; horizon_months: number; situation: string; trainees: number }> }>({
    providers: [`SELECT p.* FROM quality_indicators_providers p WHERE ${where} ORDER BY p.contract_id, p.lot_id, p.provider_id`, ...parameters],
    situations: [
      `SELECT o.contract_id, o.lot_id, o.provider_id, o.horizon_months, o.situation, o.trainees FROM quality_indicators_provider_outcomes o
       JOIN quality_indicators_providers p ON p.contract_id = o.contract_id AND p.lot_id = o.lot_id AND p.provider_id = o.provider_id
       WHERE ${where} ORDER BY o.horizon_months, o.situation`,
      ...parameters,
    ],
  });
  const key = (row: { contract_id: string; lot_id: string; provider_id: string }) => `${row.contract_id}/${row.lot_id}/${row.provider_id}`;
  const rows = answer.providers.map((p): ProviderOutcomes => {
    const leftEarly = Object.fromEntries(EXIT_DESTINATIONS.map((destination) => [destination, p[exitColumn(destination)]]));
    const outcomes: Record<string, Record<string, number>> = Object.fromEntries(OUTCOME_HORIZONS.map((horizon) => [String(horizon), {}]));
    for (const row of answer.situations.filter((situation) => key(situation) === key(p))) outcomes[String(row.horizon_months)][row.situation] = row.trainees;
    return {
      contract_id: p.contract_id,
      lot_id: p.lot_id,
      provider_id: p.provider_id,
      entered: p.entered,
      completed: p.completed,
      left_early: leftEarly,
      employment_contracts: Object.fromEntries(EXIT_EMPLOYMENT_CONTRACTS.map((contractType) => [contractType, p[employmentColumn(contractType)]])),
      in_training: p.entered - p.completed - Object.values(leftEarly).reduce((total, count) => total + count, 0),
      outcomes,
      indicators: {
        EMPLOYMENT_RATE_6_MONTHS: { percent: p.employment_rate_6m_percent, employed: p.employed_6m, known: p.outcomes_6m_known, observed: p.outcomes_6m, entered: p.entered },
        SATISFACTION_RATE: { percent: p.satisfaction_rate_percent, satisfied: p.satisfied, answers: p.satisfaction_answers },
      },
    };
  });
  return { position: answer.position, rows };
}
