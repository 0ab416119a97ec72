import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { DEVELOPMENT_JWT_SECRET, Principal, signDevelopmentToken } from '@app/shared';
import { createApi } from '../apps/api/src/bootstrap';
import { runPrefix, startApi, tokensFor } from './support/http-harness';
import { FRAMEWORK, PATHWAY_LOT } from './support/procurement-fixtures';

/** Security headers, the body size limit and the rate limit, on an api booted with a low limit of its own. */
describe('security headers and limits (end to end)', () => {
  const LIMIT = 5;
  let app: INestApplication;
  let store: EventStore;
  let dataDir: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'security-e2e-'));
    Object.assign(process.env, {
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      THROTTLE_LIMIT: String(LIMIT),
      THROTTLE_TTL_MS: '60000',
      // Counters of this run alone: the other tests call from the same address.
      THROTTLE_REDIS_PREFIX: runPrefix('security-e2e'),
    });
    app = await createApi();
    await app.listen(0);
    store = app.get(EVENT_STORE);
    // One caller per test, so that each starts with the whole budget.
    const buyer = (sub: string): Principal => ({ sub, role: 'buyer', tenant: 'ARA' });
    Object.assign(
      tokens,
      await tokensFor({
        large: buyer('buyer-large'),
        malformed: buyer('buyer-malformed'),
        hasty: buyer('buyer-hasty'),
        calm: buyer('buyer-calm'),
        exponent: buyer('buyer-exponent'),
        encoding: buyer('buyer-encoding'),
      }),
    );
  });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
    delete process.env.THROTTLE_LIMIT;
    delete process.env.THROTTLE_TTL_MS;
    delete process.env.THROTTLE_REDIS_PREFIX;
  });

  const http = () => request(app.getHttpServer());

  it('sends the security headers and hides the framework', async () => {
    const response = await http().get('/health').expect(200);
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringContaining('max-age='),
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
    });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('still serves the Swagger UI under its content security policy', async () => {
    const page = await http().get('/docs').redirects(1).expect(200);
    expect(page.headers['content-type']).toMatch(/html/);
    const policy = page.headers['content-security-policy'];
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('upgrade-insecure-requests');
    // Every script is a file served from here (the policy allows no inline script), and every asset loads.
    const scripts = [...page.text.matchAll(/<script([^>]*)>/g)].map((match) => match[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes).toMatch(/src=/);
    const assets = [...page.text.matchAll(/(?:src|href)=['"]([^'"]+)['"]/g)].map((match) => match[1]).filter((url) => !url.startsWith('#'));
    expect(assets).toEqual(expect.arrayContaining([expect.stringMatching(/swagger-ui-init\.js$/), expect.stringMatching(/swagger-ui\.css$/)]));
    for (const asset of assets) {
      expect(asset).not.toMatch(/^(https?:)?\/\//);
      const url = new URL(asset, 'http://api.test/docs').pathname;
      expect({ url, status: (await http().get(url)).status }).toEqual({ url, status: 200 });
    }
    await http().get('/docs-json').expect(200);
  });

  it('refuses a body over the limit with 413 PAYLOAD_TOO_LARGE and writes nothing', async () => {
    const before = await store.headPosition();
    const response = await http()
      .post('/contracts')
      .auth(tokens.large, { type: 'bearer' })
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ title: 'x'.repeat(1024 * 1024) }))
      .expect(413);
    expect(response.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(await store.headPosition()).toBe(before);
  });

  it('refuses a body that is not JSON with 400 MALFORMED_JSON', async () => {
    const response = await http()
      .post('/contracts')
      .auth(tokens.malformed, { type: 'bearer' })
      .set('Content-Type', 'application/json')
      .send('{"title": ')
      .expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'MALFORMED_JSON' });
  });

  it('answers 429 RATE_LIMITED once a caller has used its budget, without slowing down the others', async () => {
    for (let i = 0; i < LIMIT; i++) await http().get('/contracts').auth(tokens.hasty, { type: 'bearer' }).expect(200);
    const refused = await http().get('/contracts').auth(tokens.hasty, { type: 'bearer' }).expect(429);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const other = await http().get('/contracts').auth(tokens.calm, { type: 'bearer' }).expect(200);
    expect(other.headers).toMatchObject({ 'x-ratelimit-limit': String(LIMIT), 'x-ratelimit-remaining': String(LIMIT - 1) });
    // The budget is the verified subject's, not the token string's: another token of the same subject, or
    // another base64url spelling of the same token (the signature's last character's unused bits), buys nothing.
    const another = await signDevelopmentToken({ sub: 'buyer-hasty', role: 'buyer', tenant: 'ARA' }, DEVELOPMENT_JWT_SECRET, '2h');
    expect(another).not.toBe(tokens.hasty);
    await http().get('/contracts').auth(another, { type: 'bearer' }).expect(429);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(tokens.hasty.slice(-1));
    const respelled = tokens.hasty.slice(0, -1) + alphabet[last ^ 1];
    await http().get('/contracts').auth(respelled, { type: 'bearer' }).expect(429);
  });

  it('limits callers without a valid token by address, before checking the token: a new garbage token per request buys nothing', async () => {
    for (let i = 0; i < LIMIT - 1; i++) await http().get('/contracts').auth(`garbage-${i}`, { type: 'bearer' }).expect(401);
    await http().get('/contracts').expect(401);
    const refused = await http().get('/contracts').expect(429);
    expect(refused.body.code).toBe('RATE_LIMITED');
    await http().get('/contracts').auth('garbage-new', { type: 'bearer' }).expect(429);
  });

  it('refuses numbers in exponent form on decimal fields with 400 naming the field, and writes nothing', async () => {
    const drafted = await http().post('/contracts').auth(tokens.exponent, { type: 'bearer' }).send(FRAMEWORK).expect(201);
    const before = await store.headPosition();
    for (const percent of ['1e-7', '5e-324']) {
      const lot = JSON.stringify({ ...PATHWAY_LOT, workUnits: [{ ...PATHWAY_LOT.workUnits[0], qualityPart: { percent: 0, indicator: 'COMPLETION_RATE' } }] });
      const response = await http()
        .post(`/contracts/${drafted.body.contractId}/lots`)
        .auth(tokens.exponent, { type: 'bearer' })
        .set('Content-Type', 'application/json')
        .send(lot.replace('"percent":0', `"percent":${percent}`))
        .expect(400);
      expect(response.body).toMatchObject({ code: 'INVALID_INPUT', fields: [{ field: 'workUnits.0.qualityPart.percent' }] });
    }
    expect(await store.headPosition()).toBe(before);
  });

  it('refuses a body that is not valid UTF-8 (400 INVALID_UTF8) or declares another charset (415 UNSUPPORTED_CHARSET), and writes nothing', async () => {
    const before = await store.headPosition();
    const json = JSON.stringify({ ...FRAMEWORK, title: 'Formations é' });
    const invalid = Buffer.from(json.replace('é', '\u0000'), 'utf8');
    invalid[invalid.indexOf(0)] = 0xe9; // é in Latin-1: not UTF-8
    // The bytes as they are (supertest would turn a Buffer into JSON).
    const send = async (body: Buffer, type: string) => {
      const response = await fetch(`${await app.getUrl()}/contracts`, { method: 'POST', body, headers: { authorization: `Bearer ${tokens.encoding}`, 'content-type': type } });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    expect(await send(invalid, 'application/json')).toMatchObject({ status: 400, body: { code: 'INVALID_UTF8' } });
    const utf16 = Buffer.from(json, 'utf16le');
    expect(await send(utf16, 'application/json; charset=utf-16le')).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_CHARSET' } });
    expect(await send(Buffer.concat([Buffer.from([0xff, 0xfe]), utf16]), 'application/json')).toMatchObject({ status: 400, body: { code: 'INVALID_UTF8' } });
    expect(await store.headPosition()).toBe(before);
    expect(await send(Buffer.from(json, 'utf8'), 'application/json; charset=UTF-8')).toMatchObject({ status: 201 });
  });

  it('never limits the health check', async () => {
    for (let i = 0; i < LIMIT * 3; i++) await http().get('/health').expect(200);
  });

  describe('in production', () => {
    const PRODUCTION = { NODE_ENV: 'production', AUTH_JWT_SECRET: 's'.repeat(40), WEBHOOK_SIGNING_KEY: 'k'.repeat(40), TRAINEE_ID_KEY: 't'.repeat(40) };
    const saved = { ...process.env };
    afterEach(() => {
      for (const name of [...Object.keys(PRODUCTION), 'API_DOCS']) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    });

    it('does not serve the API description unless API_DOCS=true', async () => {
      const quiet = await startApi('docs-production', { env: PRODUCTION });
      try {
        await request(quiet.app.getHttpServer()).get('/docs-json').expect(404);
        await request(quiet.app.getHttpServer()).get('/docs').redirects(1).expect(404);
      } finally {
        await quiet.close();
      }
      const documented = await startApi('docs-production-on', { env: { ...PRODUCTION, API_DOCS: 'true' } });
      try {
        await request(documented.app.getHttpServer()).get('/docs-json').expect(200);
      } finally {
        await documented.close();
      }
    });
  });
});
