import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { KeyLookup, PersonalKey, PersonalKeyStore } from './personal-key-store.port';

interface KeyRow {
  key_id: string;
  tenant: string;
  person_id: string;
  key: Buffer | null;
}

/**
 * The embedded key store: its own SQLite file beside the event store's (never inside it). An erased key's row
 * stays (who erased it and when) with its key bytes overwritten; `secure_delete` makes SQLite zero the freed
 * content too, and the rollback journal (not WAL) leaves no older copy of the page once the erasure committed.
 */
export class SqlitePersonalKeyStore implements PersonalKeyStore {
  private constructor(private readonly db: Database.Database) {}

  static open(file: string): SqlitePersonalKeyStore {
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = FULL');
    db.pragma('secure_delete = ON');
    db.exec(`
      CREATE TABLE IF NOT EXISTS person_keys (
        key_id TEXT PRIMARY KEY,
        tenant TEXT NOT NULL,
        person_id TEXT NOT NULL,
        key BLOB,
        created_at TEXT NOT NULL,
        erased_at TEXT,
        erased_by TEXT
      );
      CREATE UNIQUE INDEX IF NOT EXISTS person_keys_current ON person_keys (tenant, person_id) WHERE erased_at IS NULL;
    `);
    return new SqlitePersonalKeyStore(db);
  }

  async keyFor(tenant: string, personId: string, create: () => PersonalKey, at: string): Promise<PersonalKey> {
    const current = () =>
      this.db.prepare('SELECT key_id, key FROM person_keys WHERE tenant = ? AND person_id = ? AND erased_at IS NULL').get(tenant, personId) as
        | Pick<KeyRow, 'key_id' | 'key'>
        | undefined;
    return this.db.transaction((): PersonalKey => {
      const found = current();
      if (found) return { keyId: found.key_id, key: found.key! };
      const created = create();
      this.db.prepare('INSERT INTO person_keys (key_id, tenant, person_id, key, created_at) VALUES (?, ?, ?, ?, ?)').run(created.keyId, tenant, personId, created.key, at);
      return created;
    }).immediate();
  }

  async find(keyId: string): Promise<KeyLookup> {
    const row = this.db.prepare('SELECT key_id, tenant, person_id, key FROM person_keys WHERE key_id = ?').get(keyId) as KeyRow | undefined;
    if (!row) return { status: 'UNKNOWN' };
    if (row.key === null) return { status: 'ERASED' };
    return { status: 'FOUND', tenant: row.tenant, personId: row.person_id, key: row.key };
  }

  async erase(tenant: string, personId: string, erasedBy: string, at: string): Promise<{ keyIds: string[] } | undefined> {
    return this.db.transaction(() => {
      const rows = this.db.prepare('SELECT key_id FROM person_keys WHERE tenant = ? AND person_id = ?').all(tenant, personId) as Array<Pick<KeyRow, 'key_id'>>;
      if (rows.length === 0) return undefined;
      const erased = this.db
        .prepare('UPDATE person_keys SET key = NULL, erased_at = ?, erased_by = ? WHERE tenant = ? AND person_id = ? AND erased_at IS NULL RETURNING key_id')
        .all(at, erasedBy, tenant, personId) as Array<Pick<KeyRow, 'key_id'>>;
      return { keyIds: erased.map((row) => row.key_id) };
    }).immediate();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
