import { INestApplication } from '@nestjs/common';
import { EventStore } from '@app/event-store';
import { FixedClock, Principal } from '@app/shared';
import { callerOf, RunningApi, startApi, tokensFor } from './support/http-harness';
import { anActiveFramework } from './support/procurement-fixtures';
import { pseudonym } from './support/trainee-ids';

/**
 * A statement pays what the order commits, no more, and hours are reported only as they can happen: an order
 * of 10 trainee-hours at 15 € on a session of 5 places and 7 hours a day. Over real HTTP with the embedded store.
 */
describe('service statements capped by the order, and hours checked against the session (end to end)', () => {
  let app: INestApplication;
  let store: EventStore;
  let api: RunningApi;
  const clock = new FixedClock(new Date('2026-03-02T09:00:00.000Z'));
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi('statements-e2e', { clock });
    ({ app, store } = api);
    const principals: Record<string, Principal> = {
      buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
      providerA: { sub: 'of-a-user', role: 'provider', tenant: 'ARA', providerId: 'of-a' },
    };
    Object.assign(tokens, await tokensFor(principals));
  });
  afterAll(() => api.close());

  const as = (who: string) => callerOf(app, tokens)(who);
  const HOUR_LOT = {
    lotId: 'LOT-1',
    title: 'Remise à niveau en heures-stagiaires',
    scope: { domainCode: '15041', territoryCodes: ['69'], targetPublics: ['LOW_QUALIFIED_JOB_SEEKERS'] },
    workUnits: [{ type: 'TRAINEE_HOUR', unitPriceCents: 1_500, initialQuantity: 10_000, minQuantity: 10, maxQuantity: 20_000 }],
    maximumValueCents: 30_000_000,
  };
  const publics = { qpvResident: false, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: false };
  const trainee = (n: number) => pseudonym(`trainee-${String(n).padStart(8, '0')}`);

  async function anOrderOfTenHours(clauses: object[] = []): Promise<{ deliveries: string; statements: string; orderId: string }> {
    clock.set(new Date('2026-03-02T09:00:00.000Z'));
    const contractId = await anActiveFramework(as, { lots: [HOUR_LOT], clauses });
    const order = await as('buyer')
      .post(`/contracts/${contractId}/orders`, {
        lotId: 'LOT-1',
        lines: [{ unitType: 'TRAINEE_HOUR', quantity: 10 }],
        sessions: [{ sessionId: 'S-1', startDate: '2026-04-06', endDate: '2026-04-30', place: 'Lyon 3e', capacity: 5, modality: 'IN_PERSON', dailyHours: 7 }],
        periodStart: '2026-04-01',
        periodEnd: '2026-06-30',
      })
      .expect(201);
    const orderId = order.body.orderId as string;
    const base = `/contracts/${contractId}/orders/${orderId}`;
    return { deliveries: `${base}/deliveries`, statements: `${base}/service-statements`, orderId };
  }

  it('refuses hours without a trainee, beyond the daily schedule and entries beyond capacity, then states the excess as not payable', async () => {
    const { deliveries, statements, orderId } = await anOrderOfTenHours();
    const written = async () => (await store.readStream(`delivery-${orderId}`)).length;
    clock.set(new Date('2026-04-08T18:00:00.000Z'));
    await as('providerA').post(deliveries, { kind: 'SESSION_STARTED', sessionId: 'S-1', on: '2026-04-06' }).expect(201);
    for (let n = 1; n <= 5; n++) {
      await as('providerA')
        .post(deliveries, { kind: 'TRAINEE_ENTERED', traineeId: trainee(n), sessionId: 'S-1', enteredOn: '2026-04-06', publics })
        .expect(201);
    }
    expect(await written()).toBe(6);

    // A sixth trainee in a session of 5 places.
    const full = await as('providerA')
      .post(deliveries, { kind: 'TRAINEE_ENTERED', traineeId: trainee(6), sessionId: 'S-1', enteredOn: '2026-04-06', publics })
      .expect(422);
    expect(full.body).toMatchObject({ code: 'SESSION_FULL', details: { sessionId: 'S-1', capacity: 5, present: 5 } });

    // 500 hours in one day naming no trainee.
    const anonymous = await as('providerA').post(deliveries, { kind: 'HOURS_DELIVERED', date: '2026-04-06', hours: 500 }).expect(422);
    expect(anonymous.body).toMatchObject({ code: 'HOURS_WITHOUT_TRAINEE', details: { date: '2026-04-06', hours: 500 } });

    // 8 hours to one trainee on a day of 7.
    const long = await as('providerA').post(deliveries, { kind: 'HOURS_DELIVERED', traineeId: trainee(1), date: '2026-04-06', hours: 8 }).expect(422);
    expect(long.body).toMatchObject({
      code: 'HOURS_EXCEED_DAY',
      details: { traineeId: trainee(1), sessionId: 'S-1', date: '2026-04-06', hours: 8, maximum: 7, bound: 'SESSION_DAILY_SCHEDULE' },
    });
    expect(long.body.rule).toMatch(/daily schedule/);
    // Hours to someone who never entered.
    const stranger = await as('providerA').post(deliveries, { kind: 'HOURS_DELIVERED', traineeId: trainee(6), date: '2026-04-06', hours: 7 }).expect(422);
    expect(stranger.body.code).toBe('TRAINEE_NOT_ENTERED');
    expect(await written()).toBe(6);

    // 7 hours to each of the 5 trainees on two days: 70 hours on an order of 10.
    for (const date of ['2026-04-06', '2026-04-07']) {
      for (let n = 1; n <= 5; n++) {
        await as('providerA').post(deliveries, { kind: 'HOURS_DELIVERED', traineeId: trainee(n), date, hours: 7 }).expect(201);
      }
    }

    clock.set(new Date('2026-05-04T09:00:00.000Z'));
    const issued = await as('buyer').post(statements, { periodStart: '2026-04-01', periodEnd: '2026-04-30' }).expect(201);
    expect(issued.body.statement).toMatchObject({
      lines: [
        {
          unitType: 'TRAINEE_HOUR',
          quantity: 10,
          unitPriceCents: 1_500,
          amountCents: 15_000,
          price: { from: '2026-01-01', source: 'AWARD' },
          deliveredFrom: '2026-04-06',
          deliveredTo: '2026-04-06',
        },
      ],
      units: [{ unitType: 'TRAINEE_HOUR', orderedQuantity: 10, statedBefore: 0, delivered: 70, payable: 10, beyondOrder: 60, beyondOrderValueCents: 90_000 }],
      totalCents: 15_000,
    });

    // The statement event records the computation as it was shown.
    const recorded = (await store.readStream(`delivery-${orderId}`)).at(-1)!;
    expect(recorded).toMatchObject({ type: 'ServiceStatementIssued', metadata: { schemaVersion: 3 }, data: { totalCents: 15_000, units: [{ beyondOrder: 60 }] } });

    // The next month states nothing more: the order is used up.
    clock.set(new Date('2026-06-01T09:00:00.000Z'));
    const next = await as('buyer').post(statements, { periodStart: '2026-05-01', periodEnd: '2026-05-31' }).expect(201);
    expect(next.body.statement).toMatchObject({ units: [{ orderedQuantity: 10, statedBefore: 10, delivered: 0, payable: 0, beyondOrder: 0 }], totalCents: 0 });
  });

  it('takes entries beyond the capacity only as far as an overbooking clause allows: 20% of 5 places adds one', async () => {
    const { deliveries } = await anOrderOfTenHours([{ clauseId: 'OVERBOOK-1', terms: { type: 'OVERBOOKING', percent: 20 } }]);
    clock.set(new Date('2026-04-08T18:00:00.000Z'));
    await as('providerA').post(deliveries, { kind: 'SESSION_STARTED', sessionId: 'S-1', on: '2026-04-06' }).expect(201);
    const enter = (n: number) => as('providerA').post(deliveries, { kind: 'TRAINEE_ENTERED', traineeId: trainee(n), sessionId: 'S-1', enteredOn: '2026-04-06', publics });
    for (let n = 1; n <= 6; n++) await enter(n).expect(201);
    const full = await enter(7).expect(422);
    expect(full.body).toMatchObject({
      code: 'SESSION_FULL',
      details: { sessionId: 'S-1', capacity: 5, present: 6, overbookingPlaces: 1, overbookingClauseId: 'OVERBOOK-1' },
    });
  });
});
