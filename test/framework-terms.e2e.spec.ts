import { FixedClock } from '@app/shared';
import { callerOf, RunningApi, startApi, tokensFor } from './support/http-harness';
import { anActiveFramework, FRAMEWORK } from './support/procurement-fixtures';

/** The framework agreement's own terms over HTTP: orders past its end (R2162-5), more than four years (L2125-1 1°). */
describe('framework agreement terms (end to end)', () => {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00.000Z'));
  let running: RunningApi;
  let as: ReturnType<typeof callerOf>;

  beforeAll(async () => {
    running = await startApi('framework-terms-e2e', { clock });
    as = callerOf(running.app, await tokensFor({ buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' } }));
  });
  afterAll(() => running?.close());

  it('lets an order issued in force run past the framework\'s end within the days the contract sets, and refuses it beyond', async () => {
    clock.set(new Date('2026-03-02T09:00:00.000Z'));
    // The framework ends on 2029-12-31; its orders may run 60 days more, to 2030-03-01.
    const contractId = await anActiveFramework(as, { contract: { orderRunPastEndDays: 60 } });
    clock.set(new Date('2029-11-02T09:00:00.000Z'));
    const order = (periodEnd: string) => ({
      lotId: 'LOT-1',
      lines: [{ unitType: 'PATHWAY', quantity: 2 }],
      sessions: [{ sessionId: 'S-1', startDate: '2029-11-12', endDate: periodEnd, place: 'Lyon 8e', capacity: 2, modality: 'IN_PERSON' }],
      periodStart: '2029-11-10',
      periodEnd,
    });
    const beyond = await as('buyer').post(`/contracts/${contractId}/orders`, order('2030-03-02')).expect(422);
    expect(beyond.body).toMatchObject({
      code: 'ORDER_RUNS_PAST_FRAMEWORK_END',
      rule: expect.stringMatching(/R2162-5/),
      details: { contractEnd: '2029-12-31', periodEnd: '2030-03-02', daysPastEnd: 61, maxDaysPastEnd: 60, latestPeriodEnd: '2030-03-01' },
    });
    const issued = await as('buyer').post(`/contracts/${contractId}/orders`, order('2030-03-01')).expect(201);
    const read = await as('buyer').get(`/contracts/${contractId}`).expect(200);
    expect(read.body.orders[issued.body.orderId]).toMatchObject({ periodEnd: '2030-03-01' });
  });

  it('drafts a framework of more than four years only with the reason recorded (L2125-1 1°)', async () => {
    clock.set(new Date('2026-03-02T09:00:00.000Z'));
    const sixYears = { ...FRAMEWORK, startDate: '2026-01-01', endDate: '2031-12-31' };
    const refused = await as('buyer').post('/contracts', sixYears).expect(422);
    expect(refused.body).toMatchObject({ code: 'FRAMEWORK_DURATION_EXCEEDS_4_YEARS', rule: expect.stringMatching(/L2125-1 1°/), details: { months: 72, maximumMonths: 48 } });
    const reason = 'Plateaux techniques de soudure amortis sur six ans';
    const drafted = await as('buyer').post('/contracts', { ...sixYears, durationJustification: reason }).expect(201);
    const read = await as('buyer').get(`/contracts/${drafted.body.contractId}`).expect(200);
    expect(read.body).toMatchObject({ endDate: '2031-12-31', durationJustification: reason, justifiedMonths: 72 });
  });

  it('closes a framework below its minimum only with the buyer\'s reason recorded, the shortfall computed (R2162-4)', async () => {
    clock.set(new Date('2026-03-02T09:00:00.000Z'));
    const contractId = await anActiveFramework(as);
    // LOT-1's minimum of 20 pathways is ordered; LOT-2's 100 open days are not.
    await as('buyer')
      .post(`/contracts/${contractId}/orders`, { lotId: 'LOT-1', lines: [{ unitType: 'PATHWAY', quantity: 20 }], sessions: [], periodStart: '2026-04-01', periodEnd: '2026-12-31' })
      .expect(201);
    const refused = await as('buyer').post(`/contracts/${contractId}/close`, {}).expect(422);
    expect(refused.body).toMatchObject({
      code: 'FRAMEWORK_MINIMUM_NOT_REACHED',
      rule: expect.stringMatching(/R2162-4/),
      details: {
        shortfalls: [{ lotId: 'LOT-2', unitType: 'OPEN_DAY', minQuantity: 100, orderedQuantity: 0, shortfallQuantity: 100, shortfallValueCents: 8_000_000 }],
        shortfallValueCents: 8_000_000,
      },
    });
    await as('buyer').post(`/contracts/${contractId}/close`, { minimumShortfallReason: 'x' }).expect(400);
    const reason = 'Open days replaced by the regional guidance service';
    await as('buyer').post(`/contracts/${contractId}/close`, { minimumShortfallReason: reason }).expect(200);
    const read = await as('buyer').get(`/contracts/${contractId}`).expect(200);
    expect(read.body.status).toBe('CLOSED');
    const decisions = (await as('buyer').get(`/audit/contracts/${contractId}/decisions`).expect(200)).body as Array<{ what: string; why: { reason?: string } }>;
    expect(decisions.at(-1)).toMatchObject({ what: "Contract closed below the framework's minimum (LOT-2 OPEN_DAY: 0 of 100, €80,000.00 not ordered)", why: { reason } });
  });
});
