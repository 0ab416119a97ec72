import { TestingModule, Test } from '@nestjs/testing';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:https';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock, Principal } from '@app/shared';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { callerOf, deleteQueueKeys, eventually, RunningApi, runPrefix, startApi, tokensFor } from './support/http-harness';
import { anActiveFramework, aPathwayOrder } from './support/procurement-fixtures';

/**
 * Webhooks never reach this machine or the internal network: refused at registration, and again by the worker on
 * the address it would connect to (a name may resolve elsewhere than when it was registered). A local HTTPS
 * listener counts the connections it gets; the allow-list (WEBHOOK_ALLOWED_HOSTS) is the only way in.
 */
describe('webhooks and the internal network', () => {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00.000Z'));
  const principals: Record<string, Principal> = {
    buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
    provider: { sub: 'of-a-user', role: 'provider', tenant: 'ARA', providerId: 'of-a' },
  };
  let tokens: Record<string, string>;
  let folder: string;
  let listener: Server;
  let port: number;
  let connections = 0;

  beforeAll(async () => {
    tokens = await tokensFor(principals);
    folder = mkdtempSync(join(tmpdir(), 'webhook-ssrf-'));
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', join(folder, 'key.pem'), '-out', join(folder, 'cert.pem')]);
    if (made.status !== 0) throw new Error(`openssl could not make the listener's certificate: ${made.stderr}`);
    listener = createServer({ key: readFileSync(join(folder, 'key.pem')), cert: readFileSync(join(folder, 'cert.pem')) }, (_req, res) => res.writeHead(204).end());
    listener.on('connection', () => (connections += 1));
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    port = (listener.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => listener?.close(resolve));
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  describe('at registration, with nothing allowed', () => {
    let api: RunningApi;
    beforeAll(async () => {
      api = await startApi('webhook-ssrf-registration', { clock, env: { WEBHOOK_ALLOWED_HOSTS: '' } });
    });
    afterAll(async () => api?.close());

    it.each([
      'https://169.254.169.254/latest/meta-data/',
      'https://127.0.0.1:6379/',
      'https://[::1]:8443/hook',
      'https://0.0.0.0:443/',
      'https://10.1.2.3/hook',
      'https://172.20.0.5/hook',
      'https://192.168.1.1/hook',
      'https://100.64.0.1/hook',
      'https://224.0.0.1/hook',
      'https://[fd12:3456::1]/hook',
      'https://[fe80::1]/hook',
      'https://[ff02::1]/hook',
      'https://[::]/hook',
      'https://[::ffff:127.0.0.1]/hook',
      'https://[::ffff:a9fe:a9fe]/hook',
      'https://localhost:8443/hook',
    ])('refuses %s with 422 WEBHOOK_URL_INTERNAL and records nothing', async (url) => {
      const as = callerOf(api.app, tokens);
      const refused = await as('provider').put('/providers/me/webhook', { url }).expect(422);
      expect(refused.body).toMatchObject({ code: 'WEBHOOK_URL_INTERNAL' });
      await as('provider').get('/providers/me/webhook').expect(404);
    });

    it('accepts a public address', async () => {
      await callerOf(api.app, tokens)('provider').put('/providers/me/webhook', { url: 'https://93.184.215.14/hooks/of-a' }).expect(200);
    });
  });

  describe('at delivery, by a worker whose allow-list does not name the host', () => {
    let api: RunningApi;
    let worker: TestingModule;
    let prefix: string;

    beforeAll(async () => {
      prefix = runPrefix('webhook-ssrf-delivery');
      // The api was told localhost is fine (as when the name resolved to a public address at registration)…
      api = await startApi('webhook-ssrf-delivery', { clock, env: { WEBHOOK_ALLOWED_HOSTS: 'localhost', BULLMQ_PREFIX: prefix, NOTIFICATION_MAX_ATTEMPTS: '2', NOTIFICATION_BACKOFF_MS: '50' } });
      // …the worker, which resolves the name again when it connects, was not.
      process.env.WEBHOOK_ALLOWED_HOSTS = '';
      worker = await Test.createTestingModule({ imports: [WorkerModule.create({ clock })] }).compile();
      await worker.init();
    });

    afterAll(async () => {
      await worker?.close();
      await api?.close();
      if (prefix) await deleteQueueKeys(prefix);
    });

    it('never connects, and dead-letters the notice with a generic error', async () => {
      const as = callerOf(api.app, tokens);
      await as('provider').put('/providers/me/webhook', { url: `https://localhost:${port}/hooks/of-a` }).expect(200);
      const contractId = await anActiveFramework(as);
      await aPathwayOrder(as, contractId, { quantity: 10, capacity: 10 });

      const row = await eventually('the notice dead-lettered', async () => {
        const answer = await as('provider').get('/notifications').expect(200);
        return (answer.body.rows as Array<{ status: string; last_error: string | null }>).find((candidate) => candidate.status === 'DEAD');
      });
      expect(row.last_error).toBe('webhook unreachable');
      expect(connections).toBe(0);
    });
  });
});
