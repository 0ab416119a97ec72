import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type {
  CertificationObtained,
  TraineeCompleted,
  TraineeEntered,
  TraineeLeftEarly,
  TraineeOutcomeObserved,
} from '@app/procurement/domain/delivery/delivery.events';
import { POSITIVE_EXIT_DESTINATIONS } from '@app/procurement/domain/delivery/delivery.events';
import { contractIdOf, dataOf, DomainEventType, Projection } from '../projection';
import { buffered } from '../sqlite/buffered-table';
import { placementOf } from './delivery-mapping';
import { column, readModelTable, RowOf } from './read-model-table';

/**
 * What the read models that count trainees (lot_delivery, quality_indicators) need to know of each trainee, kept
 * once for both: where the trainee entered, and what became of them. It comes after those read models in
 * PROJECTIONS, so that while they apply an event they see the trainee as it was before it (the first exit, the
 * first completion), and decide their counters from that.
 *   `trainee_records` (contract_id, order_id, trainee_id, …)
 */
const TRAINEE_RECORDS = readModelTable(
  'trainee_records',
  {
    contract_id: column.text(),
    order_id: column.text(),
    trainee_id: column.text(),
    lot_id: column.text(),
    /** The provider performing the lot when the trainee entered, whose figures the trainee counts in. */
    provider_id: column.text(),
    /** An early exit was reported (the first one counts; one reported after a completion too). */
    left_early: column.count(),
    /** Left early for a job, an apprenticeship, a further training or an IAE, and not completed since. */
    positive_exit: column.count(),
    /** Where the trainee went on leaving early, and the job's contract type ('' when not left early, or completed before or since). */
    exit_destination: column.textOrEmpty(),
    exit_employment: column.textOrEmpty(),
    completed: column.count(),
    certified: column.count(),
    /** Situations observed, by horizon (empty: none yet). */
    outcome_6m: column.textOrEmpty(),
    outcome_12m: column.textOrEmpty(),
  },
  {
    key: ['contract_id', 'order_id', 'trainee_id'],
    // The trainees of an order are read together.
    partitionBy: 2,
  },
);

export type TraineeRecord = Readonly<RowOf<typeof TRAINEE_RECORDS>>;

/** The trainee as the events before the one being applied left them; undefined for one never entered on an issued order. */
export function traineeRecordOf(db: Database.Database, contractId: string, orderId: string, traineeId: string): TraineeRecord | undefined {
  return buffered(db, TRAINEE_RECORDS).get(contractId, orderId, traineeId);
}

export const traineeRecordsProjection: Projection = {
  name: 'trainee_records',
  version: 1,
  schema: TRAINEE_RECORDS.createTable,
  handles: new Set<DomainEventType>(['TraineeEntered', 'TraineeLeftEarly', 'TraineeCompleted', 'CertificationObtained', 'TraineeOutcomeObserved']),
  apply(db: Database.Database, event: RecordedEvent): void {
    const contractId = contractIdOf(event);
    const records = buffered(db, TRAINEE_RECORDS);
    if (event.type === 'TraineeEntered') {
      const { orderId, traineeId } = dataOf<TraineeEntered>(event);
      const placement = placementOf(db, contractId, orderId);
      if (!placement) return;
      records.insertOrIgnore({
        contract_id: contractId,
        order_id: orderId,
        trainee_id: traineeId,
        lot_id: placement.lotId,
        provider_id: placement.providerId,
        left_early: 0,
        positive_exit: 0,
        exit_destination: '',
        exit_employment: '',
        completed: 0,
        certified: 0,
        outcome_6m: '',
        outcome_12m: '',
      });
      return;
    }
    const { orderId, traineeId } = dataOf<TraineeLeftEarly | TraineeCompleted | CertificationObtained | TraineeOutcomeObserved>(event);
    const trainee = records.get(contractId, orderId, traineeId);
    if (!trainee) return;
    switch (event.type) {
      case 'TraineeLeftEarly': {
        if (trainee.left_early) return;
        const { destination, employment } = dataOf<TraineeLeftEarly>(event);
        // A trainee who completed first keeps the completion as their exit.
        if (trainee.completed) return void records.save({ ...trainee, left_early: 1 });
        const positive = POSITIVE_EXIT_DESTINATIONS.includes(destination) ? 1 : 0;
        const contractType = destination === 'EMPLOYMENT' ? (employment?.contractType ?? 'UNSTATED') : '';
        records.save({ ...trainee, left_early: 1, positive_exit: positive, exit_destination: destination, exit_employment: contractType });
        return;
      }
      case 'TraineeCompleted':
        // Left early, then completed under the dropout clause: the completion is the exit now.
        if (!trainee.completed) records.save({ ...trainee, completed: 1, positive_exit: 0, exit_destination: '', exit_employment: '' });
        return;
      case 'CertificationObtained':
        if (!trainee.certified) records.save({ ...trainee, certified: 1 });
        return;
      case 'TraineeOutcomeObserved': {
        const { horizonMonths, situation } = dataOf<TraineeOutcomeObserved>(event);
        const column = horizonMonths === 6 ? 'outcome_6m' : 'outcome_12m';
        if (trainee[column] === '') records.save({ ...trainee, [column]: situation });
        return;
      }
    }
  },
};
