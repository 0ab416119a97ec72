import { join } from 'node:path';
import { EmbeddedEventStore, EventStore, PostgresEventStore } from '@app/event-store';
import { aTestLocation, dropTestSchemas } from '../../libs/event-store/src/postgres/testing/test-schema';

/** The event store a local cluster run shares between its processes, and where each process keeps its files. */
export interface ClusterStore {
  /** What the log is kept in, for the figures. */
  description: string;
  /** Settings every process gets beside its DATA_DIR. */
  env: Record<string, string>;
  /**
   * The DATA_DIR of a process (its read models, idempotency keys, snapshots): on the embedded store one folder
   * for all, the store's file being there; on PostgreSQL a folder each, as on machines of their own.
   */
  dataDirOf(processName: string): string;
  open(): Promise<EventStore>;
  /** Removes what the run left in the store (the folders are the run's to remove). */
  drop(): Promise<void>;
}

/** The embedded store: one SQLite file in one DATA_DIR shared by every process (SQLite's file locks serialise the writers). */
export function embeddedClusterStore(dataDir: string): ClusterStore {
  return {
    description: 'one embedded store',
    env: {},
    dataDirOf: () => dataDir,
    open: async () => EmbeddedEventStore.open({ file: join(dataDir, 'events.db') }),
    drop: async () => undefined,
  };
}

/** The PostgreSQL store (POSTGRES_URL, or the local `test` database) in a schema of the run's own, dropped afterwards. */
export function postgresClusterStore(folder: string): ClusterStore {
  const location = aTestLocation('cluster');
  return {
    description: `one PostgreSQL schema (${location.schema})`,
    env: { EVENT_STORE: 'postgres', POSTGRES_URL: location.url, POSTGRES_SCHEMA: location.schema },
    dataDirOf: (processName) => join(folder, processName),
    open: () => PostgresEventStore.open(location),
    drop: () => dropTestSchemas([location]),
  };
}
