import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { FixedClock, Principal } from '@app/shared';
import { callerOf, RunningApi, startApi, tokensFor } from './support/http-harness';
import { anActiveFramework, aPathwayOrder } from './support/procurement-fixtures';
import { pseudonym } from './support/trainee-ids';

/**
 * Crypto-shredding over real HTTP: a provider reports a trainee's entry with a contact for the outcome survey;
 * the buyer reads it back; an administrator erases the trainee's key; the contact then reads as erased
 * everywhere, the log still verifies, and the contact was never written in clear in the events file.
 */
describe('personal data: survey contacts and their erasure (end to end)', () => {
  let api: RunningApi;
  const clock = new FixedClock(new Date('2026-03-02T09:00:00.000Z'));
  const tokens: Record<string, string> = {};
  const CONTACT = 'camille.durand@example.org';
  const TRAINEE = pseudonym('trainee-7f3a9c21');
  let contractId: string;
  let orderId: string;

  const as = (who: string) => callerOf(api.app, tokens)(who);
  const erase = (who: string, personId: string) => request(api.app.getHttpServer()).delete(`/personal-data/${personId}`).auth(tokens[who], { type: 'bearer' });
  const contactSeenBy = async (who: string) =>
    (await as(who).get(`/contracts/${contractId}/orders/${orderId}/deliveries`).expect(200)).body.delivery.trainees[TRAINEE].surveyContact;
  /** Every text stored in the events table, raw from the SQLite file. */
  const rawEventRows = (): string => {
    const db = new Database(join(process.env.DATA_DIR!, 'events.db'), { readonly: true });
    const rows = db.prepare('SELECT * FROM events').all();
    db.close();
    return JSON.stringify(rows);
  };

  beforeAll(async () => {
    api = await startApi('personal-data-e2e', { clock });
    const principals: Record<string, Principal> = {
      buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
      providerA: { sub: 'of-a-user', role: 'provider', tenant: 'ARA', providerId: 'of-a' },
      auditor: { sub: 'auditor-1', role: 'auditor', tenant: 'ARA' },
      admin: { sub: 'dpo-ara', role: 'admin', tenant: 'ARA' },
      otherAdmin: { sub: 'dpo-idf', role: 'admin', tenant: 'IDF' },
    };
    Object.assign(tokens, await tokensFor(principals));
    contractId = await anActiveFramework(as);
    orderId = await aPathwayOrder(as, contractId, { quantity: 10, capacity: 12 });
    clock.set(new Date('2026-04-06T17:00:00.000Z'));
    const deliveries = `/contracts/${contractId}/orders/${orderId}/deliveries`;
    await as('providerA').post(deliveries, { kind: 'SESSION_STARTED', sessionId: 'S-1', on: '2026-04-06' }).expect(201);
    const publics = { qpvResident: true, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: false };
    await as('providerA')
      .post(deliveries, { kind: 'TRAINEE_ENTERED', traineeId: TRAINEE, sessionId: 'S-1', enteredOn: '2026-04-06', publics, surveyContact: CONTACT })
      .expect(201);
  });
  afterAll(() => api.close());

  it('keeps the contact only encrypted in the events, and reads it back for the buyer and the provider, not for the auditor', async () => {
    const raw = rawEventRows();
    expect(raw).not.toContain('camille');
    expect(raw).toContain('AES-256-GCM');
    const entered = (await as('auditor').get(`/streams/delivery-${orderId}/events`).expect(200)).body.events.find((event: { type: string }) => event.type === 'TraineeEntered');
    expect(entered.data.surveyContact).toEqual({ keyId: expect.any(String), algorithm: 'AES-256-GCM', iv: expect.any(String), ciphertext: expect.any(String), tag: expect.any(String) });

    expect(await contactSeenBy('buyer')).toEqual({ status: 'AVAILABLE', value: CONTACT });
    expect(await contactSeenBy('providerA')).toEqual({ status: 'AVAILABLE', value: CONTACT });
    expect(await contactSeenBy('auditor')).toEqual({ status: 'WITHHELD' });
  });

  it('refuses a malformed contact (400) and an erasure by anyone but an administrator of the tenant', async () => {
    const refused = await as('providerA')
      .post(`/contracts/${contractId}/orders/${orderId}/deliveries`, {
        kind: 'TRAINEE_ENTERED',
        traineeId: pseudonym('trainee-00000002'),
        sessionId: 'S-1',
        enteredOn: '2026-04-06',
        publics: { qpvResident: false, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: false },
        surveyContact: 'ask the receptionist',
      })
      .expect(400);
    expect(refused.body.fields).toEqual([{ field: 'surveyContact', messages: ['surveyContact must be an e-mail address or a telephone number'] }]);
    await erase('buyer', TRAINEE).expect(403);
    await erase('auditor', TRAINEE).expect(403);
    await erase('otherAdmin', TRAINEE).expect(404);
    await erase('admin', 'not ok').expect(400);
    await erase('admin', 'never-reported-1').expect(404);
    expect(await contactSeenBy('buyer')).toEqual({ status: 'AVAILABLE', value: CONTACT });
  });

  it('erases the trainee’s key: the contact reads as erased everywhere, the erasure is recorded, and the log still verifies', async () => {
    const eventsBefore = rawEventRows();
    const erased = await erase('admin', TRAINEE).expect(200);
    expect(erased.body).toEqual({ personId: TRAINEE, erasedKeyIds: [expect.any(String)], erasedAt: '2026-04-06T17:00:00.000Z' });

    expect(await contactSeenBy('buyer')).toEqual({ status: 'ERASED' });
    expect(await contactSeenBy('providerA')).toEqual({ status: 'ERASED' });
    // The key itself is gone from the key store's file; the events were not touched (one record of the erasure was added).
    const keyFile = readFileSync(join(process.env.DATA_DIR!, 'personal-keys.db'));
    expect(keyFile.includes(Buffer.from(CONTACT))).toBe(false);
    expect(rawEventRows()).toContain(eventsBefore.slice(1, -1));
    const recorded = (await as('auditor').get('/streams/personal-data-ARA/events').expect(200)).body.events;
    expect(recorded).toEqual([expect.objectContaining({ type: 'PersonalDataErased', data: { personId: TRAINEE, keyIds: erased.body.erasedKeyIds, erasedAt: '2026-04-06T17:00:00.000Z' } })]);

    const verification = await as('admin').post('/audit/verify').expect(200);
    expect({ ok: verification.body.ok, failures: verification.body.failures }).toEqual({ ok: true, failures: [] });
    expect(verification.body.decisions.byType.TraineeEntered).toEqual({ decided: 1, folded: 0, failed: 0 });

    const again = await erase('admin', TRAINEE).expect(200);
    expect(again.body.erasedKeyIds).toEqual([]);
  });
});
