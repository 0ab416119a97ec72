import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { PostgresEventStore } from '../libs/event-store/src/postgres/postgres-event-store';
import { TEST_POSTGRES_URL } from '../libs/event-store/src/postgres/testing/test-schema';
import type { Candidate } from './candidate';
import { touch } from './candidate';
import type { BenchEvent } from './events';

/** The tests' server: POSTGRES_URL, or the local PostgreSQL's `test` database as the local user. */
const POSTGRES_URL = TEST_POSTGRES_URL;

/**
 * (d) The project's PostgreSQL adapter, used only through its public API, on a throwaway schema of its own
 * (bench_ and a random suffix, never a configured one) dropped at close. The server keeps its own files and
 * settings: the bench's temp directory is not used.
 */
export class PostgresCandidate implements Candidate {
  readonly key = '(d)';
  readonly label = 'postgres adapter';
  private store?: PostgresEventStore;
  private readonly schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  sink = 0;

  async open(): Promise<void> {
    this.store = await PostgresEventStore.open({ url: POSTGRES_URL, schema: this.schema });
  }

  async describe(): Promise<string[]> {
    const settings = await this.admin(async (client) => {
      const { rows } = await client.query<{ name: string; setting: string }>(
        `SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'fsync', 'synchronous_commit', 'wal_sync_method', 'commit_delay')`,
      );
      return Object.fromEntries(rows.map((row) => [row.name, row.setting]));
    });
    return [
      `PostgresEventStore.open({ url, schema }) on ${redacted(POSTGRES_URL)}, schema ${this.schema} (dropped afterwards): ` +
        `PostgreSQL ${settings.server_version}, fsync=${settings.fsync}, synchronous_commit=${settings.synchronous_commit}, ` +
        `wal_sync_method=${settings.wal_sync_method}, commit_delay=${settings.commit_delay}; node-postgres, pool of 10; ` +
        'group commit (appends waiting in the process share one transaction, up to 256), chain head row lock, ' +
        'sha256 stream + global hash chains, expectedRevision and event-id checks',
    ];
  }

  async append(streamId: string, event: BenchEvent, currentRevision: number): Promise<void> {
    await this.store!.appendToStream(streamId, [event], {
      expectedRevision: currentRevision < 0 ? 'no_stream' : currentRevision,
    });
  }

  async fill(streamId: string, events: BenchEvent[], currentRevision: number): Promise<void> {
    await this.store!.appendToStream(streamId, events, {
      expectedRevision: currentRevision < 0 ? 'no_stream' : currentRevision,
    });
  }

  async readStream(streamId: string): Promise<number> {
    const events = await this.store!.readStream(streamId);
    for (const event of events) this.sink += touch(event.data);
    return events.length;
  }

  async readAll(pageSize: number): Promise<number> {
    let read = 0;
    let from = 0;
    for (;;) {
      const page = await this.store!.readAll({ fromPosition: from, maxCount: pageSize });
      for (const event of page) this.sink += touch(event.data);
      read += page.length;
      if (page.length < pageSize) return read;
      from = page[page.length - 1]!.position + 1;
    }
  }

  async close(): Promise<void> {
    try {
      await this.store?.close();
    } finally {
      await this.admin((client) => client.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`));
    }
  }

  private async admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }
}

/** The URL without its password, for the report. */
function redacted(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
