import Database from 'better-sqlite3';
import { GENESIS_HASH, globalHash, streamHash } from '../../chain/hash-chain';

/**
 * What an attacker holding `events.db` does after editing it: recomputes every stream hash, every global hash and
 * the chain head, so that the chains alone verify again. For tampering tests.
 */
export function resealChain(file: string, edit: (db: Database.Database) => void): void {
  const db = new Database(file);
  try {
    db.transaction(() => {
      edit(db);
      const rows = db.prepare('SELECT * FROM events ORDER BY position ASC').all() as Array<{
        position: number;
        stream_id: string;
        revision: number;
        event_id: string;
        type: string;
        data: string;
        metadata: string;
        recorded_at: string;
      }>;
      const update = db.prepare('UPDATE events SET hash = ?, global_hash = ? WHERE position = ?');
      const streams = new Map<string, string>();
      let chain = GENESIS_HASH;
      let position = 0;
      for (const row of rows) {
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
        update.run(hash, chain, row.position);
        streams.set(row.stream_id, hash);
        position = row.position;
      }
      db.prepare('UPDATE chain_head SET position = ?, hash = ? WHERE id = 1').run(position, chain);
    })();
  } finally {
    db.close();
  }
}
