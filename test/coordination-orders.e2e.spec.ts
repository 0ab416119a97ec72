import ICAL from 'ical.js';
import { FixedClock, Principal } from '@app/shared';
import { callerOf, eventually, RunningApi, startApi, tokensFor } from './support/http-harness';
import { anActiveFramework } from './support/procurement-fixtures';

/**
 * Pôle emploi coordination on the Région's orders, over HTTP: co-financing agreed by the officer and the
 * buyer, budgets split by funder, reductions below the co-financed part refused until the officer consents,
 * date-shift requests answered under the calendar clause with the provider notified, and the shared session
 * calendar as JSON and iCalendar.
 */
describe('Pôle emploi coordination on orders (end to end)', () => {
  let api: RunningApi;
  let as: ReturnType<typeof callerOf>;
  let contractId: string;
  let orderId: string;
  let order: string;
  const principals: Record<string, Principal> = {
    buyer: { sub: 'buyer-ara', role: 'buyer', tenant: 'ARA' },
    officer: { sub: 'pe-ara-conseil', role: 'pole_emploi', tenant: 'ARA' },
    provider: { sub: 'of-a-user', role: 'provider', tenant: 'ARA', providerId: 'of-a' },
    auditor: { sub: 'auditor-ara', role: 'auditor', tenant: 'ARA' },
    officerIdf: { sub: 'pe-idf-conseil', role: 'pole_emploi', tenant: 'IDF' },
    buyerIdf: { sub: 'buyer-idf', role: 'buyer', tenant: 'IDF' },
  };

  /** 10 pathways at 3,000 €: a 30,000 € order; two sessions in Rhône. */
  const ORDER = {
    lotId: 'LOT-1',
    lines: [{ unitType: 'PATHWAY', quantity: 10 }],
    sessions: [
      { sessionId: 'S-SPRING', startDate: '2026-04-06', endDate: '2026-06-26', place: 'Lyon 7e', capacity: 12, modality: 'IN_PERSON' },
      { sessionId: 'S-AUTUMN', startDate: '2026-09-07', endDate: '2026-11-27', place: 'Villeurbanne', capacity: 12, modality: 'BLENDED' },
    ],
    periodStart: '2026-04-01',
    periodEnd: '2026-12-31',
  };
  const removePathways = (delta: number) => ({
    clauseId: 'VOL-1',
    reason: 'Moins de demandeurs d’emploi orientés',
    adjustment: { kind: 'CHANGE_QUANTITY', unitType: 'PATHWAY', delta: -delta },
  });

  /** A read model answer once it includes every event written so far. */
  async function caughtUp(who: string, path: string): Promise<{ position: number; rows: Array<Record<string, unknown>> }> {
    const head = await api.store.headPosition();
    return eventually(`${path} at position ${head}`, async () => {
      const { body } = await as(who).get(path).expect(200);
      return body.position >= head ? body : undefined;
    });
  }
  const budget = async () => (await caughtUp('buyer', `/read-models/budgets?contractId=${contractId}`)).rows[0];

  beforeAll(async () => {
    api = await startApi('coordination-orders-e2e', { clock: new FixedClock(new Date('2026-03-02T09:00:00.000Z')) });
    as = callerOf(api.app, await tokensFor(principals));
    await as('provider').put('/providers/me/webhook', { url: 'http://127.0.0.1:9/hooks/of-a' }).expect(200);
    contractId = await anActiveFramework(as);
    orderId = (await as('buyer').post(`/contracts/${contractId}/orders`, ORDER).expect(201)).body.orderId;
    order = `/contracts/${contractId}/orders/${orderId}`;
  });
  afterAll(() => api.close());

  describe('co-financing', () => {
    it('is offered by the officer, accepted by the buyer, and splits the budget by funder', async () => {
      // 18,000 € of the 30,000 € order: six pathways' worth.
      const offer = { share: { kind: 'AMOUNT', amountCents: 1_800_000 }, reason: 'Complément AFC, métiers du numérique' };
      await as('buyer').post(`${order}/co-financing`, offer).expect(403);
      await as('officerIdf').post(`${order}/co-financing`, offer).expect(404);
      const malformed = await as('officer').post(`${order}/co-financing`, { share: { kind: 'SHARE', percent: 'forty' }, reason: 'x' }).expect(400);
      expect(JSON.stringify(malformed.body)).toMatch(/share|reason/);
      const tooMuch = await as('officer').post(`${order}/co-financing`, { ...offer, share: { kind: 'AMOUNT', amountCents: 3_000_001 } }).expect(422);
      expect(tooMuch.body).toMatchObject({ code: 'CO_FINANCING_EXCEEDS_ORDER_VALUE', details: { orderValueCents: 3_000_000 } });
      const badPercent = await as('officer').post(`${order}/co-financing`, { ...offer, share: { kind: 'PERCENT', percent: 120 } }).expect(422);
      expect(badPercent.body.code).toBe('CO_FINANCING_SHARE_INVALID');

      const offered = await as('officer').post(`${order}/co-financing`, offer).set('Idempotency-Key', 'cofi-offer-0001').expect(201);
      const again = await as('officer').post(`${order}/co-financing`, offer).set('Idempotency-Key', 'cofi-offer-0001').expect(201);
      expect(again.body).toMatchObject({ offerId: offered.body.offerId, replayed: true });

      await as('officer').post(`${order}/co-financing/acceptance`, { offerId: offered.body.offerId }).expect(403);
      await as('buyer').post(`${order}/co-financing/acceptance`, { offerId: offered.body.offerId }).set('If-Match', '"0"').expect(409);
      const accepted = await as('buyer')
        .post(`${order}/co-financing/acceptance`, { offerId: offered.body.offerId })
        .set('If-Match', offered.headers.etag)
        .expect(200);
      expect(accepted.body.events).toEqual([expect.objectContaining({ type: 'CoFinancingAgreed' })]);

      const { body: read } = await as('officer').get(order).expect(200);
      expect(read.coFinancing.inForce).toMatchObject({ agreementId: offered.body.offerId, coFinancedCents: 1_800_000, offeredBy: 'pe-ara-conseil', acceptedBy: 'buyer-ara' });
      // The buyer sees it too; the provider performing the order does not, neither on the order nor on the contract.
      expect((await as('buyer').get(order).expect(200)).body.coFinancing.inForce).toMatchObject({ coFinancedCents: 1_800_000 });
      const { body: seenByProvider } = await as('provider').get(order).expect(200);
      expect(seenByProvider).toMatchObject({ orderId, quantities: { PATHWAY: 10 } });
      expect(seenByProvider).not.toHaveProperty('coFinancing');
      const { body: contractSeenByProvider } = await as('provider').get(`/contracts/${contractId}`).expect(200);
      expect(contractSeenByProvider.orders[orderId]).toBeDefined();
      expect(contractSeenByProvider.orders[orderId]).not.toHaveProperty('coFinancing');
      expect(await budget()).toMatchObject({
        committed_cents: 3_000_000,
        committed_region_cents: 1_200_000,
        committed_pole_emploi_cents: 1_800_000,
        consumed_region_cents: 0,
        consumed_pole_emploi_cents: 0,
        co_financed_orders: 1,
      });
    });

    it('refuses a reduction below the co-financed part until the officer consents, once', async () => {
      // 30,000 € → 15,000 €, below the 18,000 € co-financed.
      const refused = await as('buyer').post(`${order}/adjustments`, removePathways(5)).expect(422);
      expect(refused.body).toMatchObject({
        code: 'CO_FINANCED_ORDER_REDUCTION_NOT_AGREED',
        details: { coFinancedCents: 1_800_000, valueBeforeCents: 3_000_000, valueAfterCents: 1_500_000, consentFloorValueCents: null },
      });
      expect(refused.body.rule).toMatch(/officer’s consent/);

      await as('buyer').post(`${order}/co-financing/reduction-consent`, { floorValueCents: 1_500_000, reason: 'Saison creuse' }).expect(403);
      const invalidFloor = await as('officer').post(`${order}/co-financing/reduction-consent`, { floorValueCents: -1, reason: 'Saison creuse' }).expect(400);
      expect(JSON.stringify(invalidFloor.body)).toContain('floorValueCents');
      await as('officer').post(`${order}/co-financing/reduction-consent`, { floorValueCents: 1_500_000, reason: 'Recrutements reportés' }).expect(201);

      await as('buyer').post(`${order}/adjustments`, removePathways(5)).expect(200);
      expect(await budget()).toMatchObject({ committed_cents: 1_500_000, committed_region_cents: 0, committed_pole_emploi_cents: 1_500_000 });
      // The consent was used: the next reduction below the (now 15,000 €) co-financed part is refused again.
      const next = await as('buyer').post(`${order}/adjustments`, removePathways(1)).expect(422);
      expect(next.body).toMatchObject({ code: 'CO_FINANCED_ORDER_REDUCTION_NOT_AGREED', details: { coFinancedCents: 1_500_000 } });
    });
  });

  describe('date-shift requests on the shared calendar', () => {
    let withinClause: string;
    let beyondClause: string;

    it('moves the session when the buyer accepts a shift within the calendar clause, and notifies the provider', async () => {
      const request = { startDate: '2026-05-06', endDate: '2026-07-24', reason: 'Saison de recrutement de la logistique' };
      await as('provider').post(`${order}/sessions/S-SPRING/date-shift-requests`, request).expect(403);
      await as('officerIdf').post(`${order}/sessions/S-SPRING/date-shift-requests`, request).expect(404);
      withinClause = (await as('officer').post(`${order}/sessions/S-SPRING/date-shift-requests`, request).expect(201)).body.requestId;
      // 31 days after the autumn session's original start: one day beyond the clause.
      beyondClause = (
        await as('officer').post(`${order}/sessions/S-AUTUMN/date-shift-requests`, { startDate: '2026-10-08', endDate: '2026-12-28', reason: 'Saison du BTP' }).expect(201)
      ).body.requestId;

      const pending = await caughtUp('buyer', '/coordination/date-shift-requests?status=PENDING');
      expect(pending.rows.map((row) => row.request_id)).toEqual([withinClause, beyondClause]);

      await as('officer').post(`/contracts/${contractId}/date-shift-requests/${withinClause}/acceptance`, { clauseId: 'CAL-1' }).expect(403);
      await as('buyerIdf').post(`/contracts/${contractId}/date-shift-requests/${withinClause}/acceptance`, { clauseId: 'CAL-1' }).expect(404);
      const wrongClause = await as('buyer').post(`/contracts/${contractId}/date-shift-requests/${withinClause}/acceptance`, { clauseId: 'VOL-1' }).expect(422);
      expect(wrongClause.body.code).toBe('CLAUSE_DOES_NOT_ALLOW_ADJUSTMENT');
      const accepted = await as('buyer').post(`/contracts/${contractId}/date-shift-requests/${withinClause}/acceptance`, { clauseId: 'CAL-1' }).expect(200);
      expect(accepted.body.events.map((event: { type: string }) => event.type)).toEqual(['SessionDateShiftAccepted', 'OrderSessionMoved']);

      const { body: read } = await as('buyer').get(order).expect(200);
      expect(read.sessions['S-SPRING']).toMatchObject({ startDate: '2026-05-06', endDate: '2026-07-24', originalStartDate: '2026-04-06' });

      const moved = accepted.body.events[1].id as string;
      const notices = await caughtUp('provider', `/notifications?contractId=${contractId}`);
      expect(notices.rows).toContainEqual(expect.objectContaining({ event_id: moved, event_type: 'OrderSessionMoved', provider_id: 'of-a', status: 'PENDING' }));
    });

    it('refuses a shift beyond the clause and leaves the request pending, until the buyer declines it', async () => {
      const refused = await as('buyer').post(`/contracts/${contractId}/date-shift-requests/${beyondClause}/acceptance`, { clauseId: 'CAL-1' }).expect(422);
      expect(refused.body).toMatchObject({ code: 'CALENDAR_SHIFT_EXCEEDED', details: { shiftDays: 31, maxShiftDays: 30 } });
      const stillPending = await caughtUp('officer', `/coordination/date-shift-requests?contractId=${contractId}`);
      expect(stillPending.rows.map((row) => [row.request_id, row.status])).toEqual([
        [withinClause, 'ACCEPTED'],
        [beyondClause, 'PENDING'],
      ]);
      await as('buyer').post(`/contracts/${contractId}/date-shift-requests/${beyondClause}/decline`, { reason: 'Formateurs indisponibles' }).expect(200);
      await as('buyer').post(`/contracts/${contractId}/date-shift-requests/${beyondClause}/decline`, { reason: 'Formateurs indisponibles' }).expect(422);
      const declined = await caughtUp('auditor', '/coordination/date-shift-requests?status=DECLINED');
      expect(declined.rows).toEqual([expect.objectContaining({ request_id: beyondClause, decline_reason: 'Formateurs indisponibles', answered_by: 'buyer-ara' })]);
    });
  });

  describe('the shared session calendar', () => {
    it('lists the sessions of the territory with their lot, moved and cancelled ones marked', async () => {
      await as('buyer')
        .post(`${order}/adjustments`, { clauseId: 'CAL-1', reason: 'Site fermé', adjustment: { kind: 'CANCEL_SESSION', sessionId: 'S-AUTUMN' } })
        .expect(200);
      const { rows } = await caughtUp('officer', '/coordination/sessions?territory=69&from=2026-01-01&to=2026-12-31');
      expect(rows).toEqual([
        expect.objectContaining({
          contractId,
          lotId: 'LOT-1',
          domainCode: '31054',
          territoryCodes: ['69', '42'],
          orderId,
          sessionId: 'S-SPRING',
          startDate: '2026-05-06',
          endDate: '2026-07-24',
          place: 'Lyon 7e',
          capacity: 12,
          modality: 'IN_PERSON',
          moved: true,
          cancelled: false,
        }),
        expect.objectContaining({ sessionId: 'S-AUTUMN', moved: false, cancelled: true }),
      ]);
      expect((await as('officer').get('/coordination/sessions?territory=69&from=2026-08-01&to=2026-08-31').expect(200)).body.rows).toEqual([]);
      expect((await as('officer').get('/coordination/sessions?territory=38').expect(200)).body.rows).toEqual([]);
      expect((await as('officerIdf').get('/coordination/sessions').expect(200)).body.rows).toEqual([]);
      await as('provider').get('/coordination/sessions').expect(403);
      await as('officer').get('/coordination/sessions?from=2026-13-01').expect(400);
      await as('officer').get('/coordination/sessions?from=2026-02-30').expect(400);
    });

    it('exports the territory’s sessions as iCalendar with stable ids, the moved dates and cancelled sessions', async () => {
      await caughtUp('officer', '/coordination/sessions');
      const response = await as('officer').get('/coordination/sessions.ics?territory=69').expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/calendar/);
      const events = new ICAL.Component(ICAL.parse(response.text)).getAllSubcomponents('vevent').map((component) => {
        const event = new ICAL.Event(component);
        return {
          uid: event.uid,
          start: event.startDate.toString(),
          end: event.endDate.toString(),
          status: component.getFirstPropertyValue('status'),
          sequence: event.sequence,
        };
      });
      expect(events).toEqual([
        // DTEND of an all-day event is the day after its last day.
        { uid: `${orderId}.S-SPRING@sessions.training-procurement`, start: '2026-05-06', end: '2026-07-25', status: 'CONFIRMED', sequence: 1 },
        { uid: `${orderId}.S-AUTUMN@sessions.training-procurement`, start: '2026-09-07', end: '2026-11-28', status: 'CANCELLED', sequence: 1 },
      ]);
      const again = await as('buyer').get('/coordination/sessions.ics?territory=69').expect(200);
      expect(again.text).toBe(response.text);
      await as('officer').get('/coordination/sessions.ics').expect(400);
      for (const [who, territory] of [['officer', '38'], ['officerIdf', '69']]) {
        const elsewhere = await as(who).get(`/coordination/sessions.ics?territory=${territory}`).expect(200);
        expect(new ICAL.Component(ICAL.parse(elsewhere.text)).getAllSubcomponents('vevent')).toEqual([]);
      }
      await as('provider').get('/coordination/sessions.ics?territory=69').expect(403);
    });
  });

  it('lets an auditor decide every co-financing and date-shift decision again from the log', async () => {
    const { body: report } = await as('auditor').post('/audit/verify').expect(200);
    expect(report.failures).toEqual([]);
    for (const type of ['CoFinancingOffered', 'CoFinancingAgreed', 'CoFinancedReductionConsented', 'SessionDateShiftRequested', 'SessionDateShiftAccepted', 'SessionDateShiftDeclined']) {
      expect({ type, ...report.decisions.byType[type] }).toMatchObject({ type, folded: 0, failed: 0 });
      expect(report.decisions.byType[type].decided).toBeGreaterThan(0);
    }
    const { body: decisions } = await as('auditor').get(`/audit/contracts/${contractId}/decisions?orderId=${orderId}`).expect(200);
    const said = (type: string) => (decisions as Array<{ type: string; what: string; actor: { role: string } }>).filter((decision) => decision.type === type);
    expect(said('CoFinancingAgreed')).toEqual([expect.objectContaining({ what: `Co-financing of order ${orderId} agreed: Pôle emploi funds €18,000.00`, actor: { id: 'buyer-ara', role: 'buyer' } })]);
    expect(said('CoFinancedReductionConsented')[0].actor.role).toBe('pole_emploi');
  });
});
