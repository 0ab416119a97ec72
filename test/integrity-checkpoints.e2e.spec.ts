import { createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ChainCheckpoints, EmbeddedEventStore, eventsAsStored } from '@app/event-store';
import { Principal } from '@app/shared';
import { resealChain } from '../libs/event-store/src/embedded/testing/reseal-chain';
import { callerOf, RunningApi, startApi, tokensFor } from './support/http-harness';
import { anActiveFramework } from './support/procurement-fixtures';

/**
 * GET /integrity compares the chain with the checkpoints signed with the key of AUDIT_SIGNING_KEY_FILE (outside
 * DATA_DIR): a log rewritten and re-sealed by whoever holds events.db no longer verifies. The public key is
 * published for anyone; the checkpoints are exported to administrators and auditors.
 */
describe('GET /integrity with signed checkpoints', () => {
  let keys: string;
  let api: RunningApi;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    keys = mkdtempSync(join(tmpdir(), 'integrity-keys-'));
    api = await startApi('integrity-checkpoints', { env: { AUDIT_SIGNING_KEY_FILE: join(keys, 'signing.pem') } });
    const principals: Record<string, Principal> = {
      buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
      admin: { sub: 'admin-1', role: 'admin', tenant: 'ARA' },
      auditor: { sub: 'auditor-1', role: 'auditor', tenant: 'ARA' },
    };
    tokens = await tokensFor(principals);
  });

  afterAll(async () => {
    await api?.close();
    if (keys) rmSync(keys, { recursive: true, force: true });
  });

  it('publishes the key, exports the checkpoints, and reports a re-sealed log as rewritten', async () => {
    const as = callerOf(api.app, tokens);
    await anActiveFramework(as);
    const checkpoints = api.app.get(ChainCheckpoints);
    const signed = (await checkpoints.signHead(api.store, new Date()))!;
    expect(signed.position).toBeGreaterThan(3);

    const published = await request(api.app.getHttpServer()).get('/integrity/public-key').expect(200);
    expect(createPublicKey(published.text).asymmetricKeyType).toBe('ed25519');
    const exported = await as('auditor').get('/integrity/checkpoints').expect(200);
    expect(JSON.parse(exported.text.trim())).toMatchObject({ position: signed.position, headHash: signed.headHash });
    await as('buyer').get('/integrity/checkpoints').expect(403);

    const clean = await as('admin').get('/integrity').expect(200);
    expect(clean.body).toMatchObject({ ok: true, checkpoints: { anchors: 1, untrusted: 0, lastAnchoredPosition: signed.position } });

    // Whoever holds the file changes who drafted the contract and re-seals every hash and the head.
    resealChain((eventsAsStored(api.store) as EmbeddedEventStore).file, (db) => {
      db.prepare("UPDATE events SET metadata = replace(metadata, 'buyer-ara-1', 'buyer-ara-9') WHERE position = 1").run();
    });
    const tampered = await as('admin').get('/integrity').expect(200);
    expect(tampered.body).toMatchObject({ ok: false, firstFailure: { kind: 'rewritten', position: 1, reason: expect.stringMatching(/^log rewritten/) } });
  });
});
