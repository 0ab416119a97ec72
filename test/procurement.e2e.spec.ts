import { INestApplication } from '@nestjs/common';
import { EventStore } from '@app/event-store';
import { FixedClock, idFromName, Principal } from '@app/shared';
import { callerOf, RunningApi, startApi, tokensFor } from './support/http-harness';
import { anActiveFramework, FRAMEWORK, OPEN_DAY_LOT, PATHWAY_LOT } from './support/procurement-fixtures';

/**
 * A buyer's, two providers' and an auditor's journey through a framework agreement, over real HTTP with the
 * embedded store.
 */
describe('procurement (end to end)', () => {
  let app: INestApplication;
  let store: EventStore;
  let api: RunningApi;
  const clock = new FixedClock(new Date('2026-03-02T09:00:00.000Z'));
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi('procurement-e2e', { clock });
    ({ app, store } = api);
    const principals: Record<string, Principal> = {
      buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
      otherBuyer: { sub: 'buyer-idf-1', role: 'buyer', tenant: 'IDF' },
      providerA: { sub: 'of-a-user', role: 'provider', tenant: 'ARA', providerId: 'of-a' },
      providerB: { sub: 'of-b-user', role: 'provider', tenant: 'ARA', providerId: 'of-b' },
      auditor: { sub: 'auditor-1', role: 'auditor', tenant: 'ARA' },
    };
    Object.assign(tokens, await tokensFor(principals));
  });
  afterAll(() => api.close());

  const as = (who: string) => callerOf(app, tokens)(who);

  const session = (sessionId: string) => ({
    sessionId,
    startDate: '2026-04-06',
    endDate: '2026-07-03',
    place: 'Lyon 8e',
    capacity: 12,
    modality: 'IN_PERSON',
  });

  it('runs a framework agreement from draft to amendments answered by two providers', async () => {
    const contractId = await anActiveFramework(as);

    const orderA = await as('buyer')
      .post(`/contracts/${contractId}/orders`, {
        lotId: 'LOT-1',
        lines: [{ unitType: 'PATHWAY', quantity: 50 }],
        sessions: [session('S-1')],
        periodStart: '2026-04-01',
        periodEnd: '2026-12-31',
      })
      .expect(201);
    const orderB = await as('buyer')
      .post(`/contracts/${contractId}/orders`, {
        lotId: 'LOT-2',
        lines: [{ unitType: 'OPEN_DAY', quantity: 200 }],
        sessions: [],
        periodStart: '2026-04-01',
        periodEnd: '2026-12-31',
      })
      .expect(201);

    // The volume clause allows ±20% of the 100 pathways estimated at award, cumulatively.
    const adjust = (delta: number) =>
      as('buyer').post(`/contracts/${contractId}/orders/${orderA.body.orderId}/adjustments`, {
        clauseId: 'VOL-1',
        reason: 'Waiting list of 14 people in Lyon',
        adjustment: { kind: 'CHANGE_QUANTITY', unitType: 'PATHWAY', delta },
      });
    await adjust(15).expect(200);
    await adjust(5).expect(200);
    const refused = await adjust(1).expect(422);
    expect(refused.body).toMatchObject({
      code: 'VOLUME_CLAUSE_BOUND_EXCEEDED',
      details: { bound: 20, adjustedBefore: 20, adjustedAfter: 21 },
    });
    expect(refused.body.rule).toMatch(/Volume clause/);
    const order = await as('buyer').get(`/contracts/${contractId}/orders/${orderA.body.orderId}`).expect(200);
    expect(order.body.quantities).toEqual({ PATHWAY: 70 });

    // +100 € on the 100 pathways estimated (70 ordered, 30 to come): +10,000 €, 1% of the initial amount, computed
    // by the engine whatever the buyer estimates; only de minimis (R2194-8/-9) allows it.
    const priceRise = await as('buyer')
      .post(`/contracts/${contractId}/amendments`, {
        description: 'Revalorisation du parcours numérique',
        change: { kind: 'PRICE', lotId: 'LOT-1', unitType: 'PATHWAY', newUnitPriceCents: 310_000 },
        declaredAmountChangeCents: 500_000,
      })
      .expect(201);
    const amendmentA = priceRise.body.amendmentId;
    const proposedA = await as('buyer').get(`/contracts/${contractId}/amendments/${amendmentA}`).expect(200);
    expect(proposedA.body).toMatchObject({
      amountChangeCents: 1_000_000,
      declaredAmountChangeCents: 500_000,
      computation: {
        method: 'PRICE_DIFFERENCE_TIMES_QUANTITY',
        inputs: { currentUnitPriceCents: 300_000, newUnitPriceCents: 310_000, orderedQuantity: 70, remainingQuantity: 30 },
        amountChangeCents: 1_000_000,
      },
    });
    expect(proposedA.body.legalCheck).toMatchObject({ legalBasis: 'R2194-8', eformsCode: 'mod-minv', tenderCommitteeOpinionRequired: false });
    expect(proposedA.body.legalCheck.article).toMatch(/R2194-8/);

    // +300 € on the 500 open days estimated, +150,000 € (15%), with no justification: no article allows it, even
    // declared at 0.
    const noBasis = await as('buyer')
      .post(`/contracts/${contractId}/amendments`, {
        description: 'Revalorisation de la journée',
        change: { kind: 'PRICE', lotId: 'LOT-2', unitType: 'OPEN_DAY', newUnitPriceCents: 110_000 },
        declaredAmountChangeCents: 0,
      })
      .expect(422);
    expect(noBasis.body.code).toBe('AMENDMENT_EXCEEDS_DE_MINIMIS');
    expect(noBasis.body.details).toMatchObject({ amountChangeCents: 15_000_000 });
    expect(noBasis.body.rule).toMatch(/R2194-8/);

    const openDayPrice = await as('buyer')
      .post(`/contracts/${contractId}/amendments`, {
        description: 'Ajustement du prix de la journée',
        change: { kind: 'PRICE', lotId: 'LOT-2', unitType: 'OPEN_DAY', newUnitPriceCents: 82_000 },
      })
      .expect(201);
    const amendmentB = openDayPrice.body.amendmentId;
    for (const amendmentId of [amendmentA, amendmentB]) {
      await as('buyer').post(`/contracts/${contractId}/amendments/${amendmentId}/sign`).expect(200);
      await as('buyer').post(`/contracts/${contractId}/amendments/${amendmentId}/notify`).expect(200);
    }

    const inboxA = await as('providerA').get('/inbox/amendments').expect(200);
    expect(inboxA.body.map((entry: { amendment: { amendmentId: string } }) => entry.amendment.amendmentId)).toEqual([amendmentA]);
    await as('providerA').post(`/contracts/${contractId}/amendments/${amendmentA}/accept`).expect(200);
    await as('providerB')
      .post(`/contracts/${contractId}/amendments/${amendmentB}/dispute`, { reason: 'Le prix ne couvre pas le coût des locaux' })
      .expect(200);
    // Provider A cannot answer provider B's amendment, nor learn it exists.
    await as('providerA').post(`/contracts/${contractId}/amendments/${amendmentB}/accept`).expect(404);

    // Only the accepted amendment is in force: the next pathway order is priced at the new price.
    const contract = await as('buyer').get(`/contracts/${contractId}`).expect(200);
    expect(contract.body.lots['LOT-1'].workUnits.PATHWAY.unitPriceCents).toBe(310_000);
    expect(contract.body.lots['LOT-2'].workUnits.OPEN_DAY.unitPriceCents).toBe(80_000);
    expect(contract.body.amendments[amendmentA].status).toBe('IN_FORCE');
    expect(contract.body.amendments[amendmentB]).toMatchObject({ status: 'DISPUTED', dispute: { providerId: 'of-b' } });

    // Providers see their own part only.
    await as('providerA').get(`/contracts/${contractId}/orders/${orderA.body.orderId}`).expect(200);
    await as('providerA').get(`/contracts/${contractId}/orders/${orderB.body.orderId}`).expect(404);
    const seenByA = await as('providerA').get(`/contracts/${contractId}`).expect(200);
    expect(Object.keys(seenByA.body.lots)).toEqual(['LOT-1']);
    expect(Object.keys(seenByA.body.amendments)).toEqual([amendmentA]);
    // Figures over their own part: the contract's totals would tell one provider the other's orders and amendments.
    const whole = contract.body;
    expect(whole.modifications.map((m: { amendmentId: string }) => m.amendmentId)).toEqual([amendmentA]);
    expect(whole.orderedValueCents).toBe(whole.lots['LOT-1'].orderedValueCents + whole.lots['LOT-2'].orderedValueCents);
    const seenByB = await as('providerB').get(`/contracts/${contractId}`).expect(200);
    expect(seenByB.body).toMatchObject({
      modifications: [],
      orderedValueCents: whole.lots['LOT-2'].orderedValueCents,
      currentValueCents: whole.initialValueCents,
      maximumValueCents: whole.maximumValueCents - 1_000_000,
    });
    expect(seenByA.body).toMatchObject({
      modifications: [{ amendmentId: amendmentA, legalBasis: 'R2194-8', amountChangeCents: 1_000_000 }],
      orderedValueCents: whole.lots['LOT-1'].orderedValueCents,
      currentValueCents: whole.currentValueCents,
      maximumValueCents: whole.maximumValueCents,
    });
    // The legal check's figures total every modification of the contract: not shown to a provider.
    expect(whole.amendments[amendmentA].legalCheck.figures).not.toEqual({});
    expect(seenByA.body.amendments[amendmentA].legalCheck).toMatchObject({ legalBasis: 'R2194-8', figures: {} });

    // The auditor reads every decision and writes none.
    const history = await as('auditor').get(`/streams/contract-${contractId}/events?maxCount=1000`).expect(200);
    const types = history.body.events.map((event: { type: string }) => event.type);
    expect(types).toEqual(
      expect.arrayContaining(['ContractDrafted', 'LotAwarded', 'OrderIssued', 'OrderQuantityAdjusted', 'AmendmentProposed', 'AmendmentAccepted', 'AmendmentDisputed']),
    );
    const adjusted = history.body.events.find((event: { type: string }) => event.type === 'OrderQuantityAdjusted');
    expect(adjusted.metadata).toMatchObject({ actorId: 'buyer-ara-1', role: 'buyer', tenant: 'ARA', occurredAt: '2026-03-02T09:00:00.000Z' });
    expect(adjusted.data).toMatchObject({ clauseId: 'VOL-1', check: { clauseBound: { min: -20, max: 20 } } });
    const audited = await as('auditor').get(`/contracts/${contractId}`).expect(200);
    expect(Object.keys(audited.body.lots).sort()).toEqual(['LOT-1', 'LOT-2']);
    await as('auditor').post(`/contracts/${contractId}/close`).expect(403);
    await as('auditor').post('/contracts', FRAMEWORK).expect(403);
  });

  it('lists the contracts of the tenant, and of a provider only those it performs', async () => {
    const contractId = await anActiveFramework(as);
    const buyerList = await as('buyer').get('/contracts').expect(200);
    expect(buyerList.body.map((c: { contractId: string }) => c.contractId)).toContain(contractId);
    const otherTenant = await as('otherBuyer').get('/contracts').expect(200);
    expect(otherTenant.body.map((c: { contractId: string }) => c.contractId)).not.toContain(contractId);
    await as('otherBuyer').get(`/contracts/${contractId}`).expect(404);
    await as('otherBuyer').post(`/contracts/${contractId}/close`).expect(404);
  });

  it('handles a command sent twice with the same Idempotency-Key once', async () => {
    const send = () => as('buyer').post('/contracts', FRAMEWORK).set('Idempotency-Key', `draft-${Date.now()}-${Math.random()}`.slice(0, 40));
    const key = `draft-once-${Math.random().toString(36).slice(2)}`;
    const first = await as('buyer').post('/contracts', FRAMEWORK).set('Idempotency-Key', key).expect(201);
    const again = await as('buyer').post('/contracts', FRAMEWORK).set('Idempotency-Key', key).expect(201);

    expect(again.body).toEqual({ ...first.body, replayed: true });
    expect(await store.readStream(`contract-${first.body.contractId}`)).toHaveLength(1);
    const other = await send().expect(201);
    expect(other.body.contractId).not.toBe(first.body.contractId);
  });

  it('binds an Idempotency-Key to its caller, route and body: another body or another route is 422 IDEMPOTENCY_KEY_REUSED and writes nothing', async () => {
    const key = `bound-${Math.random().toString(36).slice(2)}`;
    const first = await as('buyer').post('/contracts', FRAMEWORK).set('Idempotency-Key', key).expect(201);
    const id = first.body.contractId;
    // The same body with its fields in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(FRAMEWORK).reverse());
    expect((await as('buyer').post('/contracts', reordered).set('Idempotency-Key', key).expect(201)).body.replayed).toBe(true);
    const before = await store.headPosition();
    const otherBody = await as('buyer').post('/contracts', { ...FRAMEWORK, title: 'Another contract' }).set('Idempotency-Key', key).expect(422);
    expect(otherBody.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', details: { firstUsedFor: 'POST /contracts' } });
    const lotKey = `${key}-lot`;
    await as('buyer').post(`/contracts/${id}/lots`, PATHWAY_LOT).set('Idempotency-Key', lotKey).expect(201);
    const afterLot = await store.headPosition();
    const otherRoute = await as('buyer').post(`/contracts/${id}/publish`).set('Idempotency-Key', lotKey).expect(422);
    expect(otherRoute.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', details: { firstUsedFor: `POST /contracts/${id}/lots` } });
    expect(afterLot - before).toBe(1);
    expect(await store.headPosition()).toBe(afterLot);
    // Another caller's key of the same spelling is its own.
    await as('otherBuyer').post('/contracts', { ...FRAMEWORK, title: 'Another contract' }).set('Idempotency-Key', key).expect(201);
  });

  it('answers 409 to a write based on a stale revision (If-Match) and writes nothing', async () => {
    const drafted = await as('buyer').post('/contracts', FRAMEWORK).expect(201);
    const id = drafted.body.contractId;
    const stale = drafted.headers.etag;
    await as('buyer').post(`/contracts/${id}/lots`, PATHWAY_LOT).set('If-Match', stale).expect(201);

    const conflict = await as('buyer').post(`/contracts/${id}/lots`, OPEN_DAY_LOT).set('If-Match', stale).expect(409);

    expect(conflict.body).toMatchObject({ code: 'CONCURRENCY_CONFLICT', expectedRevision: 0, actualRevision: 1 });
    expect(await store.readStream(`contract-${id}`)).toHaveLength(2);
  });

  it('answers 404 to a write with If-Match on a contract that does not exist, as on another tenant\'s, never 409 with a revision', async () => {
    const missing = idFromName('contract', 'never drafted');
    for (const [path, body] of [[`/contracts/${missing}/lots`, PATHWAY_LOT], [`/contracts/${missing}/publish`, {}], [`/contracts/${missing}/close`, {}]] as const) {
      const response = await as('buyer').post(path, body).set('If-Match', '"3"');
      expect({ path, status: response.status, code: response.body.code }).toEqual({ path, status: 404, code: 'NOT_FOUND' });
    }
  });

  it('refuses a weak ETag in If-Match (strong comparison, RFC 9110 §13.1.1), even one naming the current revision', async () => {
    const drafted = await as('buyer').post('/contracts', FRAMEWORK).expect(201);
    const id = drafted.body.contractId;
    const refused = await as('buyer').post(`/contracts/${id}/lots`, PATHWAY_LOT).set('If-Match', `W/${drafted.headers.etag}`).expect(400);
    expect(refused.body).toMatchObject({ code: 'INVALID_INPUT', fields: [{ field: 'If-Match', messages: [expect.stringContaining('strong')] }] });
    expect(await store.readStream(`contract-${id}`)).toHaveLength(1);
    await as('buyer').post(`/contracts/${id}/lots`, PATHWAY_LOT).set('If-Match', drafted.headers.etag).expect(201);
  });

  it('answers 400 naming each malformed field, and writes nothing', async () => {
    const before = (await store.readAll()).length;
    const response = await as('buyer')
      .post('/contracts', { ...FRAMEWORK, endDate: '2025-12-31', initialValueCents: -5, mode: 'BARTER', extra: 1 })
      .expect(400);
    expect(response.body.code).toBe('INVALID_INPUT');
    expect(response.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['endDate', 'extra', 'initialValueCents', 'mode']);
    const lot = await as('buyer')
      .post(`/contracts/${(await as('buyer').post('/contracts', FRAMEWORK)).body.contractId}/lots`, {
        ...PATHWAY_LOT,
        workUnits: [{ ...PATHWAY_LOT.workUnits[0], unitPriceCents: 12.5 }],
      })
      .expect(400);
    expect(lot.body.fields.map((f: { field: string }) => f.field)).toEqual(['workUnits.0.unitPriceCents']);
    expect((await store.readAll()).length).toBe(before + 1);
  });

  it('refuses a framework agreement longer than four years with the rule it breaks', async () => {
    const response = await as('buyer').post('/contracts', { ...FRAMEWORK, endDate: '2030-01-31' }).expect(422);
    expect(response.body).toMatchObject({ code: 'FRAMEWORK_DURATION_EXCEEDS_4_YEARS', rule: expect.stringMatching(/L2125-1/) });
  });
});
