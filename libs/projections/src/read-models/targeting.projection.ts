import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type { TraineeEntered } from '@app/procurement/domain/delivery/delivery.events';
import type { LotAttached, ProgrammeDefined, TargetShareSet } from '@app/procurement/domain/programme/programme.events';
import { SHARE_PUBLICS, SharePublic, sharePublicsOf } from '@app/procurement/domain/programme/share-publics';
import { contractIdOf, dataOf, DomainEventType, Projection } from '../projection';
import { buffered } from '../sqlite/buffered-table';
import { column, readModelTable, RowOf } from './read-model-table';
import { placementOf } from './delivery-mapping';

/** The column of an entry counting its membership of a public: 1, 0, or NULL when the entry did not state it. */
export const shareColumn = (sharePublic: SharePublic): string => sharePublic.toLowerCase();

const SHARE_COLUMNS = SHARE_PUBLICS.map(shareColumn);

const TARGETING_ENTRIES = readModelTable(
  'targeting_entries',
  {
    contract_id: column.text(),
    order_id: column.text(),
    trainee_id: column.text(),
    tenant: column.text(),
    lot_id: column.text(),
    entered_on: column.text(),
    recorded_at: column.text(),
  },
  {
    key: ['contract_id', 'order_id', 'trainee_id'],
    named: { names: SHARE_COLUMNS, declared: column.integerOrNull() },
    // The trainees of an order are entered together.
    partitionBy: 2,
  },
);

/** An order's trainee's row of the targeting_entries table, with one column per public (1, 0 or NULL). */
type StoredEntry = RowOf<typeof TARGETING_ENTRIES>;

const TARGETING_PROGRAMMES = readModelTable(
  'targeting_programmes',
  { tenant: column.text(), programme_id: column.text(), start_date: column.text(), end_date: column.text(), defined_at: column.text() },
  { key: ['tenant', 'programme_id'] },
);

const TARGETING_PROGRAMME_LOTS = readModelTable(
  'targeting_programme_lots',
  {
    tenant: column.text(),
    programme_id: column.text(),
    contract_id: column.text(),
    lot_id: column.text(),
    project_id: column.text(),
    attached_at: column.text(),
  },
  {
    key: ['tenant', 'programme_id', 'contract_id', 'lot_id'],
    // The lots of a programme are attached together.
    partitionBy: 2,
  },
);

const TARGETING_TARGETS = readModelTable(
  'targeting_targets',
  {
    tenant: column.text(),
    programme_id: column.text(),
    position: column.integer(),
    target_public: column.text(),
    percent: column.real(),
    valid_from: column.text(),
    set_at: column.text(),
  },
  {
    key: ['tenant', 'programme_id', 'position'],
    // Each target has a new position: the targets of a programme are read once, not once per target.
    partitionBy: 2,
  },
);

/**
 * Targeting: the trainees entered on each lot, one row per entry with the publics it counts in, and the
 * programmes' lots and target shares, so that the shares against the targets can be read per lot, contract and
 * programme as of any moment and per month (targeting.queries.ts). recorded_at, attached_at and set_at are the
 * business time of the decisions (metadata.occurredAt): a reading as of a moment sees what was recorded by then.
 *   `targeting_entries` (contract_id, order_id, trainee_id, tenant, lot_id, entered_on, recorded_at, one column per public)
 *   `targeting_programmes` (tenant, programme_id, start_date, end_date)
 *   `targeting_programme_lots` (tenant, programme_id, contract_id, lot_id, project_id, attached_at)
 *   `targeting_targets` (tenant, programme_id, position, target_public, percent, valid_from, set_at)
 */
export const targetingProjection: Projection = {
  name: 'targeting',
  version: 1,
  schema: `
    ${TARGETING_ENTRIES.createTable}
    CREATE INDEX targeting_entries_lot ON targeting_entries (tenant, contract_id, lot_id, entered_on);
    ${TARGETING_PROGRAMMES.createTable}
    ${TARGETING_PROGRAMME_LOTS.createTable}
    CREATE INDEX targeting_programme_lots_lot ON targeting_programme_lots (tenant, contract_id, lot_id);
    ${TARGETING_TARGETS.createTable}`,
  handles: new Set<DomainEventType>(['TraineeEntered', 'ProgrammeDefined', 'LotAttached', 'TargetShareSet']),
  apply(db: Database.Database, event: RecordedEvent): void {
    const tenant = event.metadata.tenant;
    const at = event.metadata.occurredAt;
    switch (event.type) {
      case 'TraineeEntered': {
        const contractId = contractIdOf(event);
        const { orderId, traineeId, enteredOn, publics, targeting } = dataOf<TraineeEntered>(event);
        const placement = placementOf(db, contractId, orderId);
        if (!placement) return;
        const belongs = sharePublicsOf(publics, targeting);
        const entry: StoredEntry = { contract_id: contractId, order_id: orderId, trainee_id: traineeId, tenant, lot_id: placement.lotId, entered_on: enteredOn, recorded_at: at };
        for (const sharePublic of SHARE_PUBLICS) entry[shareColumn(sharePublic)] = asInteger(belongs[sharePublic]);
        buffered<StoredEntry>(db, TARGETING_ENTRIES).insertOrIgnore(entry);
        return;
      }
      case 'ProgrammeDefined': {
        const { programmeId, startDate, endDate } = dataOf<ProgrammeDefined>(event);
        buffered(db, TARGETING_PROGRAMMES).insertOrIgnore({ tenant, programme_id: programmeId, start_date: startDate, end_date: endDate, defined_at: at });
        return;
      }
      case 'LotAttached': {
        const { programmeId, contractId, lotId, projectId } = dataOf<LotAttached>(event);
        buffered(db, TARGETING_PROGRAMME_LOTS).insertOrIgnore({ tenant, programme_id: programmeId, contract_id: contractId, lot_id: lotId, project_id: projectId, attached_at: at });
        return;
      }
      case 'TargetShareSet': {
        const { programmeId, targetPublic, percent, validFrom } = dataOf<TargetShareSet>(event);
        buffered(db, TARGETING_TARGETS).insertOrIgnore({
          tenant,
          programme_id: programmeId,
          position: event.position,
          target_public: targetPublic,
          percent,
          valid_from: validFrom,
          set_at: at,
        });
        return;
      }
    }
  },
};

const asInteger = (belongs: boolean | null): number | null => (belongs === null ? null : belongs ? 1 : 0);
