import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PersonalDataVault } from './personal-data-vault';
import { SqlitePersonalKeyStore } from './sqlite-personal-key-store';
import { personalKeyStoreContract } from './testing/personal-key-store.contract';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));
function aKeyFile(): string {
  const folder = mkdtempSync(join(tmpdir(), 'personal-keys-'));
  folders.push(folder);
  return join(folder, 'personal-keys.db');
}

personalKeyStoreContract('embedded (SQLite)', async () => SqlitePersonalKeyStore.open(aKeyFile()));

describe('personal data vault on the embedded key store', () => {
  it('wipes an erased key’s bytes from the file', async () => {
    const file = aKeyFile();
    const keys = SqlitePersonalKeyStore.open(file);
    const vault = new PersonalDataVault(keys);
    const at = '2026-04-06T09:00:00.000Z';
    const sealed = await vault.seal('ARA', 'trainee-0001', 'surveyContact', 'camille@example.org', at);
    const raw = new Database(file, { readonly: true });
    const key = (raw.prepare('SELECT key FROM person_keys WHERE key_id = ?').get(sealed.keyId) as { key: Buffer }).key;
    raw.close();
    expect(readFileSync(file).includes(key)).toBe(true);

    await vault.erase('ARA', 'trainee-0001', 'admin-1', at);

    expect(readFileSync(file).includes(key)).toBe(false);
    await keys.close();
  });
});
