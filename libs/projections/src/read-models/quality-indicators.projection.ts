import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type {
  CertificationObtained,
  TraineeCompleted,
  TraineeEntered,
  TraineeLeftEarly,
  TraineeOutcomeObserved,
} from '@app/procurement/domain/delivery/delivery.events';
import { EMPLOYMENT_CONTRACT_TYPES, EXIT_DESTINATIONS, POSITIVE_EXIT_DESTINATIONS } from '@app/procurement/domain/delivery/delivery.events';
import { contractIdOf, dataOf, DomainEventType, Projection } from '../projection';
import { BufferedTable, buffered } from '../sqlite/buffered-table';
import { awardOf, percentSql, placementOf } from './delivery-mapping';
import { column, readModelTable, RowOf } from './read-model-table';
import { traineeRecordOf } from './trainee-records';

const COUNTERS = ['entered', 'completed', 'certified', 'positive_exits', 'outcomes_6m', 'outcomes_6m_known', 'employed_6m', 'satisfaction_answers', 'satisfied'] as const;
type Counter = (typeof COUNTERS)[number];

const QUALITY_INDICATORS = readModelTable(
  'quality_indicators',
  { contract_id: column.text(), lot_id: column.text(), tenant: column.text() },
  {
    key: ['contract_id', 'lot_id'],
    named: { names: COUNTERS, declared: column.count() },
    generated: [
      `completion_rate_percent REAL GENERATED ALWAYS AS (${percentSql('completed', 'entered - positive_exits')}) VIRTUAL`,
      `certification_rate_percent REAL GENERATED ALWAYS AS (${percentSql('certified', 'completed')}) VIRTUAL`,
      `employment_rate_6m_percent REAL GENERATED ALWAYS AS (${percentSql('employed_6m', 'outcomes_6m_known')}) VIRTUAL`,
      `satisfaction_rate_percent REAL GENERATED ALWAYS AS (${percentSql('satisfied', 'satisfaction_answers')}) VIRTUAL`,
    ],
    // The lots of a contract are read together.
    partitionBy: 1,
  },
);

type QualityIndicatorsRow = RowOf<typeof QUALITY_INDICATORS>;

const QUALITY_INDICATORS_OUTCOMES = readModelTable(
  'quality_indicators_outcomes',
  { contract_id: column.text(), lot_id: column.text(), horizon_months: column.integer(), situation: column.text(), trainees: column.count() },
  { key: ['contract_id', 'lot_id', 'horizon_months', 'situation'], partitionBy: 2 },
);

/** A job's contract type as an exit records it; UNSTATED for exits recorded before they carried it. */
export const EXIT_EMPLOYMENT_CONTRACTS = [...EMPLOYMENT_CONTRACT_TYPES, 'UNSTATED'] as const;
export const exitColumn = (destination: string): string => `exit_${destination.toLowerCase()}`;
export const employmentColumn = (contractType: string): string => `exit_employment_${contractType.toLowerCase()}`;

/** A provider's counters: the lot's outcome counters, and each trainee's exit counted once (see the projection). */
const PROVIDER_COUNTERS = [
  'entered',
  'completed',
  ...EXIT_DESTINATIONS.map(exitColumn),
  ...EXIT_EMPLOYMENT_CONTRACTS.map(employmentColumn),
  'outcomes_6m',
  'outcomes_6m_known',
  'employed_6m',
  'satisfaction_answers',
  'satisfied',
];

const QUALITY_INDICATORS_PROVIDERS = readModelTable(
  'quality_indicators_providers',
  {
    contract_id: column.text(),
    lot_id: column.text(),
    provider_id: column.text(),
    tenant: column.text(),
    member_ids: column.text(),
  },
  {
    key: ['contract_id', 'lot_id', 'provider_id'],
    named: { names: PROVIDER_COUNTERS, declared: column.count() },
    generated: [
      `employment_rate_6m_percent REAL GENERATED ALWAYS AS (${percentSql('employed_6m', 'outcomes_6m_known')}) VIRTUAL`,
      `satisfaction_rate_percent REAL GENERATED ALWAYS AS (${percentSql('satisfied', 'satisfaction_answers')}) VIRTUAL`,
    ],
    partitionBy: 2,
  },
);

type ProviderRow = RowOf<typeof QUALITY_INDICATORS_PROVIDERS>;

const QUALITY_INDICATORS_PROVIDER_OUTCOMES = readModelTable(
  'quality_indicators_provider_outcomes',
  {
    contract_id: column.text(),
    lot_id: column.text(),
    provider_id: column.text(),
    horizon_months: column.integer(),
    situation: column.text(),
    trainees: column.count(),
  },
  { key: ['contract_id', 'lot_id', 'provider_id', 'horizon_months', 'situation'], partitionBy: 2 },
);

/**
 * Quality of service per lot, as the quality-incentive indicators measure it:
 * - completion rate: completed over entered less the positive exits (left early for a job, an apprenticeship, a
 *   further training or an IAE, and not completed since), which are not dropouts; certification rate: certified
 *   over completed, a trainee counting once whatever the number of certifications;
 * - at 6 months, from the outcomes recorded: employment rate, employed over the known situations (UNKNOWN in
 *   neither), and satisfaction rate, satisfied over the survey answers, with their counts; `quality_indicators_outcomes`
 *   counts the trainees per horizon (6, 12) and situation.
 * The same per provider (`quality_indicators_providers`, `quality_indicators_provider_outcomes`), a trainee counting
 * for the provider performing the lot when they entered (as in lot_delivery), with each trainee's exit counted once:
 * completed, or left early by destination (a job also by its contract type) and not completed since.
 * A service statement measures the same figures over the trainees of the sessions ended in its period, and pays
 * the outcome indicators only once every one of them has an outcome at 6 months.
 */
export const qualityIndicatorsProjection: Projection = {
  name: 'quality_indicators',
  version: 5,
  schema: `
    ${QUALITY_INDICATORS.createTable}
    CREATE INDEX quality_indicators_tenant ON quality_indicators (tenant, contract_id);
    ${QUALITY_INDICATORS_OUTCOMES.createTable}
    ${QUALITY_INDICATORS_PROVIDERS.createTable}
    CREATE INDEX quality_indicators_providers_tenant ON quality_indicators_providers (tenant, contract_id);
    ${QUALITY_INDICATORS_PROVIDER_OUTCOMES.createTable}`,
  handles: new Set<DomainEventType>([
    'LotAwarded',
    'AmendmentCameIntoForce',
    'TraineeEntered',
    'TraineeLeftEarly',
    'TraineeCompleted',
    'CertificationObtained',
    'TraineeOutcomeObserved',
  ]),
  apply(db: Database.Database, event: RecordedEvent): void {
    const contractId = contractIdOf(event);
    const lots = buffered(db, QUALITY_INDICATORS);
    switch (event.type) {
      case 'TraineeEntered': {
        const { orderId } = dataOf<TraineeEntered>(event);
        const placement = placementOf(db, contractId, orderId);
        if (!placement) return;
        const lot = lots.get(contractId, placement.lotId) ?? newLot(event, contractId, placement.lotId);
        lot.entered += 1;
        lots.save(lot);
        const providers = buffered<ProviderRow>(db, QUALITY_INDICATORS_PROVIDERS);
        if (!providers.get(contractId, placement.lotId, placement.providerId)) {
          const created: ProviderRow = { contract_id: contractId, lot_id: placement.lotId, provider_id: placement.providerId, tenant: event.metadata.tenant, member_ids: placement.memberIds };
          for (const counter of PROVIDER_COUNTERS) created[counter] = 0;
          providers.save(created);
        }
        countForProvider(db, { contract_id: contractId, lot_id: placement.lotId, provider_id: placement.providerId }, ['entered']);
        return;
      }
      case 'TraineeLeftEarly': {
        const { orderId, traineeId, destination, employment } = dataOf<TraineeLeftEarly>(event);
        const trainee = traineeRecordOf(db, contractId, orderId, traineeId);
        // A trainee who completed (a completion reported first) keeps the completion as their exit.
        if (!trainee || trainee.completed || trainee.exit_destination !== '') return;
        const contractType = destination === 'EMPLOYMENT' ? (employment?.contractType ?? 'UNSTATED') : '';
        const positive = POSITIVE_EXIT_DESTINATIONS.includes(destination);
        if (positive) count(lots, contractId, trainee.lot_id, ['positive_exits']);
        countForProvider(db, trainee, [exitColumn(destination), ...(contractType ? [employmentColumn(contractType)] : [])]);
        return;
      }
      case 'TraineeCompleted': {
        const { orderId, traineeId } = dataOf<TraineeCompleted>(event);
        const trainee = traineeRecordOf(db, contractId, orderId, traineeId);
        if (!trainee || trainee.completed) return;
        count(lots, contractId, trainee.lot_id, trainee.certified ? ['completed', 'certified'] : ['completed']);
        // Left for a job, then completed remotely: a completion now, no longer a positive exit.
        if (trainee.positive_exit) count(lots, contractId, trainee.lot_id, ['positive_exits'], -1);
        countForProvider(db, trainee, ['completed']);
        // Left early, then completed under the dropout clause: the completion is the exit now.
        if (trainee.exit_destination !== '') {
          countForProvider(db, trainee, [exitColumn(trainee.exit_destination), ...(trainee.exit_employment ? [employmentColumn(trainee.exit_employment)] : [])], -1);
        }
        return;
      }
      case 'CertificationObtained': {
        const { orderId, traineeId } = dataOf<CertificationObtained>(event);
        const trainee = traineeRecordOf(db, contractId, orderId, traineeId);
        if (!trainee || trainee.certified) return;
        // Certified counts trainees who completed: one certified before completing counts at completion.
        if (trainee.completed) count(lots, contractId, trainee.lot_id, ['certified']);
        return;
      }
      case 'TraineeOutcomeObserved': {
        const { orderId, traineeId, horizonMonths, situation, satisfied } = dataOf<TraineeOutcomeObserved>(event);
        const trainee = traineeRecordOf(db, contractId, orderId, traineeId);
        const column = horizonMonths === 6 ? 'outcome_6m' : 'outcome_12m';
        if (!trainee || trainee[column] !== '') return;
        const outcomes = buffered(db, QUALITY_INDICATORS_OUTCOMES);
        const row = outcomes.get(contractId, trainee.lot_id, horizonMonths, situation) ?? {
          contract_id: contractId,
          lot_id: trainee.lot_id,
          horizon_months: horizonMonths,
          situation,
          trainees: 0,
        };
        outcomes.save({ ...row, trainees: row.trainees + 1 });
        const ofProviders = buffered(db, QUALITY_INDICATORS_PROVIDER_OUTCOMES);
        const ofProvider = ofProviders.get(contractId, trainee.lot_id, trainee.provider_id, horizonMonths, situation) ?? { ...row, provider_id: trainee.provider_id, trainees: 0 };
        ofProviders.save({ ...ofProvider, trainees: ofProvider.trainees + 1 });
        if (horizonMonths !== 6) return;
        const counters: Counter[] = ['outcomes_6m'];
        if (situation !== 'UNKNOWN') counters.push('outcomes_6m_known');
        if (situation === 'EMPLOYED') counters.push('employed_6m');
        if (satisfied !== undefined) counters.push('satisfaction_answers');
        if (satisfied === true) counters.push('satisfied');
        count(lots, contractId, trainee.lot_id, counters);
        countForProvider(db, trainee, counters);
        return;
      }
      default: {
        const award = awardOf(event);
        if (award && !lots.get(contractId, award.lotId)) lots.save(newLot(event, contractId, award.lotId));
      }
    }
  },
};

function newLot(event: RecordedEvent, contractId: string, lotId: string): QualityIndicatorsRow {
  const row = { contract_id: contractId, lot_id: lotId, tenant: event.metadata.tenant } as QualityIndicatorsRow;
  for (const counter of COUNTERS) row[counter] = 0;
  return row;
}

function count(lots: BufferedTable<QualityIndicatorsRow>, contractId: string, lotId: string, counters: Counter[], by = 1): void {
  const lot = lots.get(contractId, lotId);
  if (!lot) return;
  for (const counter of counters) lot[counter] += by;
  lots.save(lot);
}

/** Adds `by` to each of these counters of the provider's row of the trainee's lot. */
function countForProvider(db: Database.Database, of: { contract_id: string; lot_id: string; provider_id: string }, counters: string[], by = 1): void {
  const providers = buffered<ProviderRow>(db, QUALITY_INDICATORS_PROVIDERS);
  const provider = providers.get(of.contract_id, of.lot_id, of.provider_id);
  if (!provider) return;
  for (const counter of counters) (provider[counter] as number) += by;
  providers.save(provider);
}
