import { deliveryStream } from '@app/procurement';
import { FixedClock } from '@app/shared';
import { callerOf, RunningApi, startApi, tokensFor } from './support/http-harness';
import { anActiveFramework, aPathwayOrder } from './support/procurement-fixtures';
import { pseudonym } from './support/trainee-ids';

const NO_PUBLIC = { qpvResident: false, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: false };
const QPV = { ...NO_PUBLIC, qpvResident: true };
const INFRA_BAC_WOMAN = { qualificationLevel: 'LEVEL_3', ageBand: 'UNDER_26', sex: 'FEMALE', illiterate: false };
const GRADUATE_MAN = { qualificationLevel: 'LEVEL_6', ageBand: 'AGED_26_TO_44', sex: 'MALE', illiterate: false };

/** Targeting over HTTP: trainees entered with their qualification level, age band, sex and illiteracy. */
describe('targeting (end to end)', () => {
  let running: RunningApi;
  let as: ReturnType<typeof callerOf>;
  let contractId: string;
  let orderId: string;
  let reports: string;
  const clock = new FixedClock(new Date('2026-03-01T09:00:00.000Z'));

  beforeAll(async () => {
    running = await startApi('targeting-e2e', { clock });
    const tokens = await tokensFor({
      buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
      providerA: { sub: 'user-of-a', role: 'provider', tenant: 'ARA', providerId: 'of-a' },
      officer: { sub: 'pe-ara-1', role: 'pole_emploi', tenant: 'ARA' },
      auditor: { sub: 'auditor-ara', role: 'auditor', tenant: 'ARA' },
    });
    as = callerOf(running.app, tokens);
    contractId = await anActiveFramework(as);
    orderId = await aPathwayOrder(as, contractId, { quantity: 10, capacity: 8 });
    reports = `/contracts/${contractId}/orders/${orderId}/deliveries`;
    clock.set(new Date('2026-04-06T16:00:00.000Z'));
    await as('providerA').post(reports, { kind: 'SESSION_STARTED', sessionId: 'S-1', on: '2026-04-06' }).expect(201);
  });
  afterAll(() => running?.close());

  const entry = (label: string, publics: object, targeting?: object) => ({
    kind: 'TRAINEE_ENTERED',
    traineeId: pseudonym(label),
    sessionId: 'S-1',
    enteredOn: '2026-04-06',
    publics,
    ...(targeting === undefined ? {} : { targeting }),
  });

  it('records the targeting data of an entry in the event, under the trainee’s pseudonymous id, at schema version 2', async () => {
    await as('providerA').post(reports, entry('t-1', QPV, INFRA_BAC_WOMAN)).expect(201);
    await as('providerA').post(reports, entry('t-2', NO_PUBLIC)).expect(201);
    const entered = (await running.store.readStream(deliveryStream(orderId))).filter((event) => event.type === 'TraineeEntered');
    expect(entered.map((event) => [event.metadata.schemaVersion, event.data.targeting])).toEqual([
      [2, INFRA_BAC_WOMAN],
      [2, 'NOT_RECORDED'],
    ]);
  });

  it('refuses an unknown level, band or sex with 400 naming each field, and writes nothing', async () => {
    const before = await running.store.headPosition();
    const bad = await as('providerA')
      .post(reports, entry('t-3', NO_PUBLIC, { qualificationLevel: 'BAC', ageBand: 'UNDER_30', sex: 'FEMALE', illiterate: 'no' }))
      .expect(400);
    expect(bad.body.fields.map((field: { field: string }) => field.field).sort()).toEqual(['targeting.ageBand', 'targeting.illiterate', 'targeting.qualificationLevel']);
    expect(JSON.stringify(bad.body)).toContain('LEVEL_3');
    const incomplete = await as('providerA').post(reports, entry('t-3', NO_PUBLIC, { qualificationLevel: 'NONE' })).expect(400);
    expect(incomplete.body.fields.map((field: { field: string }) => field.field).sort()).toEqual(['targeting.ageBand', 'targeting.illiterate', 'targeting.sex']);
    expect(await running.store.headPosition()).toBe(before);
  });

  it('takes the same entry again as nothing new, and refuses it with other targeting data (422)', async () => {
    const again = await as('providerA').post(reports, entry('t-1', QPV, INFRA_BAC_WOMAN));
    expect(again.status).toBeLessThan(300);
    const other = await as('providerA').post(reports, entry('t-1', QPV, GRADUATE_MAN)).expect(422);
    expect(other.body.code).toBe('CONFLICTS_WITH_EARLIER_REPORT');
  });
});
