import { EXIT_DESTINATIONS, OUTCOME_HORIZONS } from '@app/procurement/domain/delivery/delivery.events';
import type { Fresh, ReadModels } from '../read-models.service';
import { destinationColumn } from './lot-delivery.projection';
import { performedBy, ReadScope, rowsOfLotsPerformed } from './order-placements.queries';
import { employmentColumn, EXIT_EMPLOYMENT_CONTRACTS, exitColumn } from './quality-indicators.projection';

/** A lot's quality indicators: the counts they are measured from and the rates (null: not measurable). */
export interface QualityIndicatorsRow {
  contract_id: string;
  lot_id: string;
  entered: number;
  completed: number;
  certified: number;
  positive_exits: number;
  outcomes_6m: number;
  outcomes_6m_known: number;
  employed_6m: number;
  satisfaction_answers: number;
  satisfied: number;
  completion_rate_percent: number | null;
  certification_rate_percent: number | null;
  employment_rate_6m_percent: number | null;
  satisfaction_rate_percent: number | null;
}

/** The rows of quality_indicators for the scope (a provider: the lots its awardee performs now), by contract and lot. */
export function qualityIndicators(readModels: ReadModels, scope: ReadScope): Fresh<QualityIndicatorsRow[]> {
  return rowsOfLotsPerformed<QualityIndicatorsRow>(readModels, 'quality_indicators', scope);
}

/** What became of a lot's trainees: exits, outcomes per horizon and situation, indicators with their counts (null: not measurable). */
export interface LotOutcomes {
  contract_id: string;
  lot_id: string;
  exits: { entered: number; completed: number; left_early: number; continued_remotely: number; positive_exits: number; by_destination: Record<string, number> };
  outcomes: Record<string, Record<string, number>>;
  indicators: Record<string, { percent: number | null } & Record<string, number | null>>;
}

type ExitRow = { contract_id: string; lot_id: string; entered: number; completed: number; left_early: number; positive_exits: number; continued_remotely: number } & Record<string, number | string>;

interface SituationRow {
  contract_id: string;
  lot_id: string;
  horizon_months: number;
  situation: string;
  trainees: number;
}

/**
 * Per lot of quality_indicators in the scope (a provider: the lots its awardee performs now), what became of
 * its trainees: exits summed over the lot's providers from lot_delivery (completions and early exits by
 * destination, positive exits apart), outcomes recorded per horizon (6, 12 months) and situation, and the
 * indicators measured from them with their counts.
 */
export function lotOutcomes(readModels: ReadModels, scope: ReadScope): Fresh<LotOutcomes[]> {
  const parameters = [scope.tenant, scope.contractId, scope.contractId, scope.providerId, scope.providerId];
  const lotsVisible = `FROM quality_indicators q LEFT JOIN order_placements_lot_providers l ON l.contract_id = q.contract_id AND l.lot_id = q.lot_id
     WHERE q.tenant = ? AND (? IS NULL OR q.contract_id = ?) AND ${performedBy('l.member_ids')}`;
  const answer = readModels.queryAll<{ quality: Array<QualityIndicatorsRow & { tenant: string }>; exits: ExitRow[]; situations: SituationRow[] }>({
    quality: [`SELECT q.* ${lotsVisible} ORDER BY q.contract_id, q.lot_id`, ...parameters],
    exits: [
      `SELECT d.contract_id, d.lot_id, SUM(d.entered) AS entered, SUM(d.completed) AS completed, SUM(d.left_early) AS left_early,
              SUM(d.positive_exits) AS positive_exits, SUM(d.continued_remotely) AS continued_remotely,
              ${EXIT_DESTINATIONS.map((destination) => `SUM(d.${destinationColumn(destination)}) AS ${destination}`).join(', ')}
       FROM lot_delivery d WHERE d.tenant = ? AND (? IS NULL OR d.contract_id = ?) AND ${performedBy('d.member_ids')} GROUP BY d.contract_id, d.lot_id`,
      ...parameters,
    ],
    situations: [
      `SELECT o.contract_id, o.lot_id, o.horizon_months, o.situation, o.trainees FROM quality_indicators_outcomes o
       JOIN quality_indicators q ON q.contract_id = o.contract_id AND q.lot_id = o.lot_id
       LEFT JOIN order_placements_lot_providers l ON l.contract_id = q.contract_id AND l.lot_id = q.lot_id
       WHERE q.tenant = ? AND (? IS NULL OR q.contract_id = ?) AND ${performedBy('l.member_ids')}`,
      ...parameters,
    ],
  });
  const key = (row: { contract_id: string; lot_id: string }) => `${row.contract_id}/${row.lot_id}`;
  const exits = new Map(answer.exits.map((row) => [key(row), row]));
  const rows = answer.quality.map((q): LotOutcomes => {
    const exit = exits.get(key(q));
    const outcomes: Record<string, Record<string, number>> = { '6': {}, '12': {} };
    for (const row of answer.situations.filter((situation) => key(situation) === key(q))) outcomes[String(row.horizon_months)][row.situation] = row.trainees;
    return {
      contract_id: q.contract_id,
      lot_id: q.lot_id,
      exits: {
        entered: exit?.entered ?? 0,
        completed: exit?.completed ?? 0,
        left_early: exit?.left_early ?? 0,
        continued_remotely: exit?.continued_remotely ?? 0,
        positive_exits: exit?.positive_exits ?? 0,
        by_destination: Object.fromEntries(EXIT_DESTINATIONS.map((destination) => [destination, Number(exit?.[destination] ?? 0)])),
      },
      outcomes,
      indicators: {
        COMPLETION_RATE: { percent: q.completion_rate_percent, completed: q.completed, counted: q.entered - q.positive_exits },
        CERTIFICATION_RATE: { percent: q.certification_rate_percent, certified: q.certified, completed: q.completed },
        EMPLOYMENT_RATE_6_MONTHS: { percent: q.employment_rate_6m_percent, employed: q.employed_6m, known: q.outcomes_6m_known, observed: q.outcomes_6m, entered: q.entered },
        SATISFACTION_RATE: { percent: q.satisfaction_rate_percent, satisfied: q.satisfied, answers: q.satisfaction_answers },
      },
    };
  });
  return { position: answer.position, rows };
}

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
export function providerOutcomes(readModels: ReadModels, scope: ReadScope): Fresh<ProviderOutcomes[]> {
  const where = `p.tenant = ? AND (? IS NULL OR p.contract_id = ?) AND ${performedBy('p.member_ids')}`;
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
