import { INestApplication } from '@nestjs/common';
import { EventStore } from '@app/event-store';
import { providerStream } from '@app/notifications';
import { FixedClock, Principal } from '@app/shared';
import { callerOf, eventually, RunningApiWithWorker, startApiWithWorker, tokensFor } from './support/http-harness';
import { anActiveFramework } from './support/procurement-fixtures';
import { SignedWebhookServer, signedWebhookServer } from './support/webhook-server';

interface NotificationRow {
  notification_id: string;
  provider_id: string;
  event_id: string;
  event_type: string;
  status: string;
  round: number;
  attempts: number;
  status_code: number | null;
  last_error: string | null;
}

/**
 * Provider notifications end to end: the api and the whole worker in one process on the same data folder, real
 * Redis (queues under a prefix of their own), and a provider's webhook server that checks every signature.
 */
describe('provider notifications (end to end)', () => {
  let running: RunningApiWithWorker;
  let api: INestApplication;
  let store: EventStore;
  let webhook: SignedWebhookServer;
  const clock = new FixedClock(new Date('2026-03-02T09:00:00.000Z'));
  const tokens: Record<string, string> = {};
  /** The providers whose webhook answers 500. */
  const failing = new Set<string>();

  beforeAll(async () => {
    webhook = await signedWebhookServer({ answer: (notice) => (failing.has(notice.providerId) ? 500 : undefined) });
    running = await startApiWithWorker('notifications', { clock, env: { NOTIFICATION_MAX_ATTEMPTS: '3', NOTIFICATION_BACKOFF_MS: '50' } });
    ({ app: api, store } = running);

    const principals: Record<string, Principal> = {
      buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
      providerA: { sub: 'of-a-user', role: 'provider', tenant: 'ARA', providerId: 'of-a' },
      providerB: { sub: 'of-b-user', role: 'provider', tenant: 'ARA', providerId: 'of-b' },
      admin: { sub: 'admin-1', role: 'admin', tenant: 'ARA' },
      auditor: { sub: 'auditor-1', role: 'auditor', tenant: 'ARA' },
      officer: { sub: 'pe-ara-conseil', role: 'pole_emploi', tenant: 'ARA' },
      otherAdmin: { sub: 'admin-idf', role: 'admin', tenant: 'IDF' },
    };
    Object.assign(tokens, await tokensFor(principals));
  });

  afterAll(async () => {
    await running?.close();
    await webhook?.close();
  });

  const as = (who: string) => callerOf(api, tokens)(who);

  async function registerWebhook(who: string, providerId: string): Promise<void> {
    const answer = await as(who).put('/providers/me/webhook', { url: webhook.url(providerId) }).expect(200);
    expect(answer.body).toMatchObject({ providerId, tenant: 'ARA', url: webhook.url(providerId), signingSecret: expect.stringMatching(/^[0-9a-f]{64}$/) });
    webhook.secrets[providerId] = answer.body.signingSecret;
  }

  const issueOrder = (contractId: string, lotId: string, unitType: string, quantity: number) =>
    as('buyer')
      .post(`/contracts/${contractId}/orders`, {
        lotId,
        lines: [{ unitType, quantity }],
        sessions: [],
        periodStart: '2026-04-01',
        periodEnd: '2026-12-31',
      })
      .expect(201);

  const noticesFor = (providerId: string, eventId: string) =>
    webhook.received.filter((notice) => notice.providerId === providerId && notice.body.eventId === eventId);

  const notificationSeenBy = (who: string, notificationId: string, status: string, query = '') =>
    eventually(`${notificationId} ${status} for ${who}`, async () => {
      const answer = await as(who).get(`/notifications${query}`).expect(200);
      return (answer.body.rows as NotificationRow[]).find((row) => row.notification_id === notificationId && row.status === status);
    });

  it('delivers a signed notice of an order adjustment and of a notified amendment, which the provider acknowledges', async () => {
    await registerWebhook('providerA', 'of-a');
    const registered = await as('providerA').get('/providers/me/webhook').expect(200);
    expect(registered.body).not.toHaveProperty('signingSecret');
    // The log keeps the registration, never the secret.
    const registrations = await store.readStream(providerStream('ARA', 'of-a'));
    expect(JSON.stringify(registrations)).not.toContain(webhook.secrets['of-a']);

    const contractId = await anActiveFramework(as);
    const order = await issueOrder(contractId, 'LOT-1', 'PATHWAY', 50);
    const adjusted = await as('buyer')
      .post(`/contracts/${contractId}/orders/${order.body.orderId}/adjustments`, {
        clauseId: 'VOL-1',
        reason: 'Waiting list of 14 people in Lyon',
        adjustment: { kind: 'CHANGE_QUANTITY', unitType: 'PATHWAY', delta: 5 },
      })
      .expect(200);
    const eventId = adjusted.body.events[0].id as string;

    const [notice] = await eventually('the adjustment notice', async () => {
      const notices = noticesFor('of-a', eventId);
      return notices.length > 0 ? notices : undefined;
    });
    expect(notice.signatureValid).toBe(true);
    expect(notice.headers).toMatchObject({
      'content-type': 'application/json',
      'idempotency-key': eventId,
      'x-notification-id': `${eventId}.of-a`,
      'x-signature': expect.stringMatching(/^sha256=[0-9a-f]{64}$/),
    });
    expect(notice.body).toMatchObject({
      notificationId: `${eventId}.of-a`,
      eventId,
      type: 'OrderQuantityAdjusted',
      contractId,
      occurredAt: '2026-03-02T09:00:00.000Z',
      data: { orderId: order.body.orderId, clauseId: 'VOL-1', delta: 5, quantityAfter: 55 },
    });
    // The order itself was notified too; of-b performs no part of this order and hears nothing of it.
    expect(webhook.received.filter((n) => n.providerId === 'of-a').map((n) => n.body.type)).toContain('OrderIssued');
    expect(noticesFor('of-b', eventId)).toEqual([]);

    const delivered = await notificationSeenBy('providerA', `${eventId}.of-a`, 'DELIVERED');
    expect(delivered).toMatchObject({ event_type: 'OrderQuantityAdjusted', attempts: 1, status_code: 204 });

    // Only the provider concerned may acknowledge; another one is told it does not exist.
    await as('providerB').post(`/notifications/${eventId}.of-a/acknowledge`).expect(404);
    await as('providerA').post(`/notifications/${eventId}.of-a/acknowledge`).expect(200);
    await notificationSeenBy('providerA', `${eventId}.of-a`, 'ACKNOWLEDGED');
    const again = await as('providerA').post(`/notifications/${eventId}.of-a/acknowledge`).expect(200);
    expect(again.body.events).toEqual([]);

    // An amendment notified to the provider reaches it the same way.
    const proposed = await as('buyer')
      .post(`/contracts/${contractId}/amendments`, {
        description: 'Revalorisation du parcours numérique',
        change: { kind: 'PRICE', lotId: 'LOT-1', unitType: 'PATHWAY', newUnitPriceCents: 310_000 },
      })
      .expect(201);
    await as('buyer').post(`/contracts/${contractId}/amendments/${proposed.body.amendmentId}/sign`).expect(200);
    const notified = await as('buyer').post(`/contracts/${contractId}/amendments/${proposed.body.amendmentId}/notify`).expect(200);
    const notifiedId = notified.body.events.find((event: { type: string }) => event.type === 'AmendmentNotified').id as string;
    const [amendmentNotice] = await eventually('the amendment notice', async () => {
      const notices = noticesFor('of-a', notifiedId);
      return notices.length > 0 ? notices : undefined;
    });
    expect(amendmentNotice.signatureValid).toBe(true);
    expect(amendmentNotice.body).toMatchObject({ type: 'AmendmentNotified', data: { amendmentId: proposed.body.amendmentId, providerIds: ['of-a'] } });

    // The auditor sees the tenant's notifications; another tenant's administrator sees none of them.
    const audited = await as('auditor').get('/notifications').expect(200);
    expect(audited.body.rows.map((row: NotificationRow) => row.notification_id)).toContain(`${eventId}.of-a`);
    const elsewhere = await as('otherAdmin').get('/notifications').expect(200);
    expect(elsewhere.body.rows).toEqual([]);
    await as('buyer').get('/notifications').expect(403);
  });

  it('tells the provider of a reduction of a co-financed order without the co-financing', async () => {
    await registerWebhook('providerA', 'of-a');
    const contractId = await anActiveFramework(as);
    const order = `/contracts/${contractId}/orders/${(await issueOrder(contractId, 'LOT-1', 'PATHWAY', 10)).body.orderId}`;
    // Pôle emploi co-finances 12,000 € of the 30,000 € order, and consents to one reduction down to 9,000 €.
    const offer = await as('officer').post(`${order}/co-financing`, { share: { kind: 'AMOUNT', amountCents: 1_200_000 }, reason: 'Abondement AFC' }).expect(201);
    await as('buyer').post(`${order}/co-financing/acceptance`, { offerId: offer.body.offerId }).expect(200);
    await as('officer').post(`${order}/co-financing/reduction-consent`, { floorValueCents: 900_000, reason: 'Recrutements reportés' }).expect(201);
    const reduce = (delta: number) => ({ clauseId: 'VOL-1', reason: 'Moins de prescriptions', adjustment: { kind: 'CHANGE_QUANTITY', unitType: 'PATHWAY', delta } });
    // Above the co-financed part, then below it under the consent: both recorded with their co-financing check.
    const above = (await as('buyer').post(`${order}/adjustments`, reduce(-4)).expect(200)).body.events[0].id as string;
    const below = (await as('buyer').post(`${order}/adjustments`, reduce(-3)).expect(200)).body.events[0].id as string;
    const [recordedAbove, recordedBelow] = (await store.readStream(`contract-${contractId}`)).filter((event) => [above, below].includes(event.id));
    expect(recordedAbove.data).toMatchObject({ coFinancing: { agreementId: offer.body.offerId, coFinancedCents: 1_200_000 } });
    expect(recordedBelow.data).toMatchObject({ coFinancing: { consentId: expect.any(String), floorValueCents: 900_000 } });

    for (const [eventId, quantityAfter] of [[above, 6], [below, 3]] as const) {
      const [notice] = await eventually(`the notice of ${eventId}`, async () => {
        const notices = noticesFor('of-a', eventId);
        return notices.length > 0 ? notices : undefined;
      });
      expect(notice.signatureValid).toBe(true);
      expect(notice.body).toMatchObject({ type: 'OrderQuantityAdjusted', contractId, data: { clauseId: 'VOL-1', unitType: 'PATHWAY', quantityAfter, check: expect.any(Object) } });
      expect(notice.body.data).not.toHaveProperty('coFinancing');
      expect(JSON.stringify(notice.body)).not.toMatch(/coFinanc|agreement|consent|floorValue/i);
    }
  });

  it('dead-letters a notice the webhook keeps refusing, shows it, and delivers it when an administrator retries', async () => {
    await registerWebhook('providerB', 'of-b');
    failing.add('of-b');
    const contractId = await anActiveFramework(as);
    const order = await issueOrder(contractId, 'LOT-2', 'OPEN_DAY', 200);
    const eventId = order.body.events[0].id as string;
    const notificationId = `${eventId}.of-b`;

    const dead = await notificationSeenBy('admin', notificationId, 'DEAD', '?status=DEAD');
    expect(dead).toMatchObject({ provider_id: 'of-b', attempts: 3, last_error: 'webhook answered HTTP 500', round: 0 });
    // Three attempts of the same notice, each signed, each with the event id as idempotency key.
    const attempts = noticesFor('of-b', eventId);
    expect(attempts).toHaveLength(3);
    expect(attempts.every((notice) => notice.signatureValid && notice.headers['idempotency-key'] === eventId)).toBe(true);
    const seenByProvider = await as('providerB').get('/notifications?status=DEAD').expect(200);
    expect(seenByProvider.body.rows.map((row: NotificationRow) => row.notification_id)).toContain(notificationId);

    await as('providerB').post(`/notifications/${notificationId}/retry`).expect(403);
    failing.delete('of-b');
    await as('admin').post(`/notifications/${notificationId}/retry`).expect(200);

    const redelivered = await notificationSeenBy('admin', notificationId, 'DELIVERED');
    expect(redelivered).toMatchObject({ round: 1, attempts: 1, status_code: 204 });
    expect(noticesFor('of-b', eventId)).toHaveLength(4);
    // Each fact once (the processor and BullMQ's 'failed' listener record the dead letter under one command id).
    const facts = await store.readStream(`notification-${notificationId}`);
    expect(facts.map((fact) => [fact.type, fact.metadata.role])).toEqual([
      ['NotificationDeadLettered', 'system'],
      ['NotificationRetryRequested', 'admin'],
      ['NotificationDelivered', 'system'],
    ]);
    expect(facts[0].metadata.causationId).toBe(eventId);
    const refused = await as('admin').post(`/notifications/${notificationId}/retry`).expect(422);
    expect(refused.body).toMatchObject({ code: 'NOTIFICATION_NOT_DEAD_LETTERED', details: { status: 'DELIVERED' } });
    await as('admin').post('/notifications/no-such-notification/retry').expect(404);
  });

  it('accepts only HTTPS webhooks (plain http to this machine outside production), from providers', async () => {
    const refused = await as('providerA').put('/providers/me/webhook', { url: 'http://hooks.of-a.example/procurement' }).expect(422);
    expect(refused.body).toMatchObject({ code: 'WEBHOOK_URL_NOT_HTTPS' });
    const malformed = await as('providerA').put('/providers/me/webhook', { url: 'not a url', secret: 'x' }).expect(400);
    expect(malformed.body.fields.map((field: { field: string }) => field.field).sort()).toEqual(['secret', 'url']);
    await as('buyer').put('/providers/me/webhook', { url: 'https://hooks.example.org/' }).expect(403);
  });
});
