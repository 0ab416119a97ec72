import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PersonalDataVault } from './personal-data-vault';
import { SqlitePersonalKeyStore } from './sqlite-personal-key-store';

describe('personal data vault on the embedded key store', () => {
  let folder: string;
  let file: string;
  let keys: SqlitePersonalKeyStore;
  let vault: PersonalDataVault;
  const at = '2026-04-06T09:00:00.000Z';

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'personal-keys-'));
    file = join(folder, 'personal-keys.db');
    keys = SqlitePersonalKeyStore.open(file);
    vault = new PersonalDataVault(keys);
  });
  afterEach(async () => {
    await keys.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('seals a value under the person’s key and reads it back; the sealed form holds no clear text', async () => {
    const sealed = await vault.seal('ARA', 'trainee-0001', 'surveyContact', 'camille@example.org', at);
    expect(JSON.stringify(sealed)).not.toContain('camille');
    expect(sealed.algorithm).toBe('AES-256-GCM');
    expect(await vault.open('ARA', 'trainee-0001', 'surveyContact', sealed)).toEqual({ status: 'AVAILABLE', value: 'camille@example.org' });
    const again = await vault.seal('ARA', 'trainee-0001', 'surveyContact', 'camille@example.org', at);
    expect(again.keyId).toBe(sealed.keyId);
    expect(again.ciphertext).not.toBe(sealed.ciphertext);
  });

  it('gives each person of each tenant a key of their own, and refuses a ciphertext passed off as another person’s', async () => {
    const a = await vault.seal('ARA', 'trainee-0001', 'surveyContact', 'a@example.org', at);
    const b = await vault.seal('ARA', 'trainee-0002', 'surveyContact', 'b@example.org', at);
    const c = await vault.seal('IDF', 'trainee-0001', 'surveyContact', 'c@example.org', at);
    expect(new Set([a.keyId, b.keyId, c.keyId]).size).toBe(3);
    await expect(vault.open('ARA', 'trainee-0002', 'surveyContact', a)).rejects.toThrow(/not the key of this person/);
    await expect(vault.open('ARA', 'trainee-0001', 'phone', a)).rejects.toThrow();
  });

  it('erases the person’s keys: what they sealed reads as erased, the key bytes are gone from the file, later data get a new key', async () => {
    const sealed = await vault.seal('ARA', 'trainee-0001', 'surveyContact', 'camille@example.org', at);
    const other = await vault.seal('ARA', 'trainee-0002', 'surveyContact', 'dominique@example.org', at);
    const raw = new Database(file, { readonly: true });
    const key = (raw.prepare('SELECT key FROM person_keys WHERE key_id = ?').get(sealed.keyId) as { key: Buffer }).key;
    raw.close();

    expect(await vault.erase('ARA', 'trainee-0001', 'admin-1', at)).toEqual({ keyIds: [sealed.keyId] });
    expect(await vault.open('ARA', 'trainee-0001', 'surveyContact', sealed)).toEqual({ status: 'ERASED' });
    expect(await vault.open('ARA', 'trainee-0002', 'surveyContact', other)).toEqual({ status: 'AVAILABLE', value: 'dominique@example.org' });
    expect(readFileSync(file).includes(key)).toBe(false);

    expect(await vault.erase('ARA', 'trainee-0001', 'admin-1', at)).toEqual({ keyIds: [] });
    expect(await vault.erase('ARA', 'never-seen-0001', 'admin-1', at)).toBeUndefined();
    expect(await vault.open('ARA', 'trainee-0001', 'surveyContact', { ...sealed, keyId: 'a-key-this-store-never-held' })).toEqual({ status: 'UNAVAILABLE' });
    const later = await vault.seal('ARA', 'trainee-0001', 'surveyContact', 'nouveau@example.org', at);
    expect(later.keyId).not.toBe(sealed.keyId);
    expect(await vault.open('ARA', 'trainee-0001', 'surveyContact', later)).toEqual({ status: 'AVAILABLE', value: 'nouveau@example.org' });
  });
});
