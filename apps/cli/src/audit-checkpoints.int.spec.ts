import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChainCheckpoints } from '@app/event-store';
import { writeScriptedHistory } from '../../../libs/audit/src/testing/audit-fixtures';
import { CHAIN_STORES, ChainStoreUnderTest } from '../../../libs/event-store/src/testing/chain-stores';

const REWRITE_ACTOR = "UPDATE events SET metadata = replace(metadata, 'buyer-ara-1', 'buyer-ara-9') WHERE position = ?";

/**
 * Signed checkpoints against an attacker who holds the event store (`events.db`, or the PostgreSQL schema): the
 * attacker edits the events and recomputes every hash and the head, so the chains alone verify; `npm run
 * audit:verify` compares them with the checkpoints, signed with a key outside DATA_DIR, and tells a rewritten
 * log from a truncated one, also offline on an export.
 */
describe.each(CHAIN_STORES)('audit:verify with signed checkpoints ($name store)', ({ storeIn }) => {
  let folder: string;
  let target: ChainStoreUnderTest;
  let env: NodeJS.ProcessEnv;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'audit-checkpoints-'));
    const dataDir = join(folder, 'data');
    target = storeIn(dataDir);
    const settings = { AUDIT_SIGNING_KEY_FILE: join(folder, 'keys', 'checkpoint-signing.pem') };
    env = { ...process.env, ...settings, ...target.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test' };
  });
  afterEach(async () => {
    await target.cleanUp();
    rmSync(folder, { recursive: true, force: true });
  });

  const checkpoints = () => new ChainCheckpoints({ AUDIT_SIGNING_KEY_FILE: env.AUDIT_SIGNING_KEY_FILE });

  const cli = (script: string, args: string[] = []) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, script), ...args], { env, encoding: 'utf8', timeout: 60_000 });

  /** Two scripted contracts, a checkpoint after each; returns the positions signed. */
  async function historyWithTwoCheckpoints(): Promise<[number, number]> {
    const store = await target.open();
    try {
      await writeScriptedHistory(store);
      const first = (await checkpoints().signHead(store, new Date('2026-03-01T00:00:00.000Z')))!;
      await writeScriptedHistory(store);
      const second = (await checkpoints().signHead(store, new Date('2026-03-02T00:00:00.000Z')))!;
      return [first.position, second.position];
    } finally {
      await store.close();
    }
  }

  async function chainsAloneVerify(): Promise<boolean> {
    const store = await target.open();
    try {
      return (await store.verifyIntegrity()).ok;
    } finally {
      await store.close();
    }
  }

  it('verifies an untouched log against its checkpoints', async () => {
    const [, last] = await historyWithTwoCheckpoints();
    const clean = cli('audit-verify.ts');
    expect(clean.stderr).toBe('');
    expect(clean.status).toBe(0);
    expect(clean.stdout).toContain(`checkpoints: 2 signed by a trusted key; the chain matches the last one held, position ${last}`);
  });

  it('reports a log rewritten and re-sealed, naming the first event after the last checkpoint that holds', async () => {
    const [first] = await historyWithTwoCheckpoints();
    // The actor of an event between the two checkpoints becomes someone else; every hash and the head are recomputed.
    await target.tamper(REWRITE_ACTOR, first + 3);
    expect(await chainsAloneVerify()).toBe(true);

    const tampered = cli('audit-verify.ts');
    expect(tampered.status).toBe(1);
    expect(tampered.stdout).toMatch(/NOT VERIFIED/);
    expect(tampered.stderr).toMatch(new RegExp(`first bad event: \\[integrity\\] position ${first + 1}, .*log rewritten`));
  });

  it('reports a log truncated after the last checkpoint', async () => {
    const [first, last] = await historyWithTwoCheckpoints();
    await target.tamper('DELETE FROM events WHERE position > ?', last - 2);
    expect(await chainsAloneVerify()).toBe(true);

    const truncated = cli('audit-verify.ts');
    expect(truncated.status).toBe(1);
    expect(truncated.stderr).toContain(`log truncated after the last checkpoint that holds (position ${first}): the log ends at position ${last - 2}`);
  });

  it('refuses a checkpoint signed by another key', async () => {
    await historyWithTwoCheckpoints();
    // Someone without the key signs a newer head with a key of their own, into the same file.
    const forged = new ChainCheckpoints({ AUDIT_SIGNING_KEY_FILE: join(folder, 'attacker', 'key.pem'), AUDIT_CHECKPOINT_FILE: join(folder, 'keys', 'checkpoints.jsonl') });
    const store = await target.open();
    await writeScriptedHistory(store);
    const signed = (await forged.signHead(store, new Date('2026-03-03T00:00:00.000Z')))!;
    await store.close();

    const refused = cli('audit-verify.ts');
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('checkpoints: 2 signed by a trusted key, 1 NOT');
    expect(refused.stderr).toContain(`the checkpoint of position ${signed.position}`);
    expect(refused.stderr).toContain('is not signed by a trusted key');
  });

  it('verifies an export offline, without the api or its settings, and fails once the log is re-sealed', async () => {
    await historyWithTwoCheckpoints();
    const kept = join(folder, 'auditor');
    expect(cli('audit-anchor.ts', ['export-history', '--out', kept]).status).toBe(0);
    const offline = (history: string) =>
      spawnSync(
        process.execPath,
        ['--import', 'tsx', join(__dirname, 'audit-verify.ts'), '--history', history, '--checkpoints', join(kept, 'checkpoints.jsonl'), '--public-key', join(kept, 'public-key.pem')],
        { env: { PATH: process.env.PATH, NODE_ENV: 'test' }, encoding: 'utf8', timeout: 60_000 },
      );
    const clean = offline(join(kept, 'history.jsonl'));
    expect(clean.stderr).toBe('');
    expect(clean.status).toBe(0);
    expect(clean.stdout).toMatch(/VERIFIED/);

    // The operator re-seals a rewritten log and exports it again; the auditor checks it with the checkpoints kept.
    await target.tamper(REWRITE_ACTOR, 1);
    const again = join(folder, 'second-export');
    expect(cli('audit-anchor.ts', ['export-history', '--out', again]).status).toBe(0);
    const tampered = offline(join(again, 'history.jsonl'));
    expect(tampered.status).toBe(1);
    expect(tampered.stderr).toMatch(/log rewritten/);
  });
});
