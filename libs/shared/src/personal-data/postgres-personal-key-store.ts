import { Logger } from '@nestjs/common';
import { Pool } from 'pg';
import { migrate, Migration, openPool, PostgresLocation } from '@app/event-store';
import { KeyLookup, PersonalKey, PersonalKeyStore } from './personal-key-store.port';

/** The key table; an erased key keeps its row (who erased it and when) with its key bytes set to NULL. */
const MIGRATIONS: Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE person_keys (
        key_id     text        PRIMARY KEY,
        tenant     text        NOT NULL,
        person_id  text        NOT NULL,
        key        bytea,
        created_at timestamptz NOT NULL,
        erased_at  timestamptz,
        erased_by  text
      );
      -- One current key per person; after an erasure the next one is created beside the erased rows.
      CREATE UNIQUE INDEX person_keys_current ON person_keys (tenant, person_id) WHERE erased_at IS NULL;
    `,
  },
];

/** Rounds of read-then-insert a keyFor makes when other processes keep creating and erasing the same key. */
const MAX_KEY_ROUNDS = 5;

/**
 * The key store shared by api processes on several machines: the table `person_keys` of a PostgreSQL schema, so
 * that a key created by one process opens the data it sealed on every other, and an erasure through one is seen
 * by all at once (each lookup reads the table; nothing is cached). Its migrations are numbered
 * (`personal_key_store_migrations`) and run at start-up, as the PostgreSQL event store's are.
 *
 * An erased key can no longer be read through SQL, but PostgreSQL does not wipe it from disk at once: the old row
 * version stays in the table's files until VACUUM reclaims it and a later write overwrites it, and in the WAL and
 * base backups until they are recycled (see deploy/README.md, "Personal data keys").
 */
export class PostgresPersonalKeyStore implements PersonalKeyStore {
  private readonly logger = new Logger('PersonalKeyStore');

  private constructor(private readonly pool: Pool) {
    // A lost connection of an idle pooled client must not crash the process: the pool replaces it.
    this.pool.on('error', (error) => this.logger.warn(`PostgreSQL connection lost: ${error.message}`));
  }

  /** Connects and brings the schema up to date; rejects when the server cannot be reached or migrated. */
  static async open(location: PostgresLocation): Promise<PostgresPersonalKeyStore> {
    const pool = openPool(location, 4);
    try {
      await migrate(pool, location.schema, 'personal_key_store_migrations', MIGRATIONS);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresPersonalKeyStore(pool);
  }

  async keyFor(tenant: string, personId: string, create: () => PersonalKey, at: string): Promise<PersonalKey> {
    for (let round = 0; round < MAX_KEY_ROUNDS; round++) {
      const current = await this.pool.query<{ key_id: string; key: Buffer }>(
        'SELECT key_id, key FROM person_keys WHERE tenant = $1 AND person_id = $2 AND erased_at IS NULL',
        [tenant, personId],
      );
      if (current.rows.length > 0) return { keyId: current.rows[0].key_id, key: current.rows[0].key };
      // Another process may create the person's key meanwhile: the unique index keeps one, read in the next round.
      const created = create();
      const inserted = await this.pool.query(
        `INSERT INTO person_keys (key_id, tenant, person_id, key, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (tenant, person_id) WHERE erased_at IS NULL DO NOTHING`,
        [created.keyId, tenant, personId, created.key, at],
      );
      if (inserted.rowCount === 1) return created;
    }
    throw new Error(`No key could be kept for person ${personId} of ${tenant}: other processes kept creating and erasing it`);
  }

  async find(keyId: string): Promise<KeyLookup> {
    const { rows } = await this.pool.query<{ tenant: string; person_id: string; key: Buffer | null }>('SELECT tenant, person_id, key FROM person_keys WHERE key_id = $1', [keyId]);
    if (rows.length === 0) return { status: 'UNKNOWN' };
    if (rows[0].key === null) return { status: 'ERASED' };
    return { status: 'FOUND', tenant: rows[0].tenant, personId: rows[0].person_id, key: rows[0].key };
  }

  async erase(tenant: string, personId: string, erasedBy: string, at: string): Promise<{ keyIds: string[] } | undefined> {
    // One statement: the EXISTS reads the rows as they were before this update, erased ones included.
    const { rows } = await this.pool.query<{ known: boolean; erased: string[] | null }>(
      `WITH erased AS (
         UPDATE person_keys SET key = NULL, erased_at = $3, erased_by = $4
         WHERE tenant = $1 AND person_id = $2 AND erased_at IS NULL RETURNING key_id
       )
       SELECT EXISTS (SELECT 1 FROM person_keys WHERE tenant = $1 AND person_id = $2) AS known,
              (SELECT array_agg(key_id ORDER BY key_id) FROM erased) AS erased`,
      [tenant, personId, at, erasedBy],
    );
    if (!rows[0].known) return undefined;
    return { keyIds: rows[0].erased ?? [] };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
