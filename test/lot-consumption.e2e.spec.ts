import { FixedClock } from '@app/shared';
import { callerOf, RunningApi, startApi, tokensFor } from './support/http-harness';
import { certifiedProviders } from './support/provider-register-fixtures';

describe('lot consumption read model (end to end)', () => {
  let api: RunningApi;
  let as: ReturnType<typeof callerOf>;
  const clock = new FixedClock(new Date('2026-03-02T09:00:00.000Z'));

  beforeAll(async () => {
    api = await startApi('lot-consumption-e2e', { clock });
    as = callerOf(api.app, await tokensFor({ buyer: { sub: 'buyer-1', role: 'buyer', tenant: 'ARA' } }));
  });
  afterAll(() => api.close());

  const post = (path: string, body: object = {}) => as('buyer').post(path, body);
  const get = (path: string) => as('buyer').get(path);

  it('shows what is left under the lot maximum, the pace of orders and when the lot runs out at that pace', async () => {
    const contractId = (
      await post('/contracts', {
        title: 'Parcours 2026-2029',
        mode: 'FRAMEWORK_AGREEMENT',
        awardProcedure: { procedure: 'OPEN_TENDER' },
        cpvCode: '80530000-8',
        startDate: '2026-01-01',
        endDate: '2029-12-31',
        initialValueCents: 100_000_000,
        maximumValueCents: 200_000_000,
        singleLotJustification: 'One training domain on one territory',
      }).expect(201)
    ).body.contractId;
    await post(`/contracts/${contractId}/lots`, {
      lotId: 'LOT-1',
      title: 'Parcours numériques',
      scope: { domainCode: '31054', territoryCodes: ['69'], targetPublics: [] },
      workUnits: [{ type: 'PATHWAY', unitPriceCents: 300_000, initialQuantity: 100, minQuantity: 20, maxQuantity: 200 }],
      maximumValueCents: 80_000_000,
    }).expect(201);
    await post(`/contracts/${contractId}/publish`).expect(200);
    await certifiedProviders(as, ['of-a']);
    await post(`/contracts/${contractId}/lots/LOT-1/award`, { providerIds: ['of-a'], bidsReceived: 3 }).expect(200);
    await post(`/contracts/${contractId}/activate`).expect(200);
    await post(`/contracts/${contractId}/orders`, {
      lotId: 'LOT-1',
      lines: [{ unitType: 'PATHWAY', quantity: 50 }],
      sessions: [],
      periodStart: '2026-04-01',
      periodEnd: '2026-12-31',
    }).expect(201);
    const head = await api.store.headPosition();

    // Ten days after the award, 50 of 200 pathways are ordered: 5 a day, so the 150 left last 30 more days.
    clock.set(new Date('2026-03-12T09:00:00.000Z'));
    let answer = await get(`/read-models/lot-consumption?contractId=${contractId}`).expect(200);
    for (let i = 0; i < 100 && answer.body.position < head; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      answer = await get(`/read-models/lot-consumption?contractId=${contractId}`).expect(200);
    }
    expect(answer.body.rows).toEqual([
      expect.objectContaining({
        lot_id: 'LOT-1',
        ordered_quantity: 50,
        remaining_quantity: 150,
        days_since_award: 10,
        burn_rate_per_day: 5,
        forecast_exhaustion_date: '2026-04-11',
      }),
    ]);
  });
});
