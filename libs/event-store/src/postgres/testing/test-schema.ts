import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { Client } from 'pg';
import { PostgresLocation } from '../postgres-connection';

/** The test server: POSTGRES_URL, or the local PostgreSQL's `test` database (trust auth) as the local user. */
export const TEST_POSTGRES_URL = process.env.POSTGRES_URL ?? `postgres://${process.env.PGUSER ?? userInfo().username}@127.0.0.1:5432/test`;

/** A schema of its own for a test run, so that runs sharing the server never see each other's rows. */
export function aTestLocation(prefix = 'test'): PostgresLocation {
  return { url: TEST_POSTGRES_URL, schema: `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}` };
}

/** Drops the schemas of a test run and everything in them. */
export async function dropTestSchemas(locations: PostgresLocation[]): Promise<void> {
  if (locations.length === 0) return;
  const client = new Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    for (const { schema } of locations) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
