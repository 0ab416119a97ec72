import { Client } from 'pg';
import { ChainedEventRow } from '../../chain/chain-verifier';
import { resealedHashes } from '../../testing/resealed-hashes';
import { PostgresLocation } from '../postgres-connection';

/**
 * What an attacker with write access to the schema does after editing its events: recomputes every stream hash,
 * every global hash and the chain head, so that the chains alone verify again. For tampering tests.
 */
export async function resealPostgresChain(location: PostgresLocation, edit: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: location.url, options: `-c search_path=${location.schema}` });
  await client.connect();
  try {
    await client.query('BEGIN');
    await edit(client);
    const stored = await client.query<ChainedEventRow>('SELECT position::integer AS position, stream_id, revision, event_id, type, data, metadata, recorded_at FROM events ORDER BY position ASC');
    const { rows, head } = resealedHashes(stored.rows);
    await client.query(
      'UPDATE events e SET hash = r.hash, global_hash = r.global_hash FROM unnest($1::bigint[], $2::text[], $3::text[]) AS r(position, hash, global_hash) WHERE e.position = r.position',
      [rows.map((row) => row.position), rows.map((row) => row.hash), rows.map((row) => row.globalHash)],
    );
    await client.query('UPDATE chain_head SET position = $1, hash = $2 WHERE id = 1', [head.position, head.hash]);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}
