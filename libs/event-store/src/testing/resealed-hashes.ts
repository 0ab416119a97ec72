import { GENESIS_HASH, globalHash, streamHash } from '../chain/hash-chain';
import { ChainedEventRow } from '../chain/chain-verifier';

type StoredRow = Omit<ChainedEventRow, 'hash' | 'global_hash'>;

/**
 * What an attacker holding the event tables computes after editing them: every stream hash, every global hash
 * and the chain head again, from the rows in global order, so that the chains alone verify. For tampering tests.
 */
export function resealedHashes(rows: StoredRow[]): { rows: Array<{ position: number; hash: string; globalHash: string }>; head: { position: number; hash: string } } {
  const streams = new Map<string, string>();
  let chain = GENESIS_HASH;
  let position = 0;
  const resealed = rows.map((row) => {
    const hash = streamHash(streams.get(row.stream_id) ?? GENESIS_HASH, {
      streamId: row.stream_id,
      revision: row.revision,
      position: row.position,
      id: row.event_id,
      type: row.type,
      dataJson: row.data,
      metadataJson: row.metadata,
      recordedAt: row.recorded_at,
    });
    chain = globalHash(chain, hash);
    streams.set(row.stream_id, hash);
    position = row.position;
    return { position: row.position, hash, globalHash: chain };
  });
  return { rows: resealed, head: { position, hash: chain } };
}
