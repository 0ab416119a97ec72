import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import request from 'supertest';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { DEVELOPMENT_JWT_SECRET, idFromName, Principal, signDevelopmentToken } from '@app/shared';
import { aMetadata } from '../libs/event-store/src/testing/event-store.contract';
import { runPrefix } from './support/http-harness';

/** The api as it runs: real HTTP, the embedded store on a temporary folder, the local Redis. */
describe('api (end to end)', () => {
  let app: INestApplication;
  let store: EventStore;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'api-e2e-'));
    process.env.DATA_DIR = dataDir;
    process.env.LOG_LEVEL = 'silent';
    process.env.THROTTLE_REDIS_PREFIX = runPrefix('api-e2e');
    // The configuration is read when the module is loaded, hence the late import.
    const { createApi } = await import('../apps/api/src/bootstrap');
    app = await createApi();
    await app.listen(0);
    store = app.get(EVENT_STORE);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const http = () => request(app.getHttpServer());
  const tokenFor = (role: Principal['role'], tenant = 'ARA', expiresIn: string | number = '1h') =>
    signDevelopmentToken(
      { sub: `${role}-1`, role, tenant, ...(role === 'provider' ? { providerId: 'of-1' } : {}) },
      DEVELOPMENT_JWT_SECRET,
      expiresIn,
    );

  async function aStream(tenant: string): Promise<string> {
    const stream = `contract-${idFromName(tenant, String(Math.random()))}`;
    await store.appendToStream(
      stream,
      [{ id: idFromName(stream, 'e0'), type: 'ContractDrafted', data: { title: 'Pathways' }, metadata: aMetadata({ tenant }) }],
      { expectedRevision: 'no_stream' },
    );
    return stream;
  }

  it('reports the event store and Redis as up, without a token', async () => {
    const response = await http().get('/health').expect(200);
    expect(response.body.details).toEqual({ eventStore: { status: 'up' }, redis: { status: 'up' } });
  });

  it('serves the OpenAPI description at /docs without a token', async () => {
    const response = await http().get('/docs-json').expect(200);
    expect(response.body.paths).toHaveProperty('/streams/{streamId}/events');
  });

  describe('authentication and roles', () => {
    it('refuses a request without a token', async () => {
      const response = await http().get('/integrity').expect(401);
      expect(response.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    });

    it('refuses a token signed with another secret', async () => {
      const forged = await signDevelopmentToken({ sub: 'x', role: 'admin', tenant: 'ARA' }, 'another-secret-another-secret-xx');
      await http().get('/integrity').auth(forged, { type: 'bearer' }).expect(401);
    });

    it('refuses an expired token, saying so', async () => {
      const expired = await tokenFor('admin', 'ARA', Math.floor(Date.now() / 1000) - 60);
      const response = await http().get('/integrity').auth(expired, { type: 'bearer' }).expect(401);
      expect(response.body.message).toBe('token expired');
    });

    const signed = (claims: Record<string, unknown>) =>
      new SignJWT({ role: 'admin', tenant: 'ARA', ...claims }).setProtectedHeader({ alg: 'HS256' }).setSubject('admin-1').sign(new TextEncoder().encode(DEVELOPMENT_JWT_SECRET));

    it('refuses a token without an expiry (exp), saying so', async () => {
      const endless = await signed({ iat: Math.floor(Date.now() / 1000) });
      const response = await http().get('/integrity').auth(endless, { type: 'bearer' }).expect(401);
      expect(response.body.message).toBe('token has no expiry (exp)');
    });

    it('refuses a token living longer than AUTH_TOKEN_MAX_LIFETIME_SECONDS (12 h by default), from its issue or from now', async () => {
      const now = Math.floor(Date.now() / 1000);
      const century = await signed({ iat: now, exp: now + 100 * 365 * 86_400 });
      const response = await http().get('/integrity').auth(century, { type: 'bearer' }).expect(401);
      expect(response.body.message).toBe('token lives longer than 43200 s (AUTH_TOKEN_MAX_LIFETIME_SECONDS)');
      // Without iat the lifetime counts from now; just above the cap is refused, at the cap accepted.
      await http().get('/integrity').auth(await signed({ exp: now + 43_200 + 60 }), { type: 'bearer' }).expect(401);
      await http().get('/integrity').auth(await signed({ iat: now - 3600, exp: now + 43_200 - 3600 }), { type: 'bearer' }).expect(200);
    });

    it('refuses a provider token without providerId', async () => {
      const token = await signDevelopmentToken({ sub: 'p', role: 'provider', tenant: 'ARA' }, DEVELOPMENT_JWT_SECRET);
      await http().get('/integrity').auth(token, { type: 'bearer' }).expect(401);
    });

    it('answers 403 to a role that may not act', async () => {
      const response = await http()
        .get('/integrity')
        .auth(await tokenFor('buyer'), { type: 'bearer' })
        .expect(403);
      expect(response.body).toMatchObject({ code: 'FORBIDDEN' });
      await http()
        .get('/integrity')
        .auth(await tokenFor('auditor'), { type: 'bearer' })
        .expect(403);
    });

    it('lets an administrator verify the store', async () => {
      await aStream('ARA');
      const response = await http()
        .get('/integrity')
        .auth(await tokenFor('admin'), { type: 'bearer' })
        .expect(200);
      expect(response.body).toMatchObject({ ok: true });
      expect(response.body.eventsChecked).toBeGreaterThan(0);
    });
  });

  describe('reading the decision log', () => {
    it("shows an auditor the events of a stream of the auditor's tenant", async () => {
      const stream = await aStream('ARA');
      const response = await http()
        .get(`/streams/${stream}/events`)
        .auth(await tokenFor('auditor'), { type: 'bearer' })
        .expect(200);
      expect(response.body.events).toHaveLength(1);
      expect(response.body.events[0]).toMatchObject({ type: 'ContractDrafted', revision: 0, streamId: stream });
      expect(response.body.events[0].metadata).toMatchObject({ tenant: 'ARA', actorId: 'buyer-1' });
    });

    it("answers 404 for another tenant's stream, as for a missing one", async () => {
      const stream = await aStream('IDF');
      const response = await http()
        .get(`/streams/${stream}/events`)
        .auth(await tokenFor('auditor'), { type: 'bearer' })
        .expect(404);
      expect(response.body).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('answers 400 with the field at fault for a malformed query', async () => {
      const stream = await aStream('ARA');
      const response = await http()
        .get(`/streams/${stream}/events?maxCount=lots&colour=blue`)
        .auth(await tokenFor('auditor'), { type: 'bearer' })
        .expect(400);
      expect(response.body.code).toBe('INVALID_INPUT');
      expect(response.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['colour', 'maxCount']);
    });

    it('echoes the correlation id it was given', async () => {
      const response = await http()
        .get('/health')
        .set('x-correlation-id', 'corr-12345')
        .expect(200);
      expect(response.headers['x-correlation-id']).toBe('corr-12345');
    });
  });
});
