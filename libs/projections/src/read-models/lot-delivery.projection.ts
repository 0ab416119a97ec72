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
import { EXIT_DESTINATIONS, LEAVING_REASONS, POSITIVE_EXIT_DESTINATIONS } from '@app/procurement/domain/delivery/delivery.events';
import type { WorkUnitType } from '@app/procurement/domain/terms/procurement-terms';
import { unitsAddedBy, unitsDeliveredBy } from '@app/procurement/domain/delivery/units-delivered';
import { contractIdOf, dataOf, DomainEventType, Projection } from '../projection';
import { buffered, TableShape } from '../sqlite/buffered-table';
import { awardOf, memberIdsOf, percentSql, placementOf, providerIdOf } from './delivery-mapping';

const reasonColumn = (reason: string) => `left_early_${reason.toLowerCase()}`;
export const destinationColumn = (destination: string) => `left_early_to_${destination.toLowerCase()}`;

/** The counters of a provider's row: every stored column after its identity. */
const COUNTERS = [
  'entered',
  'left_early',
  ...LEAVING_REASONS.map(reasonColumn),
  ...EXIT_DESTINATIONS.map(destinationColumn),
  'positive_exits',
  'continued_remotely',
  'completed',
  'certified',
];

interface LotDeliveryRow {
  contract_id: string;
  lot_id: string;
  provider_id: string;
  tenant: string;
  member_ids: string;
  /** entered, left_early, left_early_<reason>, continued_remotely, completed, certified */
  [counter: string]: string | number;
}

const LOT_DELIVERY: TableShape<LotDeliveryRow> = {
  table: 'lot_delivery',
  key: ['contract_id', 'lot_id', 'provider_id'],
  columns: ['contract_id', 'lot_id', 'provider_id', 'tenant', 'member_ids', ...COUNTERS],
  // The providers of a lot are read together.
  partitionBy: 2,
};

interface DeliveredUnitsRow {
  contract_id: string;
  lot_id: string;
  provider_id: string;
  unit_type: string;
  delivered_quantity: number;
}

const LOT_DELIVERY_UNITS: TableShape<DeliveredUnitsRow> = {
  table: 'lot_delivery_units',
  key: ['contract_id', 'lot_id', 'provider_id', 'unit_type'],
  columns: ['contract_id', 'lot_id', 'provider_id', 'unit_type', 'delivered_quantity'],
  partitionBy: 2,
};

/** What the reports of open days, hours and subscription months delivered, by fact (unitsAddedBy's key): a report of a fact again replaces it. */
interface ReportRow {
  contract_id: string;
  report_key: string;
  quantity: number;
}

const LOT_DELIVERY_REPORTS: TableShape<ReportRow> = {
  table: 'lot_delivery_reports',
  key: ['contract_id', 'report_key'],
  columns: ['contract_id', 'report_key', 'quantity'],
};

interface TraineeRow {
  contract_id: string;
  order_id: string;
  trainee_id: string;
  lot_id: string;
  provider_id: string;
  left_early: number;
  /** Left early for a job, an apprenticeship, a further training or an IAE (and not completed since). */
  positive_exit: number;
  completed: number;
  certified: number;
}

const LOT_DELIVERY_TRAINEES: TableShape<TraineeRow> = {
  table: 'lot_delivery_trainees',
  key: ['contract_id', 'order_id', 'trainee_id'],
  columns: ['contract_id', 'order_id', 'trainee_id', 'lot_id', 'provider_id', 'left_early', 'positive_exit', 'completed', 'certified'],
  // The trainees of an order are read together.
  partitionBy: 2,
};

/**
 * What each provider delivered on each lot. Facts about a trainee count for the provider that performed the
 * lot when the trainee entered (a contractor change does not move a pathway begun before it); open days, hours
 * and subscription months count for the provider performing the lot on the day they are reported.
 *
 * - entered, completed, certified (completed and at least one certification, as in service statements);
 * - left_early (every early exit reported, also by reason when one was given, and by destination: exits recorded
 *   before destinations read by the store's upcasters) and continued_remotely (left early, then completed
 *   under the dropout clause);
 * - positive_exits: left early for a job, an apprenticeship, a further certifying training or an IAE, and not
 *   completed since. They are not dropouts in any rate: the dropout rate counts those who left early otherwise
 *   and did not complete, over every entry; the completion rate counts completions over the entries less the
 *   positive exits (as the service statement's COMPLETION_RATE does);
 * - `lot_delivery_units`: quantities delivered per work unit as UNITS_DELIVERED counts them (PATHWAY = pathways
 *   completed, OPEN_DAY = open days, TRAINEE_HOUR = hours, SUBSCRIPTION = months; a day or month reported again
 *   replaces its figure, kept in `lot_delivery_reports`), only for units the order holds. Joined on (contract,
 *   lot, unit type) it gives lot_consumption its delivered quantity.
 */
export const lotDeliveryProjection: Projection = {
  name: 'lot_delivery',
  version: 4,
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
      ${EXIT_DESTINATIONS.map((destination) => `${destinationColumn(destination)} INTEGER NOT NULL DEFAULT 0,`).join('\n      ')}
      positive_exits INTEGER NOT NULL DEFAULT 0,
      continued_remotely INTEGER NOT NULL DEFAULT 0,
      completed INTEGER NOT NULL DEFAULT 0,
      certified INTEGER NOT NULL DEFAULT 0,
      dropout_rate_percent REAL GENERATED ALWAYS AS (${percentSql('left_early - continued_remotely - positive_exits', 'entered')}) VIRTUAL,
      completion_rate_percent REAL GENERATED ALWAYS AS (${percentSql('completed', 'entered - positive_exits')}) VIRTUAL,
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
    CREATE TABLE lot_delivery_reports (
      contract_id TEXT NOT NULL,
      report_key TEXT NOT NULL,
      quantity INTEGER NOT NULL,
      PRIMARY KEY (contract_id, report_key)
    );
    CREATE TABLE lot_delivery_trainees (
      contract_id TEXT NOT NULL,
      order_id TEXT NOT NULL,
      trainee_id TEXT NOT NULL,
      lot_id TEXT NOT NULL,
      provider_id TEXT NOT NULL,
      left_early INTEGER NOT NULL DEFAULT 0,
      positive_exit INTEGER NOT NULL DEFAULT 0,
      completed INTEGER NOT NULL DEFAULT 0,
      certified INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (contract_id, order_id, trainee_id)
    );`,
  handles: new Set<DomainEventType>([
    'LotAwarded',
    'AmendmentCameIntoForce',
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
    const trainees = buffered(db, LOT_DELIVERY_TRAINEES);
    switch (event.type) {
      case 'TraineeEntered': {
        const { orderId, traineeId } = dataOf<TraineeEntered>(event);
        const placement = placementOf(db, contractId, orderId);
        if (!placement) return;
        trainees.insertOrIgnore({
          contract_id: contractId,
          order_id: orderId,
          trainee_id: traineeId,
          lot_id: placement.lotId,
          provider_id: placement.providerId,
          left_early: 0,
          positive_exit: 0,
          completed: 0,
          certified: 0,
        });
        row(db, event, contractId, placement.lotId, placement.providerId, placement.memberIds);
        count(db, ['entered'], contractId, placement.lotId, placement.providerId);
        return;
      }
      case 'TraineeLeftEarly': {
        const { orderId, traineeId, reason, destination } = dataOf<TraineeLeftEarly>(event);
        const trainee = trainees.get(contractId, orderId, traineeId);
        if (!trainee || trainee.left_early) return;
        // A trainee who completed (a completion reported first) is no positive exit: the completion counts.
        const positive = POSITIVE_EXIT_DESTINATIONS.includes(destination) && !trainee.completed ? 1 : 0;
        trainees.save({ ...trainee, left_early: 1, positive_exit: positive });
        // Since exits carry their destination, the reason is optional: an exit without one counts by destination only.
        const reasonCounter = reason === undefined ? [] : [LEAVING_REASONS.includes(reason) ? reasonColumn(reason) : reasonColumn('OTHER')];
        const counters = ['left_early', ...reasonCounter, destinationColumn(destination), ...(positive ? ['positive_exits'] : [])];
        count(db, counters, contractId, trainee.lot_id, trainee.provider_id);
        return;
      }
      case 'TraineeCompleted': {
        const { orderId, traineeId } = dataOf<TraineeCompleted>(event);
        const trainee = trainees.get(contractId, orderId, traineeId);
        if (!trainee || trainee.completed) return;
        trainees.save({ ...trainee, completed: 1, positive_exit: 0 });
        const changes = ['completed'];
        if (trainee.left_early) changes.push('continued_remotely');
        if (trainee.certified) changes.push('certified');
        count(db, changes, contractId, trainee.lot_id, trainee.provider_id);
        // Left for a job, then completed remotely: a completion now, no longer a positive exit.
        if (trainee.positive_exit) uncount(db, 'positive_exits', contractId, trainee.lot_id, trainee.provider_id);
        // A pathway is delivered by the provider the trainee entered with.
        const pathway = unitsDeliveredBy(event)!;
        if (holds(db, contractId, orderId, pathway.unitType)) deliver(db, contractId, trainee.lot_id, trainee.provider_id, pathway.unitType, pathway.quantity);
        return;
      }
      case 'CertificationObtained': {
        const { orderId, traineeId } = dataOf<CertificationObtained>(event);
        const trainee = trainees.get(contractId, orderId, traineeId);
        // Counted once per trainee, whatever the number of certifications obtained.
        if (!trainee || trainee.certified) return;
        trainees.save({ ...trainee, certified: 1 });
        if (trainee.completed) count(db, ['certified'], contractId, trainee.lot_id, trainee.provider_id);
        return;
      }
      case 'OpenDaysDelivered':
      case 'HoursDelivered':
      case 'SubscriptionMonthsDelivered': {
        const { orderId } = dataOf<OpenDaysDelivered | HoursDelivered | SubscriptionMonthsDelivered>(event);
        return deliverNow(db, event, contractId, orderId);
      }
      default: {
        // A lot awarded, or handed to a new contractor: the provider gets its row, empty until it delivers.
        const award = awardOf(event);
        if (award) row(db, event, contractId, award.lotId, providerIdOf(award.awardee), memberIdsOf(award.awardee));
      }
    }
  },
};

/** The provider's row of the lot, created the first time the provider performs it. */
function row(db: Database.Database, event: RecordedEvent, contractId: string, lotId: string, providerId: string, memberIds: string): void {
  const providers = buffered(db, LOT_DELIVERY);
  if (providers.get(contractId, lotId, providerId)) return;
  const created: LotDeliveryRow = { contract_id: contractId, lot_id: lotId, provider_id: providerId, tenant: event.metadata.tenant, member_ids: memberIds };
  for (const column of COUNTERS) created[column] = 0;
  providers.save(created);
}

/** Adds one to each of these counters of the provider's row, when it has one. */
function count(db: Database.Database, counters: string[], contractId: string, lotId: string, providerId: string): void {
  const providers = buffered(db, LOT_DELIVERY);
  const provider = providers.get(contractId, lotId, providerId);
  if (!provider) return;
  for (const column of counters) (provider[column] as number) += 1;
  providers.save(provider);
}

function uncount(db: Database.Database, counter: string, contractId: string, lotId: string, providerId: string): void {
  const providers = buffered(db, LOT_DELIVERY);
  const provider = providers.get(contractId, lotId, providerId);
  if (!provider) return;
  (provider[counter] as number) -= 1;
  providers.save(provider);
}

function holds(db: Database.Database, contractId: string, orderId: string, unitType: WorkUnitType): boolean {
  return placementOf(db, contractId, orderId)?.unitTypes.includes(`,${unitType},`) ?? false;
}

function deliver(db: Database.Database, contractId: string, lotId: string, providerId: string, unitType: WorkUnitType, quantity: number): void {
  const units = buffered(db, LOT_DELIVERY_UNITS);
  const delivered = units.get(contractId, lotId, providerId, unitType);
  if (delivered) delivered.delivered_quantity += quantity;
  units.save(delivered ?? { contract_id: contractId, lot_id: lotId, provider_id: providerId, unit_type: unitType, delivered_quantity: quantity });
}

/** Units delivered on a day count for the provider performing the lot then; a day reported again replaces its figure. */
function deliverNow(db: Database.Database, event: RecordedEvent, contractId: string, orderId: string): void {
  const placement = placementOf(db, contractId, orderId);
  const unitType = unitsDeliveredBy(event)?.unitType;
  if (!placement || unitType === undefined || !placement.unitTypes.includes(`,${unitType},`)) return;
  const reports = buffered(db, LOT_DELIVERY_REPORTS);
  const added = unitsAddedBy(event, orderId, {
    get: (key) => reports.get(contractId, key)?.quantity,
    set: (key, quantity) => reports.save({ contract_id: contractId, report_key: key, quantity }),
  })!;
  row(db, event, contractId, placement.lotId, placement.providerId, placement.memberIds);
  deliver(db, contractId, placement.lotId, placement.providerId, added.unitType, added.quantity);
}
