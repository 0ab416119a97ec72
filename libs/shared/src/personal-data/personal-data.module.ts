import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { join } from 'node:path';
import { Environment, personalKeyStoreOf } from '../config/environment';
import { PersonalDataVault, PERSONAL_KEY_STORE } from './personal-data-vault';
import { PersonalKeyStore } from './personal-key-store.port';
import { PostgresPersonalKeyStore } from './postgres-personal-key-store';
import { SqlitePersonalKeyStore } from './sqlite-personal-key-store';

/** The file of the embedded key store, beside the event store's in DATA_DIR. */
export const PERSONAL_KEYS_FILE = 'personal-keys.db';

/** The personal-data vault and its key store (PERSONAL_KEY_STORE), for every module that writes or reads personal attributes. */
@Global()
@Module({
  providers: [
    {
      provide: PERSONAL_KEY_STORE,
      inject: [ConfigService],
      // A key server that cannot be reached or migrated stops the start-up (validateEnvironment checked its URL is set).
      useFactory: (config: ConfigService<Environment, true>): Promise<PersonalKeyStore> | PersonalKeyStore => {
        const keys = personalKeyStoreOf({
          EVENT_STORE: config.get('EVENT_STORE', { infer: true }),
          POSTGRES_URL: config.get('POSTGRES_URL', { infer: true }),
          PERSONAL_KEY_STORE: config.get('PERSONAL_KEY_STORE', { infer: true }),
          PERSONAL_KEYS_POSTGRES_URL: config.get('PERSONAL_KEYS_POSTGRES_URL', { infer: true }),
        });
        if (keys.store === 'postgres') return PostgresPersonalKeyStore.open({ url: keys.url!, schema: config.get('POSTGRES_SCHEMA', { infer: true }) });
        return SqlitePersonalKeyStore.open(join(config.get('DATA_DIR', { infer: true }), PERSONAL_KEYS_FILE));
      },
    },
    { provide: PersonalDataVault, inject: [PERSONAL_KEY_STORE], useFactory: (keys: PersonalKeyStore) => new PersonalDataVault(keys) },
  ],
  exports: [PersonalDataVault],
})
export class PersonalDataModule implements OnApplicationShutdown {
  constructor(@Inject(PERSONAL_KEY_STORE) private readonly keys: PersonalKeyStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.keys.close();
  }
}
