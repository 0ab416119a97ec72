import { INestApplication } from '@nestjs/common';
import ICAL from 'ical.js';
import request from 'supertest';
import { EventStore } from '@app/event-store';
import { FixedClock } from '@app/shared';
import { callerOf, eventually, RunningApiWithWorker, startApiWithWorker, tokensFor } from './support/http-harness';
import { anActiveFramework, aPathwayOrder, SMALL_PATHWAY_LOT } from './support/procurement-fixtures';
import { SignedWebhookServer, signedWebhookServer } from './support/webhook-server';
import { pseudonym } from './support/trainee-ids';

interface Proposal {
  proposalId: string;
  status: string;
  clauseId: string;
  adjustment: { kind: string; unitType?: string; delta?: number };
  inputs: Record<string, number>;
}

/**
 * The Pôle emploi coordination journey of the issue, in one process: the api and the whole worker on one data
 * folder, real Redis (queues under a prefix of their own) and the provider's webhook on a local server. A
 * declaration meets a Région order and is resolved as co-financing, an officer's date shift is accepted under
 * the calendar clause and reaches the provider, the territory's calendar shows it, referrals fill the session
 * and its waiting list, the loop proposes more volume within the clause, and an auditor verifies it all.
 */
describe('Pôle emploi coordination, the whole journey (end to end)', () => {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00.000Z'));
  let api: INestApplication;
  let store: EventStore;
  let running: RunningApiWithWorker;
  let webhook: SignedWebhookServer;
  let as: ReturnType<typeof callerOf>;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    webhook = await signedWebhookServer();
    running = await startApiWithWorker('coordination-journey', { clock, env: { NOTIFICATION_BACKOFF_MS: '50' } });
    ({ app: api, store } = running);
    tokens = await tokensFor({
      buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
      provider: { sub: 'of-a-user', role: 'provider', tenant: 'ARA', providerId: 'of-a' },
      officer: { sub: 'pe-ara-lyon-est', role: 'pole_emploi', tenant: 'ARA' },
      auditor: { sub: 'auditor-ara', role: 'auditor', tenant: 'ARA' },
    });
    as = callerOf(api, tokens);
  });

  afterAll(async () => {
    await running?.close();
    await webhook?.close();
  });

  /** A read model's answer once it includes every event written so far. */
  async function caughtUp(who: string, path: string): Promise<{ position: number; rows: Array<Record<string, unknown>> }> {
    const head = await store.headPosition();
    return eventually(`${path} at position ${head}`, async () => {
      const { body } = await as(who).get(path).expect(200);
      return body.position >= head ? body : undefined;
    });
  }

  const publics = { qpvResident: true, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: false };

  it('goes from an overlap to co-financing, a moved session, referrals, more volume and a verified history', async () => {
    webhook.secrets['of-a'] = (await as('provider').put('/providers/me/webhook', { url: webhook.url('of-a') }).expect(200)).body.signingSecret;

    // The Région's framework: one lot of pathways in the Rhône, a ±20% volume clause (±4 of 20), a 30-day calendar clause.
    const contractId = await anActiveFramework(as, { lots: [SMALL_PATHWAY_LOT] });
    const base = `/contracts/${contractId}`;

    // 1. Pôle emploi declares its own purchase; the Région's order issued after it is checked by the worker.
    const declared = await as('officer')
      .post('/coordination/purchase-declarations', {
        domainCode: '31054',
        territoryCodes: ['69', '01'],
        periodStart: '2026-06-01',
        periodEnd: '2026-09-30',
        plannedSessions: 2,
        volume: { unitType: 'PATHWAY', quantity: 24 },
        title: 'AFC Développeur web',
      })
      .expect(201);
    expect(declared.body.overlapIds).toEqual([]);
    const orderId = await aPathwayOrder(as, contractId, { quantity: 2, capacity: 2 });
    const order = `${base}/orders/${orderId}`;

    const overlap = await eventually('the overlap the worker records', async () => {
      const { rows } = (await as('officer').get('/coordination/overlaps?status=unresolved').expect(200)).body as { rows: Array<Record<string, unknown>> };
      return rows.find((row) => row.order_id === orderId);
    });
    expect(overlap).toMatchObject({
      declaration_id: declared.body.declarationId,
      figures: { commonTerritoryCodes: ['69'], overlapStart: '2026-06-01', overlapEnd: '2026-09-30', overlappingDays: 122, regionOrder: { valueCents: 600_000 } },
    });
    const overlapId = overlap.overlap_id as string;

    // 2. Resolved as co-financing of that order, and the agreement put in force on it: 4,500 € of the 6,000 €.
    await as('buyer')
      .post(`/coordination/overlaps/${overlapId}/resolution`, { decision: 'CO_FINANCE', coFinancedOrderId: orderId, reason: 'Pôle emploi abonde les parcours du Rhône' })
      .expect(200);
    const offer = await as('officer')
      .post(`${order}/co-financing`, { share: { kind: 'AMOUNT', amountCents: 450_000 }, reason: `Abondement décidé sur le chevauchement ${overlapId}` })
      .expect(201);
    await as('buyer').post(`${order}/co-financing/acceptance`, { offerId: offer.body.offerId }).expect(200);
    expect((await as('officer').get(order).expect(200)).body.coFinancing.inForce).toMatchObject({ agreementId: offer.body.offerId, coFinancedCents: 450_000 });
    const [resolved] = (await caughtUp('auditor', `/coordination/overlaps?status=resolved&contractId=${contractId}`)).rows;
    expect(resolved).toMatchObject({ overlap_id: overlapId, decision: 'CO_FINANCE', co_financed_order_id: orderId, resolved_by: 'buyer-ara-1' });
    expect((await caughtUp('buyer', `/read-models/budgets?contractId=${contractId}`)).rows[0]).toMatchObject({
      committed_cents: 600_000,
      committed_region_cents: 150_000,
      committed_pole_emploi_cents: 450_000,
      co_financed_orders: 1,
    });

    // 3. The officer asks to move the session a month later for the sector's recruitment season; the buyer accepts under CAL-1.
    clock.set(new Date('2026-03-05T09:00:00.000Z'));
    const requestId = (
      await as('officer')
        .post(`${order}/sessions/S-1/date-shift-requests`, { startDate: '2026-05-04', endDate: '2026-07-31', reason: 'Saison de recrutement du numérique' })
        .expect(201)
    ).body.requestId as string;
    const accepted = await as('buyer').post(`${base}/date-shift-requests/${requestId}/acceptance`, { clauseId: 'CAL-1' }).expect(200);
    expect(accepted.body.events.map((event: { type: string }) => event.type)).toEqual(['SessionDateShiftAccepted', 'OrderSessionMoved']);
    const moved = await eventually('the signed notice of the moved session', async () => webhook.received.find((notice) => notice.body.type === 'OrderSessionMoved'));
    expect(moved.signatureValid).toBe(true);
    expect(moved.body).toMatchObject({ eventId: accepted.body.events[1].id, contractId, data: { orderId, sessionId: 'S-1', startDate: '2026-05-04', endDate: '2026-07-31', clauseId: 'CAL-1' } });

    // 4. The territory's calendar, read by a calendar library, shows the moved dates.
    await caughtUp('officer', '/coordination/sessions?territory=69');
    const ics = await as('officer').get('/coordination/sessions.ics?territory=69').expect(200);
    const [session] = new ICAL.Component(ICAL.parse(ics.text)).getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    expect({ uid: session.uid, start: session.startDate.toString(), end: session.endDate.toString(), sequence: session.sequence }).toEqual({
      uid: `${orderId}.S-1@sessions.training-procurement`,
      start: '2026-05-04',
      // DTEND of an all-day event is the day after its last day.
      end: '2026-08-01',
      sequence: 1,
    });

    // 5. Referrals fill the two places, then the waiting list.
    clock.set(new Date('2026-03-20T09:00:00.000Z'));
    const statuses: string[] = [];
    for (const n of [1, 2, 3, 4, 5, 6, 7]) {
      const { body } = await as('officer').post(`${order}/sessions/S-1/referrals`, { traineeId: pseudonym(`job-seeker-000${n}`), publics }).expect(201);
      statuses.push(body.referral.status);
    }
    expect(statuses).toEqual(['IN_SESSION', 'IN_SESSION', 'WAITING', 'WAITING', 'WAITING', 'WAITING', 'WAITING']);
    expect((await caughtUp('buyer', `/read-models/session-fill?contractId=${contractId}`)).rows).toEqual([
      expect.objectContaining({ session_id: 'S-1', referred: 2, waiting_list: 5, fill_rate_percent: 100 }),
    ]);

    // 6. The loop proposes more volume, within the clause's 4; the buyer approves it.
    await as('buyer').put(`${base}/adjustment-policy`, { waitingListThreshold: 3, highFillRatePercent: 90, lowFillRatePercent: 30 }).expect(200);
    const proposal = await eventually('a volume proposal from the policy', async () => {
      const proposals = Object.values((await as('buyer').get(base).expect(200)).body.proposals) as Proposal[];
      return proposals.find((candidate) => candidate.adjustment.kind === 'CHANGE_QUANTITY');
    });
    expect(proposal).toMatchObject({ status: 'PENDING', clauseId: 'VOL-1', adjustment: { unitType: 'PATHWAY', delta: 4 } });
    expect(proposal.inputs).toMatchObject({ waitingList: 5, clauseRoomUp: 4, coFinancedRoomDown: 0 });
    // The provider performing the order reads the proposal without its co-financing input; the auditor re-running it has it.
    const seenByProvider = (await as('provider').get(base).expect(200)).body.proposals[proposal.proposalId] as Proposal;
    expect(seenByProvider).toMatchObject({ status: 'PENDING', adjustment: { delta: 4 }, inputs: { waitingList: 5, clauseRoomUp: 4 } });
    expect(seenByProvider.inputs).not.toHaveProperty('coFinancedRoomDown');
    expect((await as('auditor').get(base).expect(200)).body.proposals[proposal.proposalId].inputs).toMatchObject({ coFinancedRoomDown: 0 });
    await as('buyer').post(`${base}/proposals/${proposal.proposalId}/approve`).expect(200);
    const grown = (await as('buyer').get(order).expect(200)).body;
    expect(grown.quantities).toEqual({ PATHWAY: 6 });
    expect(grown.coFinancing.inForce).toMatchObject({ coFinancedCents: 450_000 });
    expect((await caughtUp('buyer', `/read-models/budgets?contractId=${contractId}`)).rows[0]).toMatchObject({
      committed_cents: 1_800_000,
      committed_region_cents: 1_350_000,
      committed_pole_emploi_cents: 450_000,
    });
    // The co-financed floor holds: back to 3,000 € would go below Pôle emploi's 4,500 €.
    const below = await as('buyer')
      .post(`${order}/adjustments`, { clauseId: 'VOL-1', reason: 'Moins de prescriptions', adjustment: { kind: 'CHANGE_QUANTITY', unitType: 'PATHWAY', delta: -5 } })
      .expect(422);
    expect(below.body).toMatchObject({ code: 'CO_FINANCED_ORDER_REDUCTION_NOT_AGREED', details: { coFinancedCents: 450_000, valueAfterCents: 300_000 } });

    // 7. Pôle emploi imports the month's recruitment tension; the auditor re-decides the whole history, coordination included.
    const csv = 'occupation_code,territory_code,period,unfilled_offers,tension_index\nM1805,69,2026-03,140,1.8\nM1810,69,2026-03,35,0.7\n';
    const imported = await request(api.getHttpServer())
      .post('/coordination/labour-market-signals')
      .auth(tokens.officer, { type: 'bearer' })
      .set('Content-Type', 'text/csv')
      .send(csv)
      .expect(201);
    expect(imported.body).toMatchObject({ rowCount: 2 });
    const { body: report } = await as('auditor').post('/audit/verify').expect(200);
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
    for (const type of [
      'PurchaseDeclared',
      'PurchaseOverlapDetected',
      'PurchaseOverlapResolved',
      'CoFinancingOffered',
      'CoFinancingAgreed',
      'SessionDateShiftRequested',
      'SessionDateShiftAccepted',
      'TraineeReferred',
      'OrderAdjustmentProposed',
      'AdjustmentProposalApproved',
      'LabourMarketSignalsImported',
      'RecruitmentTensionObserved',
    ]) {
      expect({ type, decided: report.decisions.byType[type]?.decided > 0, failed: report.decisions.byType[type]?.failed }).toEqual({ type, decided: true, failed: 0 });
    }
    expect(report.proposals).toMatchObject({ matched: 1, failed: 0 });

    // The order's decision history tells the overlap and its resolution among the order's own decisions, in log order.
    const { body: decisions } = await as('auditor').get(`/audit/contracts/${contractId}/decisions?orderId=${orderId}`).expect(200);
    const told = decisions as Array<{ type: string; what: string; actor: { id: string; role: string }; why: { reason?: string } }>;
    expect(told.map((decision) => decision.type).slice(0, 5)).toEqual(['OrderIssued', 'PurchaseOverlapDetected', 'PurchaseOverlapResolved', 'CoFinancingOffered', 'CoFinancingAgreed']);
    expect(told[1]).toMatchObject({ actor: { role: 'system' }, what: `Purchase ${declared.body.declarationId} overlaps order ${orderId} of lot LOT-1: domain 31054 in 69, 2026-06-01 to 2026-09-30 (122 days)` });
    expect(told[2]).toMatchObject({
      actor: { id: 'buyer-ara-1', role: 'buyer' },
      what: `Overlap ${overlapId} of purchase ${declared.body.declarationId} resolved: co-financing by Pôle emploi of order ${orderId}, decided by the buyer buyer-ara-1`,
      why: { reason: 'Pôle emploi abonde les parcours du Rhône' },
    });
  });
});
