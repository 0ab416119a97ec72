import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEventStore } from '@app/event-store';
import { lheoSchemaProblems } from '../../../libs/audit/src/exports/schema-validation';
import { writeScriptedHistory } from '../../../libs/audit/src/testing/audit-fixtures';
import { PROVIDER_SIRETS, writeOfferHistory } from '../../../libs/audit/src/testing/offer-fixtures';

/** `npm run export:lheo` as an operator runs it: a child process on a store folder, its output a valid LHEO document. */
describe('export:lheo', () => {
  let dataDir: string;
  let contractId: string;
  let bareContractId: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'export-lheo-cli-'));
    const store = EmbeddedEventStore.open({ file: join(dataDir, 'events.db') });
    ({ contractId } = await writeOfferHistory(store));
    ({ contractId: bareContractId } = await writeScriptedHistory(store));
    await store.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'export-lheo.ts'), ...args], {
      env: { ...process.env, DATA_DIR: dataDir, EVENT_STORE: 'embedded', LOG_LEVEL: 'silent', NODE_ENV: 'test' },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('writes the tenant’s offer valid against the LHEO 2.3 XSD, naming on stderr the lots it leaves out', async () => {
    const exported = run('--tenant', 'ARA');
    expect(exported.status).toBe(0);
    expect(await lheoSchemaProblems(exported.stdout)).toEqual([]);
    expect(exported.stdout).toContain(`<formation numero="${contractId}/LOT-1">`);
    expect(exported.stdout).toContain(`<SIRET>${PROVIDER_SIRETS['of-b']}</SIRET>`);
    expect(exported.stderr).toContain(`left out: lot LOT-1 of contract ${bareContractId} lacks objectif-formation`);
  });

  it('writes nothing when nothing changed since the date given, and exits 2 with its usage on a malformed date or no tenant', () => {
    const unchanged = run('--tenant', 'ARA', '--changed-since', new Date(Date.now() + 60_000).toISOString());
    expect({ status: unchanged.status, stdout: unchanged.stdout, stderr: unchanged.stderr }).toEqual({ status: 0, stdout: '', stderr: 'no formation to publish\n' });
    for (const args of [['--tenant', 'ARA', '--changed-since', '01/03/2026'], ['--changed-since', '2026-03-01']]) {
      const usage = run(...args);
      expect(usage.status).toBe(2);
      expect(usage.stderr).toMatch(/usage: npm run -s export:lheo -- --tenant TENANT/);
    }
  });
});
