import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { join } from 'node:path';
import { ChainCheckpoints, CheckpointSettings } from './checkpoints/chain-checkpoints';
import { EmbeddedEventStore } from './embedded/embedded-event-store';
import { EVENT_STORE, EventStore } from './event-store.port';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';

interface EventStoreSettings {
  EVENT_STORE: 'embedded' | 'eventstoredb';
  DATA_DIR: string;
  EVENTSTORE_CONNECTION_STRING?: string;
}

/** Opens the adapter chosen by EVENT_STORE (embedded by default) and provides it under EVENT_STORE. */
export function openConfiguredEventStore(settings: EventStoreSettings): EventStore {
  if (settings.EVENT_STORE === 'eventstoredb') {
    return EventStoreDbEventStore.connect(settings.EVENTSTORE_CONNECTION_STRING!);
  }
  return EmbeddedEventStore.open({ file: join(settings.DATA_DIR, 'events.db') });
}

@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [ConfigService],
      useFactory: (config: ConfigService<EventStoreSettings, true>) =>
        openConfiguredEventStore({
          EVENT_STORE: config.get('EVENT_STORE', { infer: true }),
          DATA_DIR: config.get('DATA_DIR', { infer: true }),
          EVENTSTORE_CONNECTION_STRING: config.get('EVENTSTORE_CONNECTION_STRING', { infer: true }),
        }),
    },
    {
      provide: ChainCheckpoints,
      inject: [ConfigService],
      useFactory: (config: ConfigService<CheckpointSettings, true>) =>
        new ChainCheckpoints({
          AUDIT_SIGNING_KEY_FILE: config.get('AUDIT_SIGNING_KEY_FILE', { infer: true }),
          AUDIT_CHECKPOINT_FILE: config.get('AUDIT_CHECKPOINT_FILE', { infer: true }),
          AUDIT_TRUSTED_KEYS_FILE: config.get('AUDIT_TRUSTED_KEYS_FILE', { infer: true }),
        }),
    },
  ],
  exports: [EVENT_STORE, ChainCheckpoints],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
