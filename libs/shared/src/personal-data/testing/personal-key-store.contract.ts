import { randomUUID } from 'node:crypto';
import { PersonalDataVault } from '../personal-data-vault';
import { PersonalKeyStore } from '../personal-key-store.port';

/**
 * What every personal key store must do, seen through the vault. Each adapter's spec calls this with a factory;
 * the suite names persons of its own for each test, so it can run against a shared server.
 */
export function personalKeyStoreContract(adapterName: string, openStore: () => Promise<PersonalKeyStore>): void {
  describe(`${adapterName} personal key store (contract)`, () => {
    let keys: PersonalKeyStore;
    let vault: PersonalDataVault;
    let run: string;
    const at = '2026-04-06T09:00:00.000Z';
    const person = (name: string) => `${name}-${run}`;

    beforeAll(async () => {
      keys = await openStore();
      vault = new PersonalDataVault(keys);
    });
    afterAll(() => keys.close());
    beforeEach(() => {
      run = randomUUID().slice(0, 8);
    });

    it('seals a value under the person’s key and reads it back; the sealed form holds no clear text', async () => {
      const sealed = await vault.seal('ARA', person('trainee'), 'surveyContact', 'camille@example.org', at);
      expect(JSON.stringify(sealed)).not.toContain('camille');
      expect(sealed.algorithm).toBe('AES-256-GCM');
      expect(await vault.open('ARA', person('trainee'), 'surveyContact', sealed)).toEqual({ status: 'AVAILABLE', value: 'camille@example.org' });
      const again = await vault.seal('ARA', person('trainee'), 'surveyContact', 'camille@example.org', at);
      expect(again.keyId).toBe(sealed.keyId);
      expect(again.ciphertext).not.toBe(sealed.ciphertext);
    });

    it('gives each person of each tenant a key of their own, and refuses a ciphertext passed off as another person’s', async () => {
      const a = await vault.seal('ARA', person('trainee-a'), 'surveyContact', 'a@example.org', at);
      const b = await vault.seal('ARA', person('trainee-b'), 'surveyContact', 'b@example.org', at);
      const c = await vault.seal('IDF', person('trainee-a'), 'surveyContact', 'c@example.org', at);
      expect(new Set([a.keyId, b.keyId, c.keyId]).size).toBe(3);
      await expect(vault.open('ARA', person('trainee-b'), 'surveyContact', a)).rejects.toThrow(/not the key of this person/);
      await expect(vault.open('ARA', person('trainee-a'), 'phone', a)).rejects.toThrow();
    });

    it('erases the person’s keys: what they sealed reads as erased, others’ data stay readable, later data get a new key', async () => {
      const sealed = await vault.seal('ARA', person('trainee'), 'surveyContact', 'camille@example.org', at);
      const other = await vault.seal('ARA', person('other'), 'surveyContact', 'dominique@example.org', at);

      expect(await vault.erase('ARA', person('trainee'), 'admin-1', at)).toEqual({ keyIds: [sealed.keyId] });
      expect(await vault.open('ARA', person('trainee'), 'surveyContact', sealed)).toEqual({ status: 'ERASED' });
      expect(await vault.open('ARA', person('other'), 'surveyContact', other)).toEqual({ status: 'AVAILABLE', value: 'dominique@example.org' });

      expect(await vault.erase('ARA', person('trainee'), 'admin-1', at)).toEqual({ keyIds: [] });
      expect(await vault.erase('ARA', person('never-seen'), 'admin-1', at)).toBeUndefined();
      expect(await vault.open('ARA', person('trainee'), 'surveyContact', { ...sealed, keyId: 'a-key-this-store-never-held' })).toEqual({ status: 'UNAVAILABLE' });
      const later = await vault.seal('ARA', person('trainee'), 'surveyContact', 'nouveau@example.org', at);
      expect(later.keyId).not.toBe(sealed.keyId);
      expect(await vault.open('ARA', person('trainee'), 'surveyContact', later)).toEqual({ status: 'AVAILABLE', value: 'nouveau@example.org' });
      expect(await vault.erase('ARA', person('trainee'), 'admin-1', at)).toEqual({ keyIds: [later.keyId] });
    });
  });
}
