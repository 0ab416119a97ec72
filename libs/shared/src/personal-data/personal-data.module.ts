import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { join } from 'node:path';
import { Environment } from '../config/environment';
import { PersonalDataVault, PERSONAL_KEY_STORE } from './personal-data-vault';
import { PersonalKeyStore } from './personal-key-store.port';
import { SqlitePersonalKeyStore } from './sqlite-personal-key-store';

/** The file of the embedded key store, beside the event store's in DATA_DIR. */
export const PERSONAL_KEYS_FILE = 'personal-keys.db';

/** The personal-data vault and its key store, for every module that writes or reads personal attributes. */
@Global()
@Module({
  providers: [
    {
      provide: PERSONAL_KEY_STORE,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>): PersonalKeyStore =>
        SqlitePersonalKeyStore.open(join(config.get('DATA_DIR', { infer: true }), PERSONAL_KEYS_FILE)),
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
