import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { DEVELOPMENT_JWT_SECRET, FixedClock, signDevelopmentToken } from '@app/shared';
import { createApi } from '../apps/api/src/bootstrap';
import { callerOf } from './support/http-harness';

describe('lot consumption read model (end to end)', () => {
  let app: INestApplication;
  let dataDir: string;
  let token: string;
  const clock = new FixedClock(new Date('2026-03-02T09:00:00.000Z'));

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lot-consumption-e2e-'));
    Object.assign(process.env, { DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    app = await createApi({ clock });
    await app.listen(0);
    token = await signDevelopmentToken({ sub: 'buyer-1', role: 'buyer', tenant: 'ARA' }, DEVELOPMENT_JWT_SECRET);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const post = (path: string, body: object = {}) => callerOf(app, { buyer: token })('buyer').post(path, body);
  const get = (path: string) => callerOf(app, { buyer: token })('buyer').get(path);

  it('shows what is left under the lot maximum, the pace of orders and when the lot runs out at that pace', async () => {
    const contractId = (
      await post('/contracts', {
        title: 'Parcours 2026-2029',
        mode: 'FRAMEWORK_AGREEMENT',
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
    await post(`/contracts/${contractId}/lots/LOT-1/award`, { providerIds: ['of-a'] }).expect(200);
    await post(`/contracts/${contractId}/activate`).expect(200);
    await post(`/contracts/${contractId}/orders`, {
      lotId: 'LOT-1',
      lines: [{ unitType: 'PATHWAY', quantity: 50 }],
      sessions: [],
      periodStart: '2026-04-01',
      periodEnd: '2026-12-31',
    }).expect(201);
    const head = await app.get<EventStore>(EVENT_STORE).headPosition();

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
