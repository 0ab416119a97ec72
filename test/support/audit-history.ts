import { FixedClock } from '@app/shared';
import { callerOf } from './http-harness';
import { certifiedProviders } from './provider-register-fixtures';
import { pseudonym } from './trainee-ids';

type Caller = ReturnType<typeof callerOf>;

export interface AuditedHistory {
  contractId: string;
  /** The contract's stream revision once activated. */
  activatedRevision: number;
  pathwayOrderId: string;
  openDayOrderId: string;
  amendmentId: string;
}

/**
 * A contract's first year, over HTTP, each step at its own moment of the clock: drafted in January with a
 * pathway lot (at most 200) and an open-day lot (at most 1,000) and a volume clause; published, awarded (LOT-1
 * to of-a, LOT-2 to of-b) and activated in February; in March 50 pathways and 200 open days ordered, 5 more
 * pathways under the clause, a price amendment proposed and signed; two trainees entering in April and
 * completing in July, 3 then 2 open days delivered. The callers are `buyer`, `providerA` (of-a) and
 * `providerB` (of-b).
 */
export async function anAuditedHistory(
  as: Caller,
  clock: FixedClock,
  wording: { title?: string; adjustmentReason?: string } = {},
): Promise<AuditedHistory> {
  const at = (moment: string) => clock.set(new Date(moment));

  at('2026-01-05T09:00:00.000Z');
  const drafted = await as('buyer')
    .post('/contracts', {
      title: wording.title ?? 'Parcours 2026-2029',
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
  const base = `/contracts/${contractId}`;
  await as('buyer')
    .post(`${base}/lots`, {
      lotId: 'LOT-1',
      title: 'Parcours numériques',
      scope: { domainCode: '31054', territoryCodes: ['69'], targetPublics: ['QPV_RESIDENTS'] },
      workUnits: [{ type: 'PATHWAY', unitPriceCents: 300_000, initialQuantity: 100, minQuantity: 20, maxQuantity: 200 }],
      maximumValueCents: 80_000_000,
    })
    .expect(201);
  await as('buyer')
    .post(`${base}/lots`, {
      lotId: 'LOT-2',
      title: 'Journées d’ouverture',
      scope: { domainCode: '15054', territoryCodes: ['38'], targetPublics: ['RURAL_RESIDENTS'] },
      workUnits: [{ type: 'OPEN_DAY', unitPriceCents: 80_000, initialQuantity: 500, minQuantity: 100, maxQuantity: 1000 }],
      maximumValueCents: 90_000_000,
    })
    .expect(201);
  await as('buyer').post(`${base}/clauses`, { clauseId: 'VOL-1', lotId: 'LOT-1', terms: { type: 'VOLUME', unitType: 'PATHWAY', percent: 20 } }).expect(201);

  at('2026-02-01T09:00:00.000Z');
  await as('buyer').post(`${base}/publish`).expect(200);
  await certifiedProviders(as, ['of-a', 'of-b']);
  await as('buyer').post(`${base}/lots/LOT-1/award`, { providerIds: ['of-a'], bidsReceived: 3 }).expect(200);
  await as('buyer').post(`${base}/lots/LOT-2/award`, { providerIds: ['of-b'], bidsReceived: 3 }).expect(200);
  const activated = await as('buyer').post(`${base}/activate`).expect(200);

  at('2026-03-02T09:00:00.000Z');
  const pathways = await as('buyer')
    .post(`${base}/orders`, {
      lotId: 'LOT-1',
      lines: [{ unitType: 'PATHWAY', quantity: 50 }],
      sessions: [{ sessionId: 'S-1', startDate: '2026-04-06', endDate: '2026-07-03', place: 'Lyon 8e', capacity: 12, modality: 'IN_PERSON' }],
      periodStart: '2026-04-01',
      periodEnd: '2026-12-31',
    })
    .expect(201);
  at('2026-03-02T10:00:00.000Z');
  const openDays = await as('buyer')
    .post(`${base}/orders`, { lotId: 'LOT-2', lines: [{ unitType: 'OPEN_DAY', quantity: 200 }], sessions: [], periodStart: '2026-04-01', periodEnd: '2026-12-31' })
    .expect(201);
  at('2026-03-10T10:00:00.000Z');
  await as('buyer')
    .post(`${base}/orders/${pathways.body.orderId}/adjustments`, {
      clauseId: 'VOL-1',
      reason: wording.adjustmentReason ?? 'Waiting list of 14',
      adjustment: { kind: 'CHANGE_QUANTITY', unitType: 'PATHWAY', delta: 5 },
    })
    .expect(200);
  at('2026-03-20T10:00:00.000Z');
  const amendment = await as('buyer')
    .post(`${base}/amendments`, {
      description: 'Revalorisation du parcours',
      change: { kind: 'PRICE', lotId: 'LOT-1', unitType: 'PATHWAY', newUnitPriceCents: 310_000 },
    })
    .expect(201);
  at('2026-03-21T10:00:00.000Z');
  await as('buyer').post(`${base}/amendments/${amendment.body.amendmentId}/sign`).expect(200);

  const pathwayReports = `${base}/orders/${pathways.body.orderId}/deliveries`;
  const publics = { qpvResident: true, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: false };
  at('2026-04-06T16:00:00.000Z');
  await as('providerA').post(pathwayReports, { kind: 'SESSION_STARTED', sessionId: 'S-1', on: '2026-04-06' }).expect(201);
  for (const traineeId of [pseudonym('trainee-a1b2c3d4'), pseudonym('trainee-e5f6a7b8')]) {
    await as('providerA').post(pathwayReports, { kind: 'TRAINEE_ENTERED', traineeId, sessionId: 'S-1', enteredOn: '2026-04-06', publics }).expect(201);
  }
  const openDayReports = `${base}/orders/${openDays.body.orderId}/deliveries`;
  at('2026-04-08T16:00:00.000Z');
  await as('providerB').post(openDayReports, { kind: 'OPEN_DAYS_DELIVERED', date: '2026-04-07', count: 3 }).expect(201);
  at('2026-04-09T16:00:00.000Z');
  await as('providerB').post(openDayReports, { kind: 'OPEN_DAYS_DELIVERED', date: '2026-04-08', count: 2 }).expect(201);
  at('2026-07-03T16:00:00.000Z');
  await as('providerA').post(pathwayReports, { kind: 'TRAINEE_COMPLETED', traineeId: pseudonym('trainee-a1b2c3d4'), on: '2026-07-03' }).expect(201);
  at('2026-07-04T16:00:00.000Z');
  await as('providerA').post(pathwayReports, { kind: 'TRAINEE_COMPLETED', traineeId: pseudonym('trainee-e5f6a7b8'), on: '2026-07-03' }).expect(201);

  return {
    contractId,
    activatedRevision: activated.body.revision as number,
    pathwayOrderId: pathways.body.orderId as string,
    openDayOrderId: openDays.body.orderId as string,
    amendmentId: amendment.body.amendmentId as string,
  };
}
