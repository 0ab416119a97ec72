import { Client } from 'pg';
import { PostgresLocation } from '@app/event-store';
import { aTestLocation, dropTestSchemas } from '@app/event-store/postgres/testing/test-schema';
import { PersonalDataVault } from './personal-data-vault';
import { PostgresPersonalKeyStore } from './postgres-personal-key-store';
import { personalKeyStoreContract } from './testing/personal-key-store.contract';

const locations: PostgresLocation[] = [];
function aLocation(): PostgresLocation {
  const location = aTestLocation('keys');
  locations.push(location);
  return location;
}
afterAll(() => dropTestSchemas(locations));

personalKeyStoreContract('PostgreSQL', () => PostgresPersonalKeyStore.open(aLocation()));

describe('PostgreSQL personal key store shared by several api processes', () => {
  const at = '2026-04-06T09:00:00.000Z';

  it('opens on one api what another sealed, and an erasure through one is seen by the other at once', async () => {
    const location = aLocation();
    const [one, two] = await Promise.all([PostgresPersonalKeyStore.open(location), PostgresPersonalKeyStore.open(location)]);
    const [apiOne, apiTwo] = [new PersonalDataVault(one), new PersonalDataVault(two)];
    const sealed = await apiOne.seal('ARA', 'trainee-0001', 'surveyContact', 'camille@example.org', at);
    expect(await apiTwo.open('ARA', 'trainee-0001', 'surveyContact', sealed)).toEqual({ status: 'AVAILABLE', value: 'camille@example.org' });
    expect((await apiTwo.seal('ARA', 'trainee-0001', 'surveyContact', 'camille@example.org', at)).keyId).toBe(sealed.keyId);

    expect(await apiTwo.erase('ARA', 'trainee-0001', 'dpo-ara', at)).toEqual({ keyIds: [sealed.keyId] });

    expect(await apiOne.open('ARA', 'trainee-0001', 'surveyContact', sealed)).toEqual({ status: 'ERASED' });
    expect(await apiOne.erase('ARA', 'trainee-0001', 'dpo-ara', at)).toEqual({ keyIds: [] });
    await Promise.all([one.close(), two.close()]);
  });

  it('keeps one key per person when several apis seal for them at the same moment', async () => {
    const location = aLocation();
    const stores = await Promise.all([1, 2, 3].map(() => PostgresPersonalKeyStore.open(location)));
    const vaults = stores.map((store) => new PersonalDataVault(store));

    const sealed = await Promise.all(vaults.flatMap((vault) => [1, 2, 3, 4].map((i) => vault.seal('ARA', 'trainee-0002', 'surveyContact', `contact-${i}@example.org`, at))));

    expect(new Set(sealed.map((s) => s.keyId)).size).toBe(1);
    expect(await vaults[2].open('ARA', 'trainee-0002', 'surveyContact', sealed[0])).toEqual({ status: 'AVAILABLE', value: 'contact-1@example.org' });
    await Promise.all(stores.map((store) => store.close()));
  });

  it('leaves no key readable in the table once erased, keeping who erased it and when', async () => {
    const location = aLocation();
    const store = await PostgresPersonalKeyStore.open(location);
    const { keyId } = await new PersonalDataVault(store).seal('ARA', 'trainee-0003', 'surveyContact', 'a@example.org', at);
    await store.erase('ARA', 'trainee-0003', 'dpo-ara', '2026-04-07T10:00:00.000Z');

    const client = new Client({ connectionString: location.url, options: `-c search_path=${location.schema}` });
    await client.connect();
    const { rows } = await client.query('SELECT key, erased_by, erased_at FROM person_keys WHERE key_id = $1', [keyId]);
    expect(rows).toEqual([{ key: null, erased_by: 'dpo-ara', erased_at: new Date('2026-04-07T10:00:00.000Z') }]);
    await client.end();
    await store.close();
  });

  it('runs its migrations once when apis start together, and refuses a schema newer than it knows', async () => {
    const location = aLocation();
    const stores = await Promise.all([1, 2, 3].map(() => PostgresPersonalKeyStore.open(location)));
    await Promise.all(stores.map((store) => store.close()));
    const client = new Client({ connectionString: location.url, options: `-c search_path=${location.schema}` });
    await client.connect();
    expect((await client.query('SELECT version FROM personal_key_store_migrations')).rows).toEqual([{ version: 1 }]);
    await client.query('INSERT INTO personal_key_store_migrations (version) VALUES (7)');
    await client.end();

    await expect(PostgresPersonalKeyStore.open(location)).rejects.toThrow(/version 7; this build knows up to 1/);
  });

  it('stops the start-up when the server cannot be reached', async () => {
    await expect(PostgresPersonalKeyStore.open({ url: 'postgres://nobody@127.0.0.1:1/test', schema: 'keys_unreachable' })).rejects.toThrow();
  });
});
