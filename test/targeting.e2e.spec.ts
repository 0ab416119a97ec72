import { deliveryStream, programmeStream } from '@app/procurement';
import { FixedClock } from '@app/shared';
import { callerOf, RunningApi, startApi, tokensFor } from './support/http-harness';
import { anActiveFramework, aPathwayOrder } from './support/procurement-fixtures';
import { pseudonym } from './support/trainee-ids';

const NO_PUBLIC = { qpvResident: false, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: false };
const QPV = { ...NO_PUBLIC, qpvResident: true };
const INFRA_BAC_WOMAN = { qualificationLevel: 'LEVEL_3', ageBand: 'UNDER_26', sex: 'FEMALE', illiterate: false };
const GRADUATE_MAN = { qualificationLevel: 'LEVEL_6', ageBand: 'AGED_26_TO_44', sex: 'MALE', illiterate: false };
const PROGRAMME = 'pric-ara-2026';
const DEFINITION = { programmeId: PROGRAMME, title: 'Pacte régional ARA 2026', startDate: '2026-01-01', endDate: '2026-12-31', regionReferenceLevelCents: 0 };
type Share = { public: string; count: number; recorded: number; sharePercent: number | null; target: object | null; gapPoints: number | null };
const shareOf = (publics: Share[], name: string) => publics.find((share) => share.public === name);

/**
 * Targeting over HTTP: trainees entered with their qualification level, age band, sex and illiteracy, a programme's
 * target shares set by the buyer, and the shares against the targets read per lot, contract, programme and month.
 */
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
      buyerIdf: { sub: 'buyer-idf-1', role: 'buyer', tenant: 'IDF' },
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

  const base = `/programmes/${PROGRAMME}`;

  it('takes target shares from the buyer only: 400 naming a bad public or percent, 422 outside the programme, nothing written', async () => {
    await as('buyer').post('/programmes', DEFINITION).expect(201);
    await as('buyer').post(`${base}/projects`, { projectId: 'digital', title: 'Parcours numériques' }).expect(201);
    await as('buyer').post(`${base}/funding-lines`, { fundingLineId: 'state', funder: 'STATE_PIC', label: 'PIC', amountCents: 2_000_000, startDate: '2026-01-01', endDate: '2026-12-31' }).expect(201);
    await as('buyer').post(`${base}/lots`, { projectId: 'digital', contractId, lotId: 'LOT-1', fundingLineId: 'state' }).expect(201);
    const revision = (await running.store.readStream(programmeStream('ARA', PROGRAMME))).length;

    await as('providerA').post(`${base}/targets`, { targetPublic: 'QPV_RESIDENT', percent: 30, validFrom: '2026-01-01' }).expect(403);
    const malformed = await as('buyer').post(`${base}/targets`, { targetPublic: 'LOW_QUALIFIED', percent: 120, validFrom: '2026-01-01' }).expect(400);
    expect(malformed.body.fields.map((field: { field: string }) => field.field).sort()).toEqual(['percent', 'targetPublic']);
    const outside = await as('buyer').post(`${base}/targets`, { targetPublic: 'INFRA_BAC', percent: 50, validFrom: '2027-01-01' }).expect(422);
    expect(outside.body).toMatchObject({ code: 'TARGET_DATE_OUTSIDE_PROGRAMME', details: { validFrom: '2027-01-01', programmeEndDate: '2026-12-31' } });
    expect(await running.store.readStream(programmeStream('ARA', PROGRAMME))).toHaveLength(revision);

    await as('buyer').post(`${base}/targets`, { targetPublic: 'QPV_RESIDENT', percent: 30, validFrom: '2026-01-01' }).expect(201);
    await as('buyer').post(`${base}/targets`, { targetPublic: 'INFRA_BAC', percent: 50, validFrom: '2026-01-01' }).expect(201);
  });

  /** The read model's answer once it has caught up with every write so far. */
  async function caughtUp(who: string, path: string): Promise<{ position: number } & Record<string, never>> {
    const written = await running.store.headPosition();
    for (let attempt = 0; ; attempt++) {
      const answer = await as(who).get(path).expect(200);
      if (answer.body.position >= written || attempt >= 100) return answer.body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('gives the shares against the targets per lot, contract and programme, now and as of a day, to buyers, auditors and Pôle emploi', async () => {
    clock.set(new Date('2026-04-07T16:00:00.000Z'));
    await as('providerA').post(reports, { ...entry('t-3', NO_PUBLIC, GRADUATE_MAN), enteredOn: '2026-04-07' }).expect(201);

    const now = (await caughtUp('auditor', `${base}/targeting`)) as unknown as { asOf: string; programme: { entries: number; publics: Share[] }; contracts: object[]; lots: object[] };
    expect(now.asOf).toBe('2026-04-07T16:00:00.000Z');
    expect(now.programme.entries).toBe(3);
    // t-2 stated no targeting data: out of the infra-bac share (1 of 2), in the QPV one (1 of 3).
    expect(shareOf(now.programme.publics, 'INFRA_BAC')).toEqual({ public: 'INFRA_BAC', count: 1, recorded: 2, sharePercent: 50, target: { percent: 50, validFrom: '2026-01-01', source: 'PROGRAMME' }, gapPoints: 0 });
    expect(shareOf(now.programme.publics, 'QPV_RESIDENT')).toEqual({ public: 'QPV_RESIDENT', count: 1, recorded: 3, sharePercent: 33.33, target: { percent: 30, validFrom: '2026-01-01', source: 'PROGRAMME' }, gapPoints: 3.33 });
    expect(shareOf(now.programme.publics, 'WOMEN')).toMatchObject({ count: 1, recorded: 2, sharePercent: 50, target: null });
    expect(now.lots).toEqual([expect.objectContaining({ contractId, lotId: 'LOT-1', projectId: 'digital', entries: 3 })]);
    expect(now.contracts).toEqual([expect.objectContaining({ contractId, entries: 3 })]);

    const before = await as('officer').get(`${base}/targeting`).query({ asOf: '2026-04-06T23:59:59Z' }).expect(200);
    expect(before.body.programme.entries).toBe(2);
    const months = await as('buyer').get(`${base}/targeting/months`).expect(200);
    expect(months.body.months.map((month: { month: string; entered: { entries: number }; toDate: { entries: number } }) => [month.month, month.entered.entries, month.toDate.entries])).toEqual([
      ['2026-01', 0, 0],
      ['2026-02', 0, 0],
      ['2026-03', 0, 0],
      ['2026-04', 3, 3],
    ]);
    const perLot = await as('buyer').get('/read-models/targeting').query({ contractId }).expect(200);
    expect(perLot.body.rows).toEqual([expect.objectContaining({ contractId, lotId: 'LOT-1', programmeId: PROGRAMME, entries: 3 })]);
    expect(shareOf(perLot.body.rows[0].publics, 'INFRA_BAC')).toMatchObject({ sharePercent: 50, target: { percent: 50 } });
  });

  it('is not read by providers nor by other tenants, and takes asOf with its time and zone only', async () => {
    await as('providerA').get(`${base}/targeting`).expect(403);
    await as('providerA').get('/read-models/targeting').expect(403);
    await as('buyerIdf').get(`${base}/targeting`).expect(404);
    await as('buyerIdf').get(`${base}/targeting/months`).expect(404);
    expect((await as('buyerIdf').get('/read-models/targeting').query({ contractId }).expect(200)).body.rows).toEqual([]);
    await as('buyer').get(`${base}/targeting`).query({ asOf: '2026-04-06' }).expect(400);
  });

  it('is decided again by the verification, and the history states each target', async () => {
    const report = await as('auditor').post('/audit/verify').expect(200);
    expect(report.body).toMatchObject({ ok: true, decisions: { failed: 0 } });
    const history = await as('auditor').get('/audit/decisions').query({ type: 'TargetShareSet' }).expect(200);
    expect(JSON.stringify(history.body)).toContain('Target share of infra bac: 50% of the trainees entered, from 2026-01-01');
  });
});
