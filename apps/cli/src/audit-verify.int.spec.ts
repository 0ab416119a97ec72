import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEventStore } from '@app/event-store';
import { contractStream } from '@app/procurement';
import { writeScriptedHistory } from '../../../libs/audit/src/testing/audit-fixtures';

/** `npm run audit:verify` as an operator runs it: a child process on a store folder, judged by its exit code. */
describe('audit:verify', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'audit-cli-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const run = () =>
    spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'audit-verify.ts')], {
      env: { ...process.env, DATA_DIR: dataDir, EVENT_STORE: 'embedded', LOG_LEVEL: 'silent', NODE_ENV: 'test' },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('exits 0 with a summary on a clean store, and 1 naming the first bad event once a row is rewritten', async () => {
    const file = join(dataDir, 'events.db');
    const store = EmbeddedEventStore.open({ file });
    const { contractId } = await writeScriptedHistory(store);
    const signed = (await store.readStream(contractStream(contractId))).find((event) => event.type === 'AmendmentSigned')!;
    await store.close();

    const clean = run();
    expect(clean.stderr).not.toMatch(/first bad event/);
    expect(clean.status).toBe(0);
    expect(clean.stdout).toMatch(/hash chains: intact/);
    expect(clean.stdout).toMatch(/proposals: +1 of 1 re-run identically/);
    expect(clean.stdout).toMatch(/VERIFIED/);

    const db = new Database(file);
    db.prepare("UPDATE events SET data = replace(data, '2026-03-21', '2026-03-01') WHERE position = ?").run(signed.position);
    db.close();

    const tampered = run();
    expect(tampered.status).toBe(1);
    expect(tampered.stdout).toMatch(/NOT VERIFIED/);
    expect(tampered.stderr).toContain(`first bad event: [integrity] position ${signed.position}, stream ${contractStream(contractId)}, revision ${signed.revision}`);
  });
});
