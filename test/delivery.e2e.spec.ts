import { INestApplication } from '@nestjs/common';
import { EventStore } from '@app/event-store';
import { FixedClock, idFromName, Principal } from '@app/shared';
import { aMetadata } from '../libs/event-store/src/testing/event-store.contract';
import { callerOf, RunningApi, startApi, tokensFor } from './support/http-harness';
import { certifiedProviders } from './support/provider-register-fixtures';
import { aPathwayOrder } from './support/procurement-fixtures';
import { pseudonym } from './support/trainee-ids';

/**
 * A provider reports the delivery of a pathway order until its session is full, keeps a waiting list, then
 * completions and an early exit; the buyer states the service done with its quality part; another provider, an
 * auditor and Pôle emploi look on, and the read models show the figures. Over real HTTP with the embedded store.
 */
describe('delivery and service statements (end to end)', () => {
  let app: INestApplication;
  let store: EventStore;
  let api: RunningApi;
  const clock = new FixedClock(new Date('2026-03-02T09:00:00.000Z'));
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi('delivery-e2e', { clock });
    ({ app, store } = api);
    const principals: Record<string, Principal> = {
      buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
      otherBuyer: { sub: 'buyer-idf-1', role: 'buyer', tenant: 'IDF' },
      providerA: { sub: 'of-a-user', role: 'provider', tenant: 'ARA', providerId: 'of-a' },
      providerB: { sub: 'of-b-user', role: 'provider', tenant: 'ARA', providerId: 'of-b' },
      auditor: { sub: 'auditor-1', role: 'auditor', tenant: 'ARA' },
      poleEmploi: { sub: 'pe-officer-1', role: 'pole_emploi', tenant: 'ARA' },
    };
    Object.assign(tokens, await tokensFor(principals));
  });
  afterAll(() => api.close());

  const as = (who: string) => callerOf(app, tokens)(who);

  /** A framework agreement: pathways on LOT-1 (10% of the price tied to completion) for of-a, open days on LOT-2 for of-b. */
  async function anOrderWithASessionOfTwoPlaces(): Promise<{ contractId: string; orderId: string }> {
    clock.set(new Date('2026-03-02T09:00:00.000Z'));
    const drafted = await as('buyer')
      .post('/contracts', {
        title: 'Parcours vers l’emploi 2026-2029',
        mode: 'FRAMEWORK_AGREEMENT',
        awardProcedure: { procedure: 'OPEN_TENDER' },
        cpvCode: '80530000-8',
        startDate: '2026-01-01',
        endDate: '2029-12-31',
        initialValueCents: 100_000_000,
        maximumValueCents: 200_000_000,
      })
      .expect(201);
    const contractId = drafted.body.contractId as string;
    await as('buyer')
      .post(`/contracts/${contractId}/lots`, {
        lotId: 'LOT-1',
        title: 'Parcours qualifiants numériques',
        scope: { domainCode: '31054', territoryCodes: ['69'], targetPublics: ['QPV_RESIDENTS'] },
        workUnits: [
          {
            type: 'PATHWAY',
            unitPriceCents: 300_000,
            qualityPart: { percent: 10, indicator: 'COMPLETION_RATE' },
            initialQuantity: 100,
            minQuantity: 20,
            maxQuantity: 200,
          },
        ],
        maximumValueCents: 80_000_000,
      })
      .expect(201);
    await as('buyer')
      .post(`/contracts/${contractId}/lots`, {
        lotId: 'LOT-2',
        title: 'Plateformes d’entrées et sorties permanentes',
        scope: { domainCode: '15054', territoryCodes: ['38'], targetPublics: ['RURAL_RESIDENTS'] },
        workUnits: [{ type: 'OPEN_DAY', unitPriceCents: 80_000, initialQuantity: 500, minQuantity: 100, maxQuantity: 1000 }],
        maximumValueCents: 90_000_000,
      })
      .expect(201);
    await as('buyer')
      .post(`/contracts/${contractId}/clauses`, {
        clauseId: 'QUAL-1',
        lotId: 'LOT-1',
        terms: {
          type: 'QUALITY_INCENTIVE',
          tiers: [
            { indicator: 'COMPLETION_RATE', thresholdPercent: 0, adjustmentPercent: -50 },
            { indicator: 'COMPLETION_RATE', thresholdPercent: 60, adjustmentPercent: 0 },
            { indicator: 'COMPLETION_RATE', thresholdPercent: 80, adjustmentPercent: 20 },
          ],
        },
      })
      .expect(201);
    await as('buyer').post(`/contracts/${contractId}/publish`).expect(200);
    await certifiedProviders(as, ['of-a', 'of-b']);
    await as('buyer').post(`/contracts/${contractId}/lots/LOT-1/award`, { providerIds: ['of-a'], bidsReceived: 3 }).expect(200);
    await as('buyer').post(`/contracts/${contractId}/lots/LOT-2/award`, { providerIds: ['of-b'], bidsReceived: 3 }).expect(200);
    await as('buyer').post(`/contracts/${contractId}/activate`).expect(200);
    return { contractId, orderId: await aPathwayOrder(as, contractId, { quantity: 10, capacity: 2 }) };
  }

  const publics = { qpvResident: true, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: true };
  const entry = (traineeId: string) => ({ kind: 'TRAINEE_ENTERED', traineeId, sessionId: 'S-1', enteredOn: '2026-04-06', publics });

  it('names trainees by ids the api issues: a phone number, an e-mail or a name is refused (422) and writes nothing; a trainee recorded before keeps its id', async () => {
    const { contractId, orderId } = await anOrderWithASessionOfTwoPlaces();
    const deliveries = `/contracts/${contractId}/orders/${orderId}/deliveries`;
    clock.set(new Date('2026-04-06T16:00:00.000Z'));
    await as('providerA').post(deliveries, { kind: 'SESSION_STARTED', sessionId: 'S-1', on: '2026-04-06' }).expect(201);
    const before = await store.headPosition();
    for (const clear of ['0612345678a', 'jean-dupont-1985-06-12', 'jean.dupont@example.org', 'trainee-a1b2c3d4', 'tr-jeandupontjeandupontjeand']) {
      const refused = await as('providerA').post(deliveries, entry(clear));
      // Not in the shape of any pseudonym (an e-mail): TRAINEE_ID_NOT_PSEUDONYMOUS; in that shape but not issued: TRAINEE_ID_NOT_ISSUED.
      const code = /^[A-Za-z0-9_-]{8,64}$/.test(clear) ? 'TRAINEE_ID_NOT_ISSUED' : 'TRAINEE_ID_NOT_PSEUDONYMOUS';
      expect({ clear, status: refused.status, code: refused.body.code }).toEqual({ clear, status: 422, code });
      expect(JSON.stringify(refused.body)).not.toContain(clear);
    }
    expect(await store.headPosition()).toBe(before);

    // Issued at random, or derived from the provider's own reference: the same reference gives the same id, another
    // provider's the same reference another id; the reference itself is never recorded.
    const random = await as('providerA').post('/trainee-ids', {}).expect(201);
    expect(random.body).toEqual({ traineeId: expect.stringMatching(/^tr-[bcdfghjkmnpqrstvwxz]{26}$/), derived: false });
    const derive = async (who: string) => (await as(who).post('/trainee-ids', { reference: 'dossier 2026/0042' }).expect(201)).body.traineeId as string;
    const mine = await derive('providerA');
    expect(await derive('providerA')).toBe(mine);
    expect(await derive('providerB')).not.toBe(mine);
    await as('buyer').post('/trainee-ids', {}).expect(403);
    await as('providerA').post(deliveries, entry(mine)).expect(201);
    expect(JSON.stringify(await store.readAll())).not.toContain('dossier 2026/0042');

    // A trainee entered before the rule, under a free-form id, is still reported on under it (events are never rewritten).
    const legacy = 'trainee-e5f6a7b8';
    await store.appendToStream(
      `delivery-${orderId}`,
      [{ id: idFromName('legacy', orderId), type: 'TraineeEntered', data: { contractId, orderId, traineeId: legacy, sessionId: 'S-1', enteredOn: '2026-04-06', publics }, metadata: aMetadata({ tenant: 'ARA' }) }],
      { expectedRevision: 'any' },
    );
    clock.set(new Date('2026-05-11T09:00:00.000Z'));
    await as('providerA').post(deliveries, { kind: 'TRAINEE_LEFT_EARLY', traineeId: legacy, on: '2026-05-10', destination: 'EMPLOYMENT', employment: { contractType: 'CDI' } }).expect(201);
  });

  it('takes reports until the session is full, then states the service done with its quality part', async () => {
    const { contractId, orderId } = await anOrderWithASessionOfTwoPlaces();
    const deliveries = `/contracts/${contractId}/orders/${orderId}/deliveries`;
    const statements = `/contracts/${contractId}/orders/${orderId}/service-statements`;
    const stream = `delivery-${orderId}`;
    const written = async () => (await store.readStream(stream)).length;

    clock.set(new Date('2026-04-06T16:00:00.000Z'));
    const started = await as('providerA').post(deliveries, { kind: 'SESSION_STARTED', sessionId: 'S-1', on: '2026-04-06' }).expect(201);
    expect(started.body).toMatchObject({ contractId, orderId, revision: 0, events: [{ type: 'SessionStarted' }], replayed: false });
    expect(started.headers.etag).toBe('"0"');
    await as('providerA').post(deliveries, entry(pseudonym('trainee-a1b2c3d4'))).expect(201);
    await as('providerA').post(deliveries, entry(pseudonym('trainee-e5f6a7b8'))).expect(201);

    // The session holds 2 places: a third entry is refused, and nothing is written.
    const full = await as('providerA').post(deliveries, entry(pseudonym('trainee-c9d0e1f2'))).expect(422);
    expect(full.body).toMatchObject({ code: 'SESSION_FULL', details: { sessionId: 'S-1', capacity: 2, present: 2 } });
    expect(full.body.rule).toMatch(/capacity/);
    expect(await written()).toBe(3);

    // The same entry again is harmless: nothing new.
    const again = await as('providerA').post(deliveries, entry(pseudonym('trainee-a1b2c3d4'))).expect(201);
    expect(again.body).toMatchObject({ revision: 2, events: [], replayed: false });
    expect(await written()).toBe(3);

    // A social-security number is not a trainee id, and is not echoed back.
    const nir = await as('providerA').post(deliveries, entry('185057800608491')).expect(422);
    expect(nir.body.code).toBe('TRAINEE_ID_NOT_PSEUDONYMOUS');
    expect(JSON.stringify(nir.body)).not.toContain('185057800608491');

    // Refusals by the order's terms.
    const openDays = await as('providerA').post(deliveries, { kind: 'OPEN_DAYS_DELIVERED', date: '2026-04-06', count: 1 }).expect(422);
    expect(openDays.body).toMatchObject({ code: 'WORK_UNIT_NOT_ORDERED', details: { unitType: 'OPEN_DAY', ordered: ['PATHWAY'] } });
    const early = await as('providerA').post(deliveries, { ...entry(pseudonym('trainee-c9d0e1f2')), enteredOn: '2026-03-31' }).expect(422);
    expect(early.body).toMatchObject({ code: 'DELIVERY_OUTSIDE_ORDER_PERIOD', details: { periodStart: '2026-04-01' } });
    expect(await written()).toBe(3);

    clock.set(new Date('2026-07-03T17:00:00.000Z'));
    await as('providerA').post(deliveries, { kind: 'TRAINEE_LEFT_EARLY', traineeId: pseudonym('trainee-e5f6a7b8'), on: '2026-05-10', destination: 'EMPLOYMENT', employment: { contractType: 'CDI' } }).expect(201);
    await as('providerA').post(deliveries, { kind: 'TRAINEE_COMPLETED', traineeId: pseudonym('trainee-a1b2c3d4'), on: '2026-07-03' }).expect(201);
    const ended = await as('providerA').post(deliveries, { kind: 'SESSION_ENDED', sessionId: 'S-1', on: '2026-07-03' }).expect(201);
    expect(ended.body.revision).toBe(5);
    const notEntered = await as('providerA').post(deliveries, { kind: 'TRAINEE_COMPLETED', traineeId: pseudonym('trainee-c9d0e1f2'), on: '2026-07-03' }).expect(422);
    expect(notEntered.body.code).toBe('TRAINEE_NOT_ENTERED');

    // Only a period that has ended is stated.
    const tooSoon = await as('buyer').post(statements, { periodStart: '2026-04-01', periodEnd: '2026-07-31' }).expect(422);
    expect(tooSoon.body.code).toBe('STATEMENT_PERIOD_NOT_ELAPSED');

    clock.set(new Date('2026-08-03T09:00:00.000Z'));
    const issued = await as('buyer').post(statements, { periodStart: '2026-04-01', periodEnd: '2026-07-31' }).expect(201);
    // 1 pathway completed × 3,000 €; 10% of it varies with completion. The other trainee left for a job, a positive exit
    // out of the rate: 1 of 1 (100%) reaches the 80% tier, a bonus of 20% (counted as a dropout, 50% would be a malus).
    expect(issued.body).toMatchObject({
      contractId,
      orderId,
      revision: 6,
      events: [{ type: 'ServiceStatementIssued' }],
      statement: {
        statementId: issued.body.statementId,
        periodStart: '2026-04-01',
        periodEnd: '2026-07-31',
        issuedAt: '2026-08-03T09:00:00.000Z',
        lines: [{ unitType: 'PATHWAY', quantity: 1, unitPriceCents: 300_000, amountCents: 300_000 }],
        fixedAmountCents: 270_000,
        qualityVariables: [
          {
            indicator: 'COMPLETION_RATE',
            baseAmountCents: 30_000,
            measuredPercent: 100,
            tierApplied: { clauseId: 'QUAL-1', thresholdPercent: 80, adjustmentPercent: 20 },
            amountCents: 36_000,
            inputs: { sessionsEndedInPeriod: ['S-1'], traineesEntered: 2, traineesCompleted: 1, traineesLeftForPositiveExit: 1, numerator: 1, denominator: 1 },
          },
        ],
        totalCents: 306_000,
        rounding: 'FLOOR_TO_CENT',
      },
    });
    const overlapping = await as('buyer').post(statements, { periodStart: '2026-07-15', periodEnd: '2026-08-02' }).expect(422);
    expect(overlapping.body).toMatchObject({ code: 'STATEMENT_PERIOD_OVERLAPS', details: { statementId: issued.body.statementId } });
    await as('providerA').post(statements, { periodStart: '2026-08-01', periodEnd: '2026-08-02' }).expect(403);
    await as('auditor').post(deliveries, { kind: 'SESSION_STARTED', sessionId: 'S-1', on: '2026-04-06' }).expect(403);
    expect(await written()).toBe(7);

    // The buyer, the auditor, Pôle emploi and the provider read the delivery; the ETag is the delivery stream's revision.
    for (const who of ['buyer', 'auditor', 'poleEmploi', 'providerA']) {
      const read = await as(who).get(deliveries).expect(200);
      expect(read.headers.etag).toBe('"6"');
      expect(read.body).toMatchObject({
        contractId,
        orderId,
        revision: 6,
        delivery: {
          sessions: { 'S-1': { startedOn: '2026-04-06', endedOn: '2026-07-03' } },
          trainees: {
            [pseudonym('trainee-a1b2c3d4')]: { sessionId: 'S-1', enteredOn: '2026-04-06', publics, completedOn: '2026-07-03' },
            [pseudonym('trainee-e5f6a7b8')]: { leftEarly: { on: '2026-05-10', destination: 'EMPLOYMENT', employment: { contractType: 'CDI' } } },
          },
          statements: [{ statementId: issued.body.statementId, totalCents: 306_000 }],
        },
      });
    }

    // The auditor replays the delivery stream: who reported what, when.
    const history = await as('auditor').get(`/streams/${stream}/events?maxCount=100`).expect(200);
    expect(history.body.events.map((event: { type: string }) => event.type)).toEqual([
      'SessionStarted',
      'TraineeEntered',
      'TraineeEntered',
      'TraineeLeftEarly',
      'TraineeCompleted',
      'SessionEnded',
      'ServiceStatementIssued',
    ]);
    expect(history.body.events[1]).toMatchObject({
      data: { contractId, orderId, traineeId: pseudonym('trainee-a1b2c3d4'), publics },
      metadata: { actorId: 'of-a-user', role: 'provider', tenant: 'ARA', occurredAt: '2026-04-06T16:00:00.000Z' },
    });
  });

  it('keeps a waiting list of a full session, and the read models show the delivery at the position of the writes', async () => {
    const { contractId, orderId } = await anOrderWithASessionOfTwoPlaces();
    const deliveries = `/contracts/${contractId}/orders/${orderId}/deliveries`;
    const rural = { qpvResident: false, ruralResident: true, disabled: false, isolatedParent: false, youngNeet: false };
    const wait = (traineeId: string, on = '2026-04-06') => ({ kind: 'TRAINEE_WAITLISTED', traineeId, sessionId: 'S-1', on, publics: rural });

    clock.set(new Date('2026-04-06T16:00:00.000Z'));
    await as('providerA').post(deliveries, { kind: 'SESSION_STARTED', sessionId: 'S-1', on: '2026-04-06' }).expect(201);
    await as('providerA').post(deliveries, entry(pseudonym('trainee-a1b2c3d4'))).expect(201);
    // One place is still free: the trainee enters instead of waiting.
    const notFull = await as('providerA').post(deliveries, wait(pseudonym('trainee-c9d0e1f2'))).expect(422);
    expect(notFull.body).toMatchObject({ code: 'SESSION_NOT_FULL', details: { sessionId: 'S-1', capacity: 2, present: 1 } });
    await as('providerA').post(deliveries, entry(pseudonym('trainee-e5f6a7b8'))).expect(201);
    const waiting = await as('providerA').post(deliveries, wait(pseudonym('trainee-c9d0e1f2'))).expect(201);
    expect(waiting.body).toMatchObject({ events: [{ type: 'TraineeWaitlisted' }] });
    expect((await as('providerA').post(deliveries, wait(pseudonym('trainee-c9d0e1f2'))).expect(201)).body.events).toEqual([]);
    await as('providerA').post(deliveries, wait(pseudonym('trainee-d3e4f5a6'))).expect(201);
    const nir = await as('providerA').post(deliveries, wait('185057800608491')).expect(422);
    expect(nir.body.code).toBe('TRAINEE_ID_NOT_PSEUDONYMOUS');

    // A place frees up: the first on the list enters and leaves the list.
    clock.set(new Date('2026-07-03T17:00:00.000Z'));
    await as('providerA').post(deliveries, { kind: 'TRAINEE_LEFT_EARLY', traineeId: pseudonym('trainee-e5f6a7b8'), on: '2026-05-10', destination: 'EMPLOYMENT', employment: { contractType: 'CDI' } }).expect(201);
    await as('providerA')
      .post(deliveries, { kind: 'TRAINEE_ENTERED', traineeId: pseudonym('trainee-c9d0e1f2'), sessionId: 'S-1', enteredOn: '2026-05-11', publics: rural })
      .expect(201);
    await as('providerA').post(deliveries, { kind: 'TRAINEE_COMPLETED', traineeId: pseudonym('trainee-a1b2c3d4'), on: '2026-07-03' }).expect(201);
    await as('providerA').post(deliveries, { kind: 'TRAINEE_COMPLETED', traineeId: pseudonym('trainee-c9d0e1f2'), on: '2026-07-03' }).expect(201);
    await as('providerA').post(deliveries, { kind: 'SESSION_ENDED', sessionId: 'S-1', on: '2026-07-03' }).expect(201);
    clock.set(new Date('2026-08-03T09:00:00.000Z'));
    await as('providerA')
      .post(deliveries, { kind: 'CERTIFICATION_OBTAINED', traineeId: pseudonym('trainee-a1b2c3d4'), on: '2026-07-10', certificationCode: 'RNCP37827' })
      .expect(201);
    const issued = await as('buyer')
      .post(`/contracts/${contractId}/orders/${orderId}/service-statements`, { periodStart: '2026-04-01', periodEnd: '2026-07-31' })
      .expect(201);
    // 2 pathways × 3,000 €; 2 of the 2 trainees who did not leave for a job completed (100%): the 80% tier, +20% of the 600 € part.
    expect(issued.body.statement.totalCents).toBe(612_000);

    const read = await as('buyer').get(deliveries).expect(200);
    expect(read.body.delivery.waitingList).toEqual({
      [pseudonym('trainee-d3e4f5a6')]: { traineeId: pseudonym('trainee-d3e4f5a6'), sessionId: 'S-1', on: '2026-04-06', publics: rural },
    });
    expect(read.body.delivery.trainees[pseudonym('trainee-c9d0e1f2')]).toMatchObject({ enteredOn: '2026-05-11', waitlisted: { on: '2026-04-06' } });

    // The read models follow the log: poll until they include the last write.
    const written = await store.headPosition();
    const readModel = async (who: string, path: string) => {
      for (let attempt = 0; ; attempt++) {
        const answer = await as(who).get(path).expect(200);
        if (answer.body.position >= written || attempt >= 100) return answer.body;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };

    const fill = await readModel('buyer', `/read-models/session-fill?contractId=${contractId}&orderId=${orderId}`);
    expect(fill.position).toBeGreaterThanOrEqual(written);
    expect(fill.rows).toEqual([
      { contract_id: contractId, order_id: orderId, session_id: 'S-1', lot_id: 'LOT-1', capacity: 2, cancelled: 0, entries: 2, completed: 2, waiting_list: 1, referred: 0, referrals_waiting: 0, fill_rate_percent: 100 },
    ]);
    expect(fill.orders).toEqual([
      { contract_id: contractId, order_id: orderId, lot_id: 'LOT-1', sessions: 1, capacity: 2, entries: 2, completed: 2, waiting_list: 1, referred: 0, referrals_waiting: 0, fill_rate_percent: 100 },
    ]);
    expect((await readModel('providerA', `/read-models/session-fill?orderId=${orderId}`)).rows).toHaveLength(1);
    expect((await readModel('providerB', `/read-models/session-fill?orderId=${orderId}`)).rows).toEqual([]);
    expect((await readModel('otherBuyer', `/read-models/session-fill?orderId=${orderId}`)).rows).toEqual([]);

    const delivered = await readModel('buyer', `/read-models/lot-delivery?contractId=${contractId}`);
    expect(delivered.rows).toEqual([
      expect.objectContaining({
        lot_id: 'LOT-1',
        provider_id: 'of-a',
        entered: 3,
        left_early: 1,
        left_early_to_employment: 1,
        positive_exits: 1,
        completed: 2,
        certified: 1,
        // The trainee who left for a job is a positive exit: no dropout, 2 completions of 2 pathways not left for one.
        dropout_rate_percent: 0,
        completion_rate_percent: 100,
        delivered: { PATHWAY: 2 },
      }),
      expect.objectContaining({ lot_id: 'LOT-2', provider_id: 'of-b', entered: 0, completion_rate_percent: null, delivered: {} }),
    ]);
    expect((await readModel('providerA', `/read-models/lot-delivery?contractId=${contractId}`)).rows.map((row: { lot_id: string }) => row.lot_id)).toEqual(['LOT-1']);
    expect((await readModel('providerB', `/read-models/lot-delivery?contractId=${contractId}`)).rows.map((row: { lot_id: string }) => row.lot_id)).toEqual(['LOT-2']);

    const publicsRead = await readModel('buyer', `/read-models/priority-publics?contractId=${contractId}`);
    expect(publicsRead.rows[0]).toMatchObject({
      lot_id: 'LOT-1',
      entries: 3,
      qpv_residents: 2,
      qpv_residents_percent: 66.67,
      young_neet: 2,
      rural_residents: 1,
      rural_residents_percent: 33.33,
      qpv_target_percent: 15,
      qpv_gap_points: 51.67,
    });
    const quality = await readModel('auditor', `/read-models/quality?contractId=${contractId}`);
    expect(quality.rows[0]).toMatchObject({ lot_id: 'LOT-1', entered: 3, completed: 2, certified: 1, positive_exits: 1, completion_rate_percent: 100, certification_rate_percent: 50 });
    expect((await readModel('providerB', `/read-models/quality?contractId=${contractId}`)).rows.map((row: { lot_id: string }) => row.lot_id)).toEqual(['LOT-2']);

    const budgets = await readModel('buyer', `/read-models/budgets?contractId=${contractId}`);
    expect(budgets.rows).toEqual([expect.objectContaining({ contract_id: contractId, committed_cents: 3_000_000, consumed_cents: 612_000, statements_issued: 1 })]);
    const consumption = await readModel('buyer', `/read-models/lot-consumption?contractId=${contractId}`);
    expect(consumption.rows).toEqual([
      expect.objectContaining({ lot_id: 'LOT-1', unit_type: 'PATHWAY', ordered_quantity: 10, delivered_quantity: 2 }),
      expect.objectContaining({ lot_id: 'LOT-2', unit_type: 'OPEN_DAY', ordered_quantity: 0, delivered_quantity: 0 }),
    ]);
    await as('providerA').get(`/read-models/budgets?contractId=${contractId}`).expect(403);
  });

  it('answers 404 to a provider that does not perform the order, and to another tenant', async () => {
    const { contractId, orderId } = await anOrderWithASessionOfTwoPlaces();
    const deliveries = `/contracts/${contractId}/orders/${orderId}/deliveries`;
    clock.set(new Date('2026-04-06T16:00:00.000Z'));

    await as('providerB').post(deliveries, { kind: 'SESSION_STARTED', sessionId: 'S-1', on: '2026-04-06' }).expect(404);
    await as('providerB').get(deliveries).expect(404);
    await as('otherBuyer').get(deliveries).expect(404);
    await as('otherBuyer').post(`/contracts/${contractId}/orders/${orderId}/service-statements`, { periodStart: '2026-04-01', periodEnd: '2026-04-05' }).expect(404);
    // An order of another contract is not found under this one.
    const other = await anOrderWithASessionOfTwoPlaces();
    await as('providerA').get(`/contracts/${contractId}/orders/${other.orderId}/deliveries`).expect(404);
    expect(await store.readStream(`delivery-${orderId}`)).toEqual([]);

    const empty = await as('providerA').get(deliveries).expect(200);
    expect(empty.headers.etag).toBe('"-1"');
    expect(empty.body).toMatchObject({ revision: -1, delivery: { trainees: {}, statements: [] } });
  });

  it('answers 400 naming each malformed field, and writes nothing', async () => {
    const { contractId, orderId } = await anOrderWithASessionOfTwoPlaces();
    const deliveries = `/contracts/${contractId}/orders/${orderId}/deliveries`;
    clock.set(new Date('2026-04-06T16:00:00.000Z'));
    const before = (await store.readAll()).length;

    const unknownKind = await as('providerA').post(deliveries, { kind: 'TRAINEE_TELEPORTED', traineeId: pseudonym('trainee-a1b2c3d4') }).expect(400);
    expect(unknownKind.body).toMatchObject({ code: 'INVALID_INPUT', fields: [{ field: 'kind' }] });
    await as('providerA').post(deliveries, { kind: '__proto__' }).expect(400);

    const { youngNeet: _missing, ...incomplete } = publics;
    const malformed = await as('providerA')
      .post(deliveries, { ...entry(pseudonym('trainee-a1b2c3d4')), enteredOn: '2026-02-30', publics: incomplete, name: 'Jean Dupont' })
      .expect(400);
    expect(malformed.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['enteredOn', 'name', 'publics.youngNeet']);

    const reason = await as('providerA').post(deliveries, { kind: 'TRAINEE_LEFT_EARLY', traineeId: pseudonym('trainee-a1b2c3d4'), on: '2026-04-06', destination: 'EMPLOYMENT', reason: 'BORED' }).expect(400);
    expect(reason.body.fields.map((f: { field: string }) => f.field)).toEqual(['reason']);
    await as('providerA').post(`/contracts/${contractId}/orders/not-an-order/deliveries`, entry(pseudonym('trainee-a1b2c3d4'))).expect(400);
    const period = await as('buyer')
      .post(`/contracts/${contractId}/orders/${orderId}/service-statements`, { periodStart: '2026-04-30', periodEnd: '2026-04-01' })
      .expect(400);
    expect(period.body.fields.map((f: { field: string }) => f.field)).toEqual(['periodEnd']);
    expect((await store.readAll()).length).toBe(before);
  });

  it('handles a report sent twice with the same Idempotency-Key once', async () => {
    const { contractId, orderId } = await anOrderWithASessionOfTwoPlaces();
    const deliveries = `/contracts/${contractId}/orders/${orderId}/deliveries`;
    clock.set(new Date('2026-04-06T16:00:00.000Z'));
    const send = () =>
      as('providerA').post(deliveries, { kind: 'SESSION_STARTED', sessionId: 'S-1', on: '2026-04-06' }).set('Idempotency-Key', `start-s1-${orderId}`);

    const first = await send().expect(201);
    const again = await send().expect(201);
    expect(again.body).toEqual({ ...first.body, replayed: true });
    expect(await store.readStream(`delivery-${orderId}`)).toHaveLength(1);
  });
});
