import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type { CertificationObtained, TraineeCompleted, TraineeEntered } from '@app/procurement/domain/delivery/delivery.events';
import { contractIdOf, dataOf, Projection } from '../projection';
import { prepared } from '../sqlite/prepared';
import { applyMapping, MAPPING_EVENTS, mappingSchema, percentSql, placementOf } from './delivery-mapping';

const PREFIX = 'quality_indicators';

/**
 * Quality of service per lot, as the quality-incentive indicators measure it: completion rate (completed /
 * entered) and certification rate (certified / completed, a trainee counting once whatever the number of
 * certifications). Employment at 6 months is not reported by any delivery event yet, so it is not measured
 * here: a column will come with the event that reports it (and a new version of this read model).
 */
export const qualityIndicatorsProjection: Projection = {
  name: 'quality_indicators',
  version: 1,
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
    );
    ${mappingSchema(PREFIX)}`,
  handles: new Set([...MAPPING_EVENTS, 'TraineeEntered', 'TraineeCompleted', 'CertificationObtained']),
  apply(db: Database.Database, event: RecordedEvent): void {
    const contractId = contractIdOf(event);
    switch (event.type) {
      case 'TraineeEntered': {
        const { orderId, traineeId } = dataOf<TraineeEntered>(event);
        const placement = placementOf(db, PREFIX, contractId, orderId);
        if (!placement) return;
        prepared(db, 'INSERT OR IGNORE INTO quality_indicators_trainees (contract_id, order_id, trainee_id, lot_id) VALUES (?, ?, ?, ?)').run(
          contractId,
          orderId,
          traineeId,
          placement.lotId,
        );
        prepared(
          db,
          `INSERT INTO quality_indicators (contract_id, lot_id, tenant, entered) VALUES (?, ?, ?, 1)
           ON CONFLICT (contract_id, lot_id) DO UPDATE SET entered = entered + 1`,
        ).run(contractId, placement.lotId, event.metadata.tenant);
        return;
      }
      case 'TraineeCompleted': {
        const { orderId, traineeId } = dataOf<TraineeCompleted>(event);
        const trainee = traineeOf(db, contractId, orderId, traineeId);
        if (!trainee || trainee.completed) return;
        mark(db, 'completed', contractId, orderId, traineeId);
        count(db, trainee.certified ? 'completed = completed + 1, certified = certified + 1' : 'completed = completed + 1', contractId, trainee.lot_id);
        return;
      }
      case 'CertificationObtained': {
        const { orderId, traineeId } = dataOf<CertificationObtained>(event);
        const trainee = traineeOf(db, contractId, orderId, traineeId);
        if (!trainee || trainee.certified) return;
        mark(db, 'certified', contractId, orderId, traineeId);
        // Certified counts trainees who completed: one certified before completing counts at completion.
        if (trainee.completed) count(db, 'certified = certified + 1', contractId, trainee.lot_id);
        return;
      }
      default: {
        const awarded = applyMapping(db, PREFIX, event);
        if (awarded) lotRow(db, event, contractId, awarded.lotId);
      }
    }
  },
};

function lotRow(db: Database.Database, event: RecordedEvent, contractId: string, lotId: string): void {
  prepared(db, 'INSERT OR IGNORE INTO quality_indicators (contract_id, lot_id, tenant) VALUES (?, ?, ?)').run(contractId, lotId, event.metadata.tenant);
}

function traineeOf(
  db: Database.Database,
  contractId: string,
  orderId: string,
  traineeId: string,
): { lot_id: string; completed: number; certified: number } | undefined {
  return prepared(db, 'SELECT lot_id, completed, certified FROM quality_indicators_trainees WHERE contract_id = ? AND order_id = ? AND trainee_id = ?').get(
    contractId,
    orderId,
    traineeId,
  ) as { lot_id: string; completed: number; certified: number } | undefined;
}

function mark(db: Database.Database, flag: 'completed' | 'certified', contractId: string, orderId: string, traineeId: string): void {
  prepared(db, `UPDATE quality_indicators_trainees SET ${flag} = 1 WHERE contract_id = ? AND order_id = ? AND trainee_id = ?`).run(
    contractId,
    orderId,
    traineeId,
  );
}

function count(db: Database.Database, changes: string, contractId: string, lotId: string): void {
  prepared(db, `UPDATE quality_indicators SET ${changes} WHERE contract_id = ? AND lot_id = ?`).run(contractId, lotId);
}
