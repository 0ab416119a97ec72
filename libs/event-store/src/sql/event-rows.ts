import { RecordedEvent } from '../event-store.port';
import { ChainedEventRow } from '../chain/chain-verifier';

/** The columns a read of the embedded and PostgreSQL logs returns (the global hash is for verification only). */
export const READ_COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, recorded_at, hash';

/** A row as a read returns it. */
export type ReadRow = Omit<ChainedEventRow, 'global_hash'>;

/** The event a row holds, its data and metadata parsed. */
export function toRecordedEvent(row: ReadRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.type,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    recordedAt: row.recorded_at,
    hash: row.hash,
  };
}
