import { Pool, PoolClient, types } from 'pg';

/** Where a component's tables live: a PostgreSQL server and a schema of it (created when missing). */
export interface PostgresLocation {
  /** e.g. `postgres://app@db.internal:5432/procurement` */
  url: string;
  /** Schema holding the tables; each test run uses its own. */
  schema: string;
}

/** A schema name used unquoted in SQL and in the NOTIFY channel: letters, digits and _ only. */
export const POSTGRES_SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

/** bigint (int8) columns as numbers: positions and revisions stay far below 2^53. */
const PARSE_INT8 = 20;
const numericTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === PARSE_INT8 ? (value: string) => Number(value) : types.getTypeParser(oid, format ?? 'text')) as typeof types.getTypeParser,
};

/** A pool whose connections resolve unqualified table names in the location's schema. */
export function openPool(location: PostgresLocation, max: number): Pool {
  if (!POSTGRES_SCHEMA_PATTERN.test(location.schema)) {
    throw new Error(`PostgreSQL schema "${location.schema}" must be lower-case letters, digits and _ (at most 63)`);
  }
  return new Pool({ connectionString: location.url, max, types: numericTypes, options: `-c search_path=${location.schema}` });
}

/** One numbered step of a schema's history; never edited once released, only followed by a new step. */
export interface Migration {
  version: number;
  sql: string;
}

/**
 * Brings the schema to the newest migration, each step in its own transaction with its version recorded in
 * `<table>`; processes starting together take turns on an advisory lock of the schema (not of the table: two
 * components creating the same schema at once, the event store and the personal-key store, would race on
 * CREATE SCHEMA IF NOT EXISTS), so each step runs once. A schema
 * already past this build's newest step is refused: an older build must not write to it.
 */
export async function migrate(pool: Pool, schema: string, table: string, migrations: Migration[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [schema]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${table} (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
      const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${table}`);
      const applied = new Set(rows.map((row) => row.version));
      const newest = Math.max(...migrations.map((m) => m.version));
      const ahead = rows.find((row) => row.version > newest);
      if (ahead) throw new Error(`PostgreSQL schema ${schema} is at ${table} version ${ahead.version}; this build knows up to ${newest}`);
      for (const migration of migrations) {
        if (applied.has(migration.version)) continue;
        await inTransaction(client, async () => {
          await client.query(migration.sql);
          await client.query(`INSERT INTO ${table} (version) VALUES ($1)`, [migration.version]);
        });
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [schema]);
    }
  } finally {
    client.release();
  }
}

/** Runs `work` in a transaction on the client: committed when it resolves, rolled back when it throws. */
export async function inTransaction<T>(client: PoolClient, work: () => Promise<T>, begin = 'BEGIN'): Promise<T> {
  await client.query(begin);
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
