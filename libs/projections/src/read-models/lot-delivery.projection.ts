import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type {
  CertificationObtained,
  HoursDelivered,
  OpenDaysDelivered,
  SubscriptionMonthsDelivered,
  TraineeCompleted,
  TraineeEntered,
  TraineeLeftEarly,
} from '@app/procurement/domain/delivery/delivery.events';
import { LEAVING_REASONS } from '@app/procurement/domain/delivery/delivery.events';
import type { WorkUnitType } from '@app/procurement/domain/terms/procurement-terms';
import { contractIdOf, dataOf, Projection } from '../projection';
import { prepared } from '../sqlite/prepared';
import { applyMapping, MAPPING_EVENTS, mappingSchema, memberIdsOf, percentSql, placementOf, providerIdOf } from './delivery-mapping';

const PREFIX = 'lot_delivery';

const reasonColumn = (reason: string) => `left_early_${reason.toLowerCase()}`;

/**
 * What each provider delivered on each lot. Facts about a trainee count for the provider that performed the
 * lot when the trainee entered (a contractor change does not move a pathway begun before it); open days, hours
 * and subscription months count for the provider performing the lot on the day they are reported.
 *
 * - entered, completed, certified (completed and at least one certification, as in service statements);
 * - left_early (every early exit reported, also by reason) and continued_remotely (left early, then completed
 *   under the dropout clause): the dropout rate counts those who left early and did not complete;
 * - `lot_delivery_units`: quantities delivered per work unit — PATHWAY = pathways completed, OPEN_DAY = open
 *   days, TRAINEE_HOUR = hours, SUBSCRIPTION = months — only for units the order holds. Joined on (contract,
 *   lot, unit type) it gives lot_consumption its delivered quantity.
 */
export const lotDeliveryProjection: Projection = {
  name: 'lot_delivery',
  version: 1,
  schema: `
    CREATE TABLE lot_delivery (
      contract_id TEXT NOT NULL,
      lot_id TEXT NOT NULL,
      provider_id TEXT NOT NULL,
      tenant TEXT NOT NULL,
      member_ids TEXT NOT NULL,
      entered INTEGER NOT NULL DEFAULT 0,
      left_early INTEGER NOT NULL DEFAULT 0,
      ${LEAVING_REASONS.map((reason) => `${reasonColumn(reason)} INTEGER NOT NULL DEFAULT 0,`).join('\n      ')}
      continued_remotely INTEGER NOT NULL DEFAULT 0,
      completed INTEGER NOT NULL DEFAULT 0,
      certified INTEGER NOT NULL DEFAULT 0,
      dropout_rate_percent REAL GENERATED ALWAYS AS (${percentSql('left_early - continued_remotely', 'entered')}) VIRTUAL,
      completion_rate_percent REAL GENERATED ALWAYS AS (${percentSql('completed', 'entered')}) VIRTUAL,
      PRIMARY KEY (contract_id, lot_id, provider_id)
    );
    CREATE INDEX lot_delivery_tenant ON lot_delivery (tenant, contract_id);
    CREATE TABLE lot_delivery_units (
      contract_id TEXT NOT NULL,
      lot_id TEXT NOT NULL,
      provider_id TEXT NOT NULL,
      unit_type TEXT NOT NULL,
      delivered_quantity INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (contract_id, lot_id, provider_id, unit_type)
    );
    CREATE TABLE lot_delivery_trainees (
      contract_id TEXT NOT NULL,
      order_id TEXT NOT NULL,
      trainee_id TEXT NOT NULL,
      lot_id TEXT NOT NULL,
      provider_id TEXT NOT NULL,
      left_early INTEGER NOT NULL DEFAULT 0,
      completed INTEGER NOT NULL DEFAULT 0,
      certified INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (contract_id, order_id, trainee_id)
    );
    ${mappingSchema(PREFIX)}`,
  handles: new Set([
    ...MAPPING_EVENTS,
    'TraineeEntered',
    'TraineeLeftEarly',
    'TraineeCompleted',
    'CertificationObtained',
    'OpenDaysDelivered',
    'HoursDelivered',
    'SubscriptionMonthsDelivered',
  ]),
  apply(db: Database.Database, event: RecordedEvent): void {
    const contractId = contractIdOf(event);
    switch (event.type) {
      case 'TraineeEntered': {
        const { orderId, traineeId } = dataOf<TraineeEntered>(event);
        const placement = placementOf(db, PREFIX, contractId, orderId);
        if (!placement) return;
        prepared(
          db,
          'INSERT OR IGNORE INTO lot_delivery_trainees (contract_id, order_id, trainee_id, lot_id, provider_id) VALUES (?, ?, ?, ?, ?)',
        ).run(contractId, orderId, traineeId, placement.lotId, placement.providerId);
        prepared(
          db,
          `INSERT INTO lot_delivery (contract_id, lot_id, provider_id, tenant, member_ids, entered) VALUES (?, ?, ?, ?, ?, 1)
           ON CONFLICT (contract_id, lot_id, provider_id) DO UPDATE SET entered = entered + 1`,
        ).run(contractId, placement.lotId, placement.providerId, event.metadata.tenant, placement.memberIds);
        return;
      }
      case 'TraineeLeftEarly': {
        const { orderId, traineeId, reason } = dataOf<TraineeLeftEarly>(event);
        const trainee = traineeOf(db, contractId, orderId, traineeId);
        if (!trainee || trainee.left_early) return;
        setTrainee(db, 'left_early', contractId, orderId, traineeId);
        const column = LEAVING_REASONS.includes(reason) ? reasonColumn(reason) : reasonColumn('OTHER');
        count(db, `left_early = left_early + 1, ${column} = ${column} + 1`, contractId, trainee.lot_id, trainee.provider_id);
        return;
      }
      case 'TraineeCompleted': {
        const { orderId, traineeId } = dataOf<TraineeCompleted>(event);
        const trainee = traineeOf(db, contractId, orderId, traineeId);
        if (!trainee || trainee.completed) return;
        setTrainee(db, 'completed', contractId, orderId, traineeId);
        const changes = ['completed = completed + 1'];
        if (trainee.left_early) changes.push('continued_remotely = continued_remotely + 1');
        if (trainee.certified) changes.push('certified = certified + 1');
        count(db, changes.join(', '), contractId, trainee.lot_id, trainee.provider_id);
        if (holds(db, contractId, orderId, 'PATHWAY')) deliver(db, contractId, trainee.lot_id, trainee.provider_id, 'PATHWAY', 1);
        return;
      }
      case 'CertificationObtained': {
        const { orderId, traineeId } = dataOf<CertificationObtained>(event);
        const trainee = traineeOf(db, contractId, orderId, traineeId);
        // Counted once per trainee, whatever the number of certifications obtained.
        if (!trainee || trainee.certified) return;
        setTrainee(db, 'certified', contractId, orderId, traineeId);
        if (trainee.completed) count(db, 'certified = certified + 1', contractId, trainee.lot_id, trainee.provider_id);
        return;
      }
      case 'OpenDaysDelivered': {
        const { orderId, count: days } = dataOf<OpenDaysDelivered>(event);
        return deliverNow(db, event, contractId, orderId, 'OPEN_DAY', days);
      }
      case 'HoursDelivered': {
        const { orderId, hours } = dataOf<HoursDelivered>(event);
        return deliverNow(db, event, contractId, orderId, 'TRAINEE_HOUR', hours);
      }
      case 'SubscriptionMonthsDelivered': {
        const { orderId, count: months } = dataOf<SubscriptionMonthsDelivered>(event);
        return deliverNow(db, event, contractId, orderId, 'SUBSCRIPTION', months);
      }
      default: {
        // A lot awarded, or handed to a new contractor: the provider gets its row, empty until it delivers.
        const awarded = applyMapping(db, PREFIX, event);
        if (awarded) row(db, event, contractId, awarded.lotId, providerIdOf(awarded.awardee), memberIdsOf(awarded.awardee));
      }
    }
  },
};

interface TraineeRow {
  lot_id: string;
  provider_id: string;
  left_early: number;
  completed: number;
  certified: number;
}

function traineeOf(db: Database.Database, contractId: string, orderId: string, traineeId: string): TraineeRow | undefined {
  return prepared(
    db,
    'SELECT lot_id, provider_id, left_early, completed, certified FROM lot_delivery_trainees WHERE contract_id = ? AND order_id = ? AND trainee_id = ?',
  ).get(contractId, orderId, traineeId) as TraineeRow | undefined;
}

function setTrainee(db: Database.Database, flag: 'left_early' | 'completed' | 'certified', contractId: string, orderId: string, traineeId: string): void {
  prepared(db, `UPDATE lot_delivery_trainees SET ${flag} = 1 WHERE contract_id = ? AND order_id = ? AND trainee_id = ?`).run(contractId, orderId, traineeId);
}

/** The provider's row of the lot, created the first time the provider performs it. */
function row(db: Database.Database, event: RecordedEvent, contractId: string, lotId: string, providerId: string, memberIds: string): void {
  prepared(db, 'INSERT OR IGNORE INTO lot_delivery (contract_id, lot_id, provider_id, tenant, member_ids) VALUES (?, ?, ?, ?, ?)').run(
    contractId,
    lotId,
    providerId,
    event.metadata.tenant,
    memberIds,
  );
}

function count(db: Database.Database, changes: string, contractId: string, lotId: string, providerId: string): void {
  prepared(db, `UPDATE lot_delivery SET ${changes} WHERE contract_id = ? AND lot_id = ? AND provider_id = ?`).run(contractId, lotId, providerId);
}

function holds(db: Database.Database, contractId: string, orderId: string, unitType: WorkUnitType): boolean {
  return placementOf(db, PREFIX, contractId, orderId)?.unitTypes.includes(`,${unitType},`) ?? false;
}

function deliver(db: Database.Database, contractId: string, lotId: string, providerId: string, unitType: WorkUnitType, quantity: number): void {
  prepared(
    db,
    `INSERT INTO lot_delivery_units (contract_id, lot_id, provider_id, unit_type, delivered_quantity) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (contract_id, lot_id, provider_id, unit_type) DO UPDATE SET delivered_quantity = delivered_quantity + excluded.delivered_quantity`,
  ).run(contractId, lotId, providerId, unitType, quantity);
}

/** Units delivered on a day count for the provider performing the lot then. */
function deliverNow(db: Database.Database, event: RecordedEvent, contractId: string, orderId: string, unitType: WorkUnitType, quantity: number): void {
  const placement = placementOf(db, PREFIX, contractId, orderId);
  if (!placement || !placement.unitTypes.includes(`,${unitType},`)) return;
  row(db, event, contractId, placement.lotId, placement.providerId, placement.memberIds);
  deliver(db, contractId, placement.lotId, placement.providerId, unitType, quantity);
}
