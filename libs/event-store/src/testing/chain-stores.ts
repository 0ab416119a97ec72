import { join } from 'node:path';
import { ChainKeepingStore } from '../chain/chain-keeping-store';
import { EmbeddedEventStore } from '../embedded/embedded-event-store';
import { resealChain } from '../embedded/testing/reseal-chain';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { resealPostgresChain } from '../postgres/testing/reseal-chain';
import { aTestLocation, dropTestSchemas } from '../postgres/testing/test-schema';

/** A store that keeps the hash chains, set up for one test, with what an attacker holding its events can do. */
export interface ChainStoreUnderTest {
  /** The settings that point the apps and the cli at it (beside DATA_DIR). */
  env: Record<string, string>;
  open(): Promise<ChainKeepingStore>;
  /**
   * Runs one SQL statement on the events (`?` its one parameter) and re-seals every stream hash, global hash and
   * the head, so that the chains alone verify again.
   */
  tamper(sql: string, parameter: number): Promise<void>;
  /** Drops what the test left (the PostgreSQL schema; DATA_DIR is the test's to remove). */
  cleanUp(): Promise<void>;
}

/** The stores checkpoints and exports are tested on: the embedded file in DATA_DIR, a PostgreSQL schema of its own. */
export const CHAIN_STORES: Array<{ name: string; storeIn: (dataDir: string) => ChainStoreUnderTest }> = [
  {
    name: 'embedded',
    storeIn: (dataDir) => {
      const file = join(dataDir, 'events.db');
      return {
        env: { EVENT_STORE: 'embedded' },
        open: async () => EmbeddedEventStore.open({ file }),
        tamper: async (sql, parameter) => resealChain(file, (db) => db.prepare(sql).run(parameter)),
        cleanUp: async () => undefined,
      };
    },
  },
  {
    name: 'PostgreSQL',
    storeIn: () => {
      const location = aTestLocation('chain');
      return {
        env: { EVENT_STORE: 'postgres', POSTGRES_URL: location.url, POSTGRES_SCHEMA: location.schema },
        open: () => PostgresEventStore.open(location),
        tamper: (sql, parameter) => resealPostgresChain(location, (client) => client.query(sql.replace('?', '$1'), [parameter])),
        cleanUp: () => dropTestSchemas([location]),
      };
    },
  },
];
