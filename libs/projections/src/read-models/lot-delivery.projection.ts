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
import { buffered } from '../sqlite/buffered-table';
import { column, readModelTable, RowOf } from './read-model-table';
import { awardOf, memberIdsOf, percentSql, placementOf, providerIdOf } from './delivery-mapping';
import { traineeRecordOf } from './trainee-records';

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

const LOT_DELIVERY = readModelTable(
  'lot_delivery',
  { contract_id: column.text(), lot_id: column.text(), provider_id: column.text(), tenant: column.text(), member_ids: column.text() },
  {
    key: ['contract_id', 'lot_id', 'provider_id'],
    named: { names: COUNTERS, declared: column.count() },
    generated: [
      `dropout_rate_percent REAL GENERATED ALWAYS AS (${percentSql('left_early - continued_remotely - positive_exits', 'entered')}) VIRTUAL`,
      `completion_rate_percent REAL GENERATED ALWAYS AS (${percentSql('completed', 'entered - positive_exits')}) VIRTUAL`,
    ],
    // The providers of a lot are read together.
    partitionBy: 2,
  },
);

/** A provider's row of the lot_delivery table: its identity, then the counters (entered, left_early, left_early_<reason>, …). */
type LotDeliveryRow = RowOf<typeof LOT_DELIVERY>;

const LOT_DELIVERY_UNITS = readModelTable(
  'lot_delivery_units',
  { contract_id: column.text(), lot_id: column.text(), provider_id: column.text(), unit_type: column.text(), delivered_quantity: column.count() },
  { key: ['contract_id', 'lot_id', 'provider_id', 'unit_type'], partitionBy: 2 },
);

const LOT_DELIVERY_REPORTS = readModelTable(
  'lot_delivery_reports',
  { contract_id: column.text(), report_key: column.text(), quantity: column.integer() },
  { key: ['contract_id', 'report_key'] },
);

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
  version: 5,
  schema: `
    ${LOT_DELIVERY.createTable}
    CREATE INDEX lot_delivery_tenant ON lot_delivery (tenant, contract_id);
    ${LOT_DELIVERY_UNITS.createTable}
    ${LOT_DELIVERY_REPORTS.createTable}`,
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
    switch (event.type) {
      case 'TraineeEntered': {
        const { orderId } = dataOf<TraineeEntered>(event);
        const placement = placementOf(db, contractId, orderId);
        if (!placement) return;
        row(db, event, contractId, placement.lotId, placement.providerId, placement.memberIds);
        count(db, ['entered'], contractId, placement.lotId, placement.providerId);
        return;
      }
      case 'TraineeLeftEarly': {
        const { orderId, traineeId, reason, destination } = dataOf<TraineeLeftEarly>(event);
        const trainee = traineeRecordOf(db, contractId, orderId, traineeId);
        if (!trainee || trainee.left_early) return;
        // A trainee who completed (a completion reported first) is no positive exit: the completion counts.
        const positive = POSITIVE_EXIT_DESTINATIONS.includes(destination) && !trainee.completed;
        // Since exits carry their destination, the reason is optional: an exit without one counts by destination only.
        const reasonCounter = reason === undefined ? [] : [LEAVING_REASONS.includes(reason) ? reasonColumn(reason) : reasonColumn('OTHER')];
        const counters = ['left_early', ...reasonCounter, destinationColumn(destination), ...(positive ? ['positive_exits'] : [])];
        count(db, counters, contractId, trainee.lot_id, trainee.provider_id);
        return;
      }
      case 'TraineeCompleted': {
        const { orderId, traineeId } = dataOf<TraineeCompleted>(event);
        const trainee = traineeRecordOf(db, contractId, orderId, traineeId);
        if (!trainee || trainee.completed) return;
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
        const trainee = traineeRecordOf(db, contractId, orderId, traineeId);
        // Counted once per trainee, whatever the number of certifications obtained.
        if (!trainee || trainee.certified) return;
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
  const providers = buffered<LotDeliveryRow>(db, LOT_DELIVERY);
  if (providers.get(contractId, lotId, providerId)) return;
  const created: LotDeliveryRow = { contract_id: contractId, lot_id: lotId, provider_id: providerId, tenant: event.metadata.tenant, member_ids: memberIds };
  for (const column of COUNTERS) created[column] = 0;
  providers.save(created);
}

/** Adds one to each of these counters of the provider's row, when it has one. */
function count(db: Database.Database, counters: string[], contractId: string, lotId: string, providerId: string): void {
  const providers = buffered<LotDeliveryRow>(db, LOT_DELIVERY);
  const provider = providers.get(contractId, lotId, providerId);
  if (!provider) return;
  for (const column of counters) (provider[column] as number) += 1;
  providers.save(provider);
}

function uncount(db: Database.Database, counter: string, contractId: string, lotId: string, providerId: string): void {
  const providers = buffered<LotDeliveryRow>(db, LOT_DELIVERY);
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
