import { EventStore } from '../event-store.port';
import { ChainedEventRow } from './chain-verifier';

/** An event exactly as a chain-keeping store holds it (data and metadata as their stored JSON text), for an offline check. */
export interface ExportedEvent {
  position: number;
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  data: string;
  metadata: string;
  recordedAt: string;
  hash: string;
  globalHash: string;
}

/** A stored row as it leaves in the history export. */
export function exportedEventOf(row: ChainedEventRow): ExportedEvent {
  return {
    position: row.position,
    streamId: row.stream_id,
    revision: row.revision,
    eventId: row.event_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
    hash: row.hash,
    globalHash: row.global_hash,
  };
}

/** The head of the global chain: the position and hash a checkpoint signs. */
export interface ChainHead {
  position: number;
  hash: string;
}

/**
 * A store that keeps the hash chains (the embedded and the PostgreSQL ones; EventStoreDB keeps none): its head
 * can be signed and its rows leave as stored, which is what checkpoints and the history export need.
 */
export interface ChainKeepingStore extends EventStore {
  chainHead(): ChainHead | Promise<ChainHead>;
  /** Every row in global order, exactly as stored. */
  exportHistory(): Iterable<ExportedEvent> | AsyncIterable<ExportedEvent>;
}

export function keepsChain(store: EventStore): store is ChainKeepingStore {
  const candidate = store as Partial<ChainKeepingStore>;
  return typeof candidate.chainHead === 'function' && typeof candidate.exportHistory === 'function';
}
