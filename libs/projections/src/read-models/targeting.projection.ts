import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type { TraineeEntered } from '@app/procurement/domain/delivery/delivery.events';
import type { LotAttached, ProgrammeDefined, TargetShareSet } from '@app/procurement/domain/programme/programme.events';
import { SHARE_PUBLICS, SharePublic, sharePublicsOf } from '@app/procurement/domain/programme/share-publics';
import { contractIdOf, dataOf, DomainEventType, Projection } from '../projection';
import { buffered, TableShape } from '../sqlite/buffered-table';
import { placementOf } from './delivery-mapping';

/** The column of an entry counting its membership of a public: 1, 0, or NULL when the entry did not state it. */
export const shareColumn = (sharePublic: SharePublic): string => sharePublic.toLowerCase();

const SHARE_COLUMNS = SHARE_PUBLICS.map(shareColumn);

/** An order's trainee's row of the targeting_entries table, with one column per public (1, 0 or NULL). */
type StoredEntry = {
  contract_id: string;
  order_id: string;
  trainee_id: string;
  tenant: string;
  lot_id: string;
  entered_on: string;
  recorded_at: string;
} & Record<string, string | number | null>;

const TARGETING_ENTRIES: TableShape<StoredEntry> = {
  table: 'targeting_entries',
  key: ['contract_id', 'order_id', 'trainee_id'],
  columns: ['contract_id', 'order_id', 'trainee_id', 'tenant', 'lot_id', 'entered_on', 'recorded_at', ...SHARE_COLUMNS],
  // The trainees of an order are entered together.
  partitionBy: 2,
};

interface StoredProgramme {
  tenant: string;
  programme_id: string;
  start_date: string;
  end_date: string;
  defined_at: string;
}

const TARGETING_PROGRAMMES: TableShape<StoredProgramme> = {
  table: 'targeting_programmes',
  key: ['tenant', 'programme_id'],
  columns: ['tenant', 'programme_id', 'start_date', 'end_date', 'defined_at'],
};

interface StoredProgrammeLot {
  tenant: string;
  programme_id: string;
  contract_id: string;
  lot_id: string;
  project_id: string;
  attached_at: string;
}

const TARGETING_PROGRAMME_LOTS: TableShape<StoredProgrammeLot> = {
  table: 'targeting_programme_lots',
  key: ['tenant', 'programme_id', 'contract_id', 'lot_id'],
  columns: ['tenant', 'programme_id', 'contract_id', 'lot_id', 'project_id', 'attached_at'],
  // The lots of a programme are attached together.
  partitionBy: 2,
};

interface StoredTarget {
  tenant: string;
  programme_id: string;
  position: number;
  target_public: string;
  percent: number;
  valid_from: string;
  set_at: string;
}

const TARGETING_TARGETS: TableShape<StoredTarget> = {
  table: 'targeting_targets',
  key: ['tenant', 'programme_id', 'position'],
  columns: ['tenant', 'programme_id', 'position', 'target_public', 'percent', 'valid_from', 'set_at'],
  // Each target has a new position: the targets of a programme are read once, not once per target.
  partitionBy: 2,
};

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
    CREATE TABLE targeting_entries (
      contract_id TEXT NOT NULL,
      order_id TEXT NOT NULL,
      trainee_id TEXT NOT NULL,
      tenant TEXT NOT NULL,
      lot_id TEXT NOT NULL,
      entered_on TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      ${SHARE_PUBLICS.map((sharePublic) => `${shareColumn(sharePublic)} INTEGER,`).join('\n      ')}
      PRIMARY KEY (contract_id, order_id, trainee_id)
    );
    CREATE INDEX targeting_entries_lot ON targeting_entries (tenant, contract_id, lot_id, entered_on);
    CREATE TABLE targeting_programmes (
      tenant TEXT NOT NULL,
      programme_id TEXT NOT NULL,
      start_date TEXT NOT NULL,
      end_date TEXT NOT NULL,
      defined_at TEXT NOT NULL,
      PRIMARY KEY (tenant, programme_id)
    );
    CREATE TABLE targeting_programme_lots (
      tenant TEXT NOT NULL,
      programme_id TEXT NOT NULL,
      contract_id TEXT NOT NULL,
      lot_id TEXT NOT NULL,
      project_id TEXT NOT NULL,
      attached_at TEXT NOT NULL,
      PRIMARY KEY (tenant, programme_id, contract_id, lot_id)
    );
    CREATE INDEX targeting_programme_lots_lot ON targeting_programme_lots (tenant, contract_id, lot_id);
    CREATE TABLE targeting_targets (
      tenant TEXT NOT NULL,
      programme_id TEXT NOT NULL,
      position INTEGER NOT NULL,
      target_public TEXT NOT NULL,
      percent REAL NOT NULL,
      valid_from TEXT NOT NULL,
      set_at TEXT NOT NULL,
      PRIMARY KEY (tenant, programme_id, position)
    );`,
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
        buffered(db, TARGETING_ENTRIES).insertOrIgnore(entry);
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
