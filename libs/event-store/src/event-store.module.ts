import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { join } from 'node:path';
import { ChainCheckpoints, CheckpointSettings } from './checkpoints/chain-checkpoints';
import { EmbeddedEventStore } from './embedded/embedded-event-store';
import { EVENT_STORE, EventStore } from './event-store.port';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { Upcaster, Upcasters } from './upcasting/upcasters';
import { withUpcasters } from './upcasting/upcasting-event-store';

interface EventStoreSettings {
  EVENT_STORE: 'embedded' | 'eventstoredb' | 'postgres';
  DATA_DIR: string;
  EVENTSTORE_CONNECTION_STRING?: string;
  POSTGRES_URL?: string;
  POSTGRES_SCHEMA: string;
}

/**
 * Opens the adapter chosen by EVENT_STORE (embedded by default) and provides it under EVENT_STORE. The
 * PostgreSQL store runs its migrations in the background: its first operation waits for them.
 */
export function openConfiguredEventStore(settings: EventStoreSettings): EventStore {
  if (settings.EVENT_STORE === 'eventstoredb') {
    return EventStoreDbEventStore.connect(settings.EVENTSTORE_CONNECTION_STRING!);
  }
  if (settings.EVENT_STORE === 'postgres') {
    return PostgresEventStore.connect({ url: settings.POSTGRES_URL!, schema: settings.POSTGRES_SCHEMA });
  }
  return EmbeddedEventStore.open({ file: join(settings.DATA_DIR, 'events.db') });
}

/**
 * Provides under EVENT_STORE the configured adapter read through the product's upcasters: every event read
 * comes out in its current shape (upcasting/upcasting-event-store.ts says why there).
 */
@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(upcasters: readonly Upcaster[]): DynamicModule {
    const registry = new Upcasters(upcasters);
    return {
      module: EventStoreModule,
      providers: [
        {
          provide: EVENT_STORE,
          inject: [ConfigService],
          useFactory: async (config: ConfigService<EventStoreSettings, true>) => withUpcasters(await openFromConfig(config), registry),
        },
        CHAIN_CHECKPOINTS,
      ],
      exports: [EVENT_STORE, ChainCheckpoints],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

async function openFromConfig(config: ConfigService<EventStoreSettings, true>): Promise<EventStore> {
  const store = openConfiguredEventStore({
    EVENT_STORE: config.get('EVENT_STORE', { infer: true }),
    DATA_DIR: config.get('DATA_DIR', { infer: true }),
    EVENTSTORE_CONNECTION_STRING: config.get('EVENTSTORE_CONNECTION_STRING', { infer: true }),
    POSTGRES_URL: config.get('POSTGRES_URL', { infer: true }),
    POSTGRES_SCHEMA: config.get('POSTGRES_SCHEMA', { infer: true }),
  });
  // A server that cannot be reached or migrated stops the start-up with its error.
  if (store instanceof PostgresEventStore) await store.ping();
  return store;
}

const CHAIN_CHECKPOINTS = {
  provide: ChainCheckpoints,
  inject: [ConfigService],
  useFactory: (config: ConfigService<CheckpointSettings, true>) =>
    new ChainCheckpoints({
      AUDIT_SIGNING_KEY_FILE: config.get('AUDIT_SIGNING_KEY_FILE', { infer: true }),
      AUDIT_CHECKPOINT_FILE: config.get('AUDIT_CHECKPOINT_FILE', { infer: true }),
      AUDIT_TRUSTED_KEYS_FILE: config.get('AUDIT_TRUSTED_KEYS_FILE', { infer: true }),
    }),
};
