import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type { TraineeEntered } from '@app/procurement/domain/delivery/delivery.events';
import { NATIONAL_QPV_TARGET } from '@app/procurement/domain/programme/share-publics';
import { contractIdOf, dataOf, DomainEventType, Projection } from '../projection';
import { buffered, TableShape } from '../sqlite/buffered-table';
import { awardOf, percentSql, placementOf } from './delivery-mapping';

/**
 * National target of the skills investment plan (PIC): 15% of the trainees are residents of priority urban
 * areas (QPV), NATIONAL_QPV_TARGET with its source. Stored in each row, so that a change of target shows which
 * target a figure was compared to. The targets a programme sets are read in the targeting read model.
 */
export const QPV_NATIONAL_TARGET_PERCENT = NATIONAL_QPV_TARGET.percent;

/** The priority publics of the PIC, by the flag declared at entry and the column counting them. */
const PUBLICS = [
  ['qpvResident', 'qpv_residents'],
  ['ruralResident', 'rural_residents'],
  ['disabled', 'disabled'],
  ['isolatedParent', 'isolated_parents'],
  ['youngNeet', 'young_neet'],
] as const;

type PublicColumn = (typeof PUBLICS)[number][1];

type PriorityPublicsRow = {
  contract_id: string;
  lot_id: string;
  tenant: string;
  entries: number;
  qpv_target_percent: number;
} & Record<PublicColumn, number>;

const PRIORITY_PUBLICS: TableShape<PriorityPublicsRow> = {
  table: 'priority_publics',
  key: ['contract_id', 'lot_id'],
  columns: ['contract_id', 'lot_id', 'tenant', 'entries', ...PUBLICS.map(([, column]) => column), 'qpv_target_percent'],
  // The lots of a contract are read together.
  partitionBy: 1,
};

/**
 * Targeting of priority publics per lot: trainees entered (every entry, also of those who left since), how many
 * belong to each priority public (a trainee may belong to several) and their share in percent, with the QPV
 * share against the national target (qpv_gap_points: share minus target, in percentage points).
 */
export const priorityPublicsProjection: Projection = {
  name: 'priority_publics',
  version: 2,
  schema: `
    CREATE TABLE priority_publics (
      contract_id TEXT NOT NULL,
      lot_id TEXT NOT NULL,
      tenant TEXT NOT NULL,
      entries INTEGER NOT NULL DEFAULT 0,
      ${PUBLICS.map(([, column]) => `${column} INTEGER NOT NULL DEFAULT 0,`).join('\n      ')}
      ${PUBLICS.map(([, column]) => `${column}_percent REAL GENERATED ALWAYS AS (${percentSql(column, 'entries')}) VIRTUAL,`).join('\n      ')}
      qpv_target_percent INTEGER NOT NULL,
      qpv_gap_points REAL GENERATED ALWAYS AS (CASE WHEN entries > 0 THEN ROUND(100.0 * qpv_residents / entries - qpv_target_percent, 2) END) VIRTUAL,
      PRIMARY KEY (contract_id, lot_id)
    );
    CREATE INDEX priority_publics_tenant ON priority_publics (tenant, contract_id);`,
  handles: new Set<DomainEventType>(['LotAwarded', 'AmendmentCameIntoForce', 'TraineeEntered']),
  apply(db: Database.Database, event: RecordedEvent): void {
    const contractId = contractIdOf(event);
    const lots = buffered(db, PRIORITY_PUBLICS);
    if (event.type !== 'TraineeEntered') {
      const award = awardOf(event);
      if (award && !lots.get(contractId, award.lotId)) lots.save(newLot(event, contractId, award.lotId));
      return;
    }
    const { orderId, publics } = dataOf<TraineeEntered>(event);
    const placement = placementOf(db, contractId, orderId);
    if (!placement) return;
    const lot = lots.get(contractId, placement.lotId) ?? newLot(event, contractId, placement.lotId);
    lot.entries += 1;
    for (const [flag, column] of PUBLICS) if (publics[flag]) lot[column] += 1;
    lots.save(lot);
  },
};

function newLot(event: RecordedEvent, contractId: string, lotId: string): PriorityPublicsRow {
  return {
    contract_id: contractId,
    lot_id: lotId,
    tenant: event.metadata.tenant,
    entries: 0,
    qpv_residents: 0,
    rural_residents: 0,
    disabled: 0,
    isolated_parents: 0,
    young_neet: 0,
    qpv_target_percent: QPV_NATIONAL_TARGET_PERCENT,
  };
}
