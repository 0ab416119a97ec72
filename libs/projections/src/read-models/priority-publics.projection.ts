import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type { TraineeEntered } from '@app/procurement/domain/delivery/delivery.events';
import { contractIdOf, dataOf, Projection } from '../projection';
import { prepared } from '../sqlite/prepared';
import { applyMapping, MAPPING_EVENTS, mappingSchema, percentSql, placementOf } from './delivery-mapping';

const PREFIX = 'priority_publics';

/**
 * National target of the skills investment plan (PIC): 15% of the trainees are residents of priority urban
 * areas (QPV). Stored in each row, so that a change of target shows which target a figure was compared to.
 */
export const QPV_NATIONAL_TARGET_PERCENT = 15;

/** The priority publics of the PIC, by the flag declared at entry and the column counting them. */
const PUBLICS = [
  ['qpvResident', 'qpv_residents'],
  ['ruralResident', 'rural_residents'],
  ['disabled', 'disabled'],
  ['isolatedParent', 'isolated_parents'],
  ['youngNeet', 'young_neet'],
] as const;

/**
 * Targeting of priority publics per lot: trainees entered (every entry, also of those who left since), how many
 * belong to each priority public (a trainee may belong to several) and their share in percent, with the QPV
 * share against the national target (qpv_gap_points: share minus target, in percentage points).
 */
export const priorityPublicsProjection: Projection = {
  name: 'priority_publics',
  version: 1,
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
    CREATE INDEX priority_publics_tenant ON priority_publics (tenant, contract_id);
    ${mappingSchema(PREFIX)}`,
  handles: new Set([...MAPPING_EVENTS, 'TraineeEntered']),
  apply(db: Database.Database, event: RecordedEvent): void {
    const contractId = contractIdOf(event);
    if (event.type !== 'TraineeEntered') {
      const awarded = applyMapping(db, PREFIX, event);
      if (awarded) lotRow(db, event, contractId, awarded.lotId);
      return;
    }
    const { orderId, publics } = dataOf<TraineeEntered>(event);
    const placement = placementOf(db, PREFIX, contractId, orderId);
    if (!placement) return;
    prepared(
      db,
      `INSERT INTO priority_publics (contract_id, lot_id, tenant, qpv_target_percent, entries, ${PUBLICS.map(([, column]) => column).join(', ')})
       VALUES (?, ?, ?, ?, 1, ${PUBLICS.map(() => '?').join(', ')})
       ON CONFLICT (contract_id, lot_id) DO UPDATE SET entries = entries + 1,
         ${PUBLICS.map(([, column]) => `${column} = ${column} + excluded.${column}`).join(', ')}`,
    ).run(contractId, placement.lotId, event.metadata.tenant, QPV_NATIONAL_TARGET_PERCENT, ...PUBLICS.map(([flag]) => (publics[flag] ? 1 : 0)));
  },
};

function lotRow(db: Database.Database, event: RecordedEvent, contractId: string, lotId: string): void {
  prepared(db, 'INSERT OR IGNORE INTO priority_publics (contract_id, lot_id, tenant, qpv_target_percent) VALUES (?, ?, ?, ?)').run(
    contractId,
    lotId,
    event.metadata.tenant,
    QPV_NATIONAL_TARGET_PERCENT,
  );
}
