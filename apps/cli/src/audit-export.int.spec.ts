import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEventStore } from '@app/event-store';
import { schemaProblems } from '../../../libs/audit/src/exports/schema-validation';
import { writeScriptedHistory } from '../../../libs/audit/src/testing/audit-fixtures';

/** `npm run audit:export` as an operator runs it: a child process on a store folder, its output a valid document. */
describe('audit:export', () => {
  let dataDir: string;
  let contractId: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'audit-export-cli-'));
    const store = EmbeddedEventStore.open({ file: join(dataDir, 'events.db') });
    ({ contractId } = await writeScriptedHistory(store));
    await store.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'audit-export.ts'), ...args], {
      env: { ...process.env, DATA_DIR: dataDir, EVENT_STORE: 'embedded', LOG_LEVEL: 'silent', NODE_ENV: 'test', OCDS_OCID_PREFIX: 'ocds-cl1000', DECP_BUYER_SIRETS: 'ARA=23690001100012' },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('writes the tenant’s OCDS release package and DECP records, each valid against its schema', () => {
    const ocds = run('--format', 'ocds', '--tenant', 'ARA');
    expect(ocds.stderr).toBe('');
    expect(ocds.status).toBe(0);
    const ocdsPackage = JSON.parse(ocds.stdout);
    expect(schemaProblems('ocds', ocdsPackage)).toEqual([]);
    expect(ocdsPackage.releases[0].ocid).toBe(`ocds-cl1000-${contractId}`);

    const decp = run('--format', 'decp', '--tenant', 'ARA', '--contract', contractId);
    expect(decp.status).toBe(0);
    const records = JSON.parse(decp.stdout);
    expect(schemaProblems('decp', records)).toEqual([]);
    // One marché per lot awarded.
    expect(records.marches.marche).toHaveLength(2);
  });

  it('exits 2 with its usage on a missing or unknown format, and 1 with the reason on a refusal', () => {
    const usage = run('--format', 'xml', '--tenant', 'ARA');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/usage: npm run -s audit:export/);
    const refused = run('--format', 'decp', '--tenant', 'IDF');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/No SIRET is configured for the buyer of tenant IDF/);
  });
});
