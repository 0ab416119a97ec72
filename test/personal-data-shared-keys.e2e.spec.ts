import request from 'supertest';
import { aTestLocation, dropTestSchemas } from '@app/event-store/postgres/testing/test-schema';
import { FixedClock } from '@app/shared';
import { callerOf, RunningApi, startApi, tokensFor } from './support/http-harness';
import { anActiveFramework, aPathwayOrder } from './support/procurement-fixtures';
import { pseudonym } from './support/trainee-ids';

/**
 * Two api processes on one PostgreSQL (events and personal keys): a contact sealed through one is read through
 * the other, and an erasure through the other is seen by the first at once.
 */
describe('personal data shared by two apis on PostgreSQL (end to end)', () => {
  const location = aTestLocation('e2e_keys');
  const clock = new FixedClock(new Date('2026-03-02T09:00:00.000Z'));
  const tokens: Record<string, string> = {};
  const CONTACT = 'camille.durand@example.org';
  const TRAINEE = pseudonym('trainee-5e1b0d42');
  let one: RunningApi;
  let two: RunningApi;

  const env = { EVENT_STORE: 'postgres', POSTGRES_URL: location.url, POSTGRES_SCHEMA: location.schema };
  beforeAll(async () => {
    one = await startApi('shared-keys-one', { clock, env });
    two = await startApi('shared-keys-two', { clock, env });
    Object.assign(
      tokens,
      await tokensFor({
        buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
        providerA: { sub: 'of-a-user', role: 'provider', tenant: 'ARA', providerId: 'of-a' },
        admin: { sub: 'dpo-ara', role: 'admin', tenant: 'ARA' },
      }),
    );
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await dropTestSchemas([location]);
  });

  it('reads on one api the contact reported through the other, and erases it for both through either', async () => {
    const onOne = callerOf(one.app, tokens);
    const onTwo = callerOf(two.app, tokens);
    const contractId = await anActiveFramework(onOne);
    const orderId = await aPathwayOrder(onOne, contractId, { quantity: 10, capacity: 12 });
    clock.set(new Date('2026-04-06T17:00:00.000Z'));
    const deliveries = `/contracts/${contractId}/orders/${orderId}/deliveries`;
    await onOne('providerA').post(deliveries, { kind: 'SESSION_STARTED', sessionId: 'S-1', on: '2026-04-06' }).expect(201);
    const publics = { qpvResident: true, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: false };
    await onOne('providerA')
      .post(deliveries, { kind: 'TRAINEE_ENTERED', traineeId: TRAINEE, sessionId: 'S-1', enteredOn: '2026-04-06', publics, surveyContact: CONTACT })
      .expect(201);
    const contactOn = async (caller: typeof onOne) => (await caller('buyer').get(deliveries).expect(200)).body.delivery.trainees[TRAINEE].surveyContact;

    expect(await contactOn(onTwo)).toEqual({ status: 'AVAILABLE', value: CONTACT });

    const erased = await request(two.app.getHttpServer()).delete(`/personal-data/${TRAINEE}`).auth(tokens.admin, { type: 'bearer' }).expect(200);
    expect(erased.body.erasedKeyIds).toEqual([expect.any(String)]);

    expect(await contactOn(onOne)).toEqual({ status: 'ERASED' });
    expect(await contactOn(onTwo)).toEqual({ status: 'ERASED' });
    const again = await request(one.app.getHttpServer()).delete(`/personal-data/${TRAINEE}`).auth(tokens.admin, { type: 'bearer' }).expect(200);
    expect(again.body.erasedKeyIds).toEqual([]);
  });
});
