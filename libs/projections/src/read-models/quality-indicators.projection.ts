import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type { CertificationObtained, TraineeCompleted, TraineeEntered } from '@app/procurement/domain/delivery/delivery.events';
import { contractIdOf, dataOf, Projection } from '../projection';
import { BufferedTable, buffered, TableShape } from '../sqlite/buffered-table';
import { awardOf, percentSql, placementOf } from './delivery-mapping';

interface QualityIndicatorsRow {
  contract_id: string;
  lot_id: string;
  tenant: string;
  entered: number;
  completed: number;
  certified: number;
}

const QUALITY_INDICATORS: TableShape<QualityIndicatorsRow> = {
  table: 'quality_indicators',
  key: ['contract_id', 'lot_id'],
  columns: ['contract_id', 'lot_id', 'tenant', 'entered', 'completed', 'certified'],
  // The lots of a contract are read together.
  partitionBy: 1,
};

interface TraineeRow {
  contract_id: string;
  order_id: string;
  trainee_id: string;
  lot_id: string;
  completed: number;
  certified: number;
}

const QUALITY_INDICATORS_TRAINEES: TableShape<TraineeRow> = {
  table: 'quality_indicators_trainees',
  key: ['contract_id', 'order_id', 'trainee_id'],
  columns: ['contract_id', 'order_id', 'trainee_id', 'lot_id', 'completed', 'certified'],
  // The trainees of an order are read together.
  partitionBy: 2,
};

/**
 * Quality of service per lot, as the quality-incentive indicators measure it: completion rate (completed /
 * entered) and certification rate (certified / completed, a trainee counting once whatever the number of
 * certifications). Employment at 6 months is not reported by any delivery event yet, so it is not measured
 * here: a column will come with the event that reports it (and a new version of this read model).
 */
export const qualityIndicatorsProjection: Projection = {
  name: 'quality_indicators',
  version: 2,
  schema: `
    CREATE TABLE quality_indicators (
      contract_id TEXT NOT NULL,
      lot_id TEXT NOT NULL,
      tenant TEXT NOT NULL,
      entered INTEGER NOT NULL DEFAULT 0,
      completed INTEGER NOT NULL DEFAULT 0,
      certified INTEGER NOT NULL DEFAULT 0,
      completion_rate_percent REAL GENERATED ALWAYS AS (${percentSql('completed', 'entered')}) VIRTUAL,
      certification_rate_percent REAL GENERATED ALWAYS AS (${percentSql('certified', 'completed')}) VIRTUAL,
      PRIMARY KEY (contract_id, lot_id)
    );
    CREATE INDEX quality_indicators_tenant ON quality_indicators (tenant, contract_id);
    CREATE TABLE quality_indicators_trainees (
      contract_id TEXT NOT NULL,
      order_id TEXT NOT NULL,
      trainee_id TEXT NOT NULL,
      lot_id TEXT NOT NULL,
      completed INTEGER NOT NULL DEFAULT 0,
      certified INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (contract_id, order_id, trainee_id)
    );`,
  handles: new Set(['LotAwarded', 'AmendmentCameIntoForce', 'TraineeEntered', 'TraineeCompleted', 'CertificationObtained']),
  apply(db: Database.Database, event: RecordedEvent): void {
    const contractId = contractIdOf(event);
    const lots = buffered(db, QUALITY_INDICATORS);
    const trainees = buffered(db, QUALITY_INDICATORS_TRAINEES);
    switch (event.type) {
      case 'TraineeEntered': {
        const { orderId, traineeId } = dataOf<TraineeEntered>(event);
        const placement = placementOf(db, contractId, orderId);
        if (!placement) return;
        trainees.insertOrIgnore({ contract_id: contractId, order_id: orderId, trainee_id: traineeId, lot_id: placement.lotId, completed: 0, certified: 0 });
        const lot = lots.get(contractId, placement.lotId) ?? newLot(event, contractId, placement.lotId);
        lot.entered += 1;
        lots.save(lot);
        return;
      }
      case 'TraineeCompleted': {
        const { orderId, traineeId } = dataOf<TraineeCompleted>(event);
        const trainee = trainees.get(contractId, orderId, traineeId);
        if (!trainee || trainee.completed) return;
        trainees.save({ ...trainee, completed: 1 });
        count(lots, contractId, trainee.lot_id, trainee.certified ? ['completed', 'certified'] : ['completed']);
        return;
      }
      case 'CertificationObtained': {
        const { orderId, traineeId } = dataOf<CertificationObtained>(event);
        const trainee = trainees.get(contractId, orderId, traineeId);
        if (!trainee || trainee.certified) return;
        trainees.save({ ...trainee, certified: 1 });
        // Certified counts trainees who completed: one certified before completing counts at completion.
        if (trainee.completed) count(lots, contractId, trainee.lot_id, ['certified']);
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
  return { contract_id: contractId, lot_id: lotId, tenant: event.metadata.tenant, entered: 0, completed: 0, certified: 0 };
}

function count(lots: BufferedTable<QualityIndicatorsRow>, contractId: string, lotId: string, counters: Array<'completed' | 'certified'>): void {
  const lot = lots.get(contractId, lotId);
  if (!lot) return;
  for (const counter of counters) lot[counter] += 1;
  lots.save(lot);
}
