import { ChainedEventRow, rowHash } from '../chain/chain-verifier';
import { GENESIS_HASH, globalHash } from '../chain/hash-chain';

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
    const hash = rowHash(streams.get(row.stream_id) ?? GENESIS_HASH, row);
    chain = globalHash(chain, hash);
    streams.set(row.stream_id, hash);
    position = row.position;
    return { position: row.position, hash, globalHash: chain };
  });
  return { rows: resealed, head: { position, hash: chain } };
}
