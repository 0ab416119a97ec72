import Database from 'better-sqlite3';
import { ChainedEventRow } from '../../chain/chain-verifier';
import { resealedHashes } from '../../testing/resealed-hashes';

/**
 * What an attacker holding `events.db` does after editing it: recomputes every stream hash, every global hash and
 * the chain head, so that the chains alone verify again. For tampering tests.
 */
export function resealChain(file: string, edit: (db: Database.Database) => void): void {
  const db = new Database(file);
  try {
    db.transaction(() => {
      edit(db);
      const { rows, head } = resealedHashes(db.prepare('SELECT * FROM events ORDER BY position ASC').all() as ChainedEventRow[]);
      const update = db.prepare('UPDATE events SET hash = ?, global_hash = ? WHERE position = ?');
      for (const row of rows) update.run(row.hash, row.globalHash, row.position);
      db.prepare('UPDATE chain_head SET position = ?, hash = ? WHERE id = 1').run(head.position, head.hash);
    })();
  } finally {
    db.close();
  }
}
