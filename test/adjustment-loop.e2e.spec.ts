import { INestApplication } from '@nestjs/common';
import { FixedClock } from '@app/shared';
import { callerOf, eventually, RunningApiWithWorker, startApiWithWorker, tokensFor } from './support/http-harness';
import { anActiveFramework, aPathwayOrder, SMALL_PATHWAY_LOT, VOLUME_CLAUSE } from './support/procurement-fixtures';
import { SignedWebhookServer, signedWebhookServer } from './support/webhook-server';
import { pseudonym } from './support/trainee-ids';

/**
 * The adaptive loop end to end: the api and the whole worker in one process on one data folder, real Redis
 * (queues under a prefix of their own), and the provider's webhook on a local server.
 */
describe('the continuous adjustment loop (end to end)', () => {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00.000Z'));
  let api: INestApplication;
  let running: RunningApiWithWorker;
  let webhook: SignedWebhookServer;
  let as: ReturnType<typeof callerOf>;

  beforeAll(async () => {
    webhook = await signedWebhookServer();
    running = await startApiWithWorker('loop', { clock, env: { NOTIFICATION_BACKOFF_MS: '50' } });
    api = running.app;
    as = callerOf(
      api,
      await tokensFor({
        buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
        provider: { sub: 'of-a-user', role: 'provider', tenant: 'ARA', providerId: 'of-a' },
      }),
    );
  });

  afterAll(async () => {
    await running?.close();
    await webhook?.close();
  });

  it('turns a waiting list into an approved volume increase within the clause, and tells the provider', async () => {
    webhook.secrets['of-a'] = (await as('provider').put('/providers/me/webhook', { url: webhook.url('of-a') }).expect(200)).body.signingSecret;

    // One lot of 20 pathways: the volume clause allows ±20% of them, ±4.
    const contractId = await anActiveFramework(as, { lots: [SMALL_PATHWAY_LOT], clauses: [VOLUME_CLAUSE] });
    const base = `/contracts/${contractId}`;
    const orderId = await aPathwayOrder(as, contractId, { quantity: 2, capacity: 2 });

    // Delivery reports fill the session, then people wait for a place.
    clock.set(new Date('2026-04-07T09:00:00.000Z'));
    const deliveries = `${base}/orders/${orderId}/deliveries`;
    const publics = { qpvResident: true, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: false };
    await as('provider').post(deliveries, { kind: 'SESSION_STARTED', sessionId: 'S-1', on: '2026-04-06' }).expect(201);
    for (const traineeId of [pseudonym('trainee-0001aa'), pseudonym('trainee-0002bb')]) {
      await as('provider').post(deliveries, { kind: 'TRAINEE_ENTERED', traineeId, sessionId: 'S-1', enteredOn: '2026-04-06', publics }).expect(201);
    }
    for (const traineeId of [pseudonym('trainee-0003cc'), pseudonym('trainee-0004dd'), pseudonym('trainee-0005ee'), pseudonym('trainee-0006ff'), pseudonym('trainee-0007gg'), pseudonym('trainee-0008hh')]) {
      await as('provider').post(deliveries, { kind: 'TRAINEE_WAITLISTED', traineeId, sessionId: 'S-1', on: '2026-04-07', publics }).expect(201);
    }

    const fill = await eventually('the waiting list in the read model', async () => {
      const rows = (await as('buyer').get(`/read-models/session-fill?contractId=${contractId}`).expect(200)).body.rows as Array<{
        waiting_list: number;
        entries: number;
      }>;
      return rows.find((row) => row.waiting_list === 6);
    });
    expect(fill).toMatchObject({ entries: 2, waiting_list: 6 });
    // The loop is turned on once the session is full: a new order with nobody in yet reads as under-filled.
    await as('buyer').put(`${base}/adjustment-policy`, { waitingListThreshold: 3, highFillRatePercent: 90, lowFillRatePercent: 30 }).expect(200);

    // Six people wait, but the clause leaves room for 4 more pathways only: the proposal stops there.
    const proposal = await eventually('a proposal from the policy', async () => {
      const contract = (await as('buyer').get(base).expect(200)).body;
      const proposals = Object.values(contract.proposals) as Array<{ proposalId: string; status: string; adjustment: { delta: number }; inputs: Record<string, unknown> }>;
      return proposals[0];
    });
    expect(proposal).toMatchObject({ status: 'PENDING', adjustment: { kind: 'CHANGE_QUANTITY', unitType: 'PATHWAY', delta: 4 } });
    expect(proposal.inputs).toMatchObject({ waitingList: 6, entries: 2, capacity: 2, clauseRoomUp: 4, fillRatePercent: 100 });

    await as('buyer').post(`${base}/proposals/${proposal.proposalId}/approve`).expect(200);
    const order = (await as('buyer').get(`${base}/orders/${orderId}`).expect(200)).body;
    expect(order.quantities).toEqual({ PATHWAY: 6 });

    // The provider is told of the adjustment, signed, and acknowledges it.
    const notice = await eventually('the signed notice of the adjustment', async () =>
      webhook.received.find((received) => received.body.type === 'OrderQuantityAdjusted'),
    );
    expect(notice.signatureValid).toBe(true);
    await as('provider').post(`/notifications/${notice.body.notificationId}/acknowledge`).expect(200);

    // More people wait, but the clause is used up: the policy proposes nothing beyond it.
    await as('provider')
      .post(deliveries, { kind: 'TRAINEE_WAITLISTED', traineeId: pseudonym('trainee-0009ii'), sessionId: 'S-1', on: '2026-04-07', publics })
      .expect(201);
    await eventually('the new waiting list', async () => {
      const rows = (await as('buyer').get(`/read-models/session-fill?contractId=${contractId}`).expect(200)).body.rows as Array<{ waiting_list: number }>;
      return rows.find((row) => row.waiting_list === 7);
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const after = (await as('buyer').get(base).expect(200)).body;
    expect(Object.keys(after.proposals)).toEqual([proposal.proposalId]);
    expect(after.orders[orderId].quantities).toEqual({ PATHWAY: 6 });
  });
});
