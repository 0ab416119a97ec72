import { INestApplication } from '@nestjs/common';
import { FixedClock } from '@app/shared';
import { callerOf, eventually, RunningApiWithWorker, startApiWithWorker, tokensFor } from './support/http-harness';
import { anActiveFramework, aPathwayOrder, SMALL_PATHWAY_LOT, VOLUME_CLAUSE } from './support/procurement-fixtures';
import { pseudonym } from './support/trainee-ids';

interface Proposal {
  proposalId: string;
  status: string;
  clauseId: string;
  policyVersion: string;
  adjustment: { kind: string; delta?: number; weeks?: number; traineeId?: string };
  inputs: Record<string, unknown>;
}

/**
 * Pôle emploi referrals end to end: the api and the whole worker in one process on one data folder, real Redis
 * (queues under a prefix of their own). Referrals fill a session then its waiting list, the loop turns the
 * list into more volume within the clause, the provider reports the outcomes, and a trainee at risk gets a
 * remote switch within the dropout clause.
 */
describe('referrals into the adjustment loop (end to end)', () => {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00.000Z'));
  let api: INestApplication;
  let running: RunningApiWithWorker;
  let as: ReturnType<typeof callerOf>;

  beforeAll(async () => {
    running = await startApiWithWorker('referrals', { clock });
    api = running.app;
    as = callerOf(
      api,
      await tokensFor({
        buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
        provider: { sub: 'of-a-user', role: 'provider', tenant: 'ARA', providerId: 'of-a' },
        adviser: { sub: 'pe-ara-lyon-est', role: 'pole_emploi', tenant: 'ARA' },
      }),
    );
  });

  afterAll(async () => {
    await running?.close();
  });

  const publics = { qpvResident: true, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: true };
  const jobSeekers = [pseudonym('job-seeker-0001'), pseudonym('job-seeker-0002'), pseudonym('job-seeker-0003'), pseudonym('job-seeker-0004'), pseudonym('job-seeker-0005'), pseudonym('job-seeker-0006'), pseudonym('job-seeker-0007')];

  it('fills a session then its waiting list with referrals, proposes more volume within the clause, follows outcomes and a trainee at risk', async () => {
    // One lot of 20 pathways: the volume clause allows ±20% of them, ±4; the dropout clause up to 6 remote weeks.
    const dropoutClause = { clauseId: 'DROP-1', lotId: 'LOT-1', terms: { type: 'DROPOUT', maxRemoteWeeks: 6 } };
    const contractId = await anActiveFramework(as, { lots: [SMALL_PATHWAY_LOT], clauses: [VOLUME_CLAUSE, dropoutClause] });
    const base = `/contracts/${contractId}`;
    const orderId = await aPathwayOrder(as, contractId, { quantity: 2, capacity: 2 });
    const order = `${base}/orders/${orderId}`;

    // An adviser refers seven job seekers to the 2-place session: two hold its places, five wait.
    clock.set(new Date('2026-03-20T09:00:00.000Z'));
    const referralIds: string[] = [];
    const statuses: string[] = [];
    for (const traineeId of jobSeekers) {
      const { body } = await as('adviser').post(`${order}/sessions/S-1/referrals`, { traineeId, publics }).expect(201);
      referralIds.push(body.referral.referralId);
      statuses.push(body.referral.status);
    }
    expect(statuses).toEqual(['IN_SESSION', 'IN_SESSION', 'WAITING', 'WAITING', 'WAITING', 'WAITING', 'WAITING']);

    // The same job seeker referred again to the same session is the same referral; a NIR is refused.
    const again = (await as('adviser').post(`${order}/sessions/S-1/referrals`, { traineeId: jobSeekers[0], publics }).expect(201)).body;
    expect(again).toMatchObject({ events: [], referral: { referralId: referralIds[0], status: 'IN_SESSION' } });
    const nir = await as('adviser').post(`${order}/sessions/S-1/referrals`, { traineeId: '1850775123456', publics }).expect(422);
    expect(nir.body.code).toBe('TRAINEE_ID_NOT_PSEUDONYMOUS');
    expect((await as('adviser').post(`${order}/sessions/S-9/referrals`, { traineeId: pseudonym('job-seeker-0099'), publics }).expect(422)).body.code).toBe(
      'SESSION_NOT_FOUND',
    );
    expect((await as('provider').post(`${order}/sessions/S-1/referrals`, { traineeId: pseudonym('job-seeker-0099'), publics }).expect(403)).body.code).toBe('FORBIDDEN');

    // The read model shows the places held by referrals and the referred waiting list.
    const fill = await eventually('the referrals in the session-fill read model', async () => {
      const { rows } = (await as('adviser').get(`/read-models/session-fill?contractId=${contractId}`).expect(200)).body as {
        rows: Array<Record<string, number>>;
      };
      return rows.find((row) => row.waiting_list === 5);
    });
    expect(fill).toMatchObject({ entries: 0, referred: 2, waiting_list: 5, referrals_waiting: 5, fill_rate_percent: 100 });

    // The buyer turns the loop on once the referrals are in (an empty new order would read as under-filled).
    await as('buyer').put(`${base}/adjustment-policy`, { waitingListThreshold: 3, highFillRatePercent: 90, lowFillRatePercent: 30 }).expect(200);

    // Five people wait, but the clause leaves room for 4 more pathways only: the proposal stops there.
    const proposalsOf = async () => Object.values((await as('buyer').get(base).expect(200)).body.proposals) as Proposal[];
    const volume = await eventually('a volume proposal from the policy', async () => (await proposalsOf()).find((p) => p.adjustment.kind === 'CHANGE_QUANTITY'));
    expect(volume).toMatchObject({
      status: 'PENDING',
      clauseId: 'VOL-1',
      policyVersion: 'fill-rate-and-waiting-list@4',
      adjustment: { unitType: 'PATHWAY', delta: 4 },
    });
    expect(volume.inputs).toMatchObject({ waitingList: 5, entries: 2, capacity: 2, clauseRoomUp: 4, fillRatePercent: 100 });
    await as('buyer').post(`${base}/proposals/${volume.proposalId}/approve`).expect(200);
    expect((await as('buyer').get(order).expect(200)).body.quantities).toEqual({ PATHWAY: 6 });

    // The provider reports the outcomes: one enters on her place, one does not show, a waiting one is turned
    // down, and the next waiting one enters on the place freed.
    clock.set(new Date('2026-04-07T09:00:00.000Z'));
    const deliveries = `${order}/deliveries`;
    await as('provider').post(deliveries, { kind: 'SESSION_STARTED', sessionId: 'S-1', on: '2026-04-06' }).expect(201);
    const enter = (index: number) => ({ kind: 'TRAINEE_ENTERED', traineeId: jobSeekers[index], sessionId: 'S-1', enteredOn: '2026-04-06', publics, referralId: referralIds[index] });
    await as('provider').post(deliveries, enter(0)).expect(201);
    // A walk-in finds the session full: the second place is still held by a referral.
    const walkIn = await as('provider')
      .post(deliveries, { kind: 'TRAINEE_ENTERED', traineeId: pseudonym('walk-in-0001'), sessionId: 'S-1', enteredOn: '2026-04-06', publics })
      .expect(422);
    expect(walkIn.body).toMatchObject({ code: 'SESSION_FULL', details: { referralsHoldingPlaces: 1 } });
    await as('provider').post(deliveries, { kind: 'REFERRAL_NO_SHOW', referralId: referralIds[1], on: '2026-04-06' }).expect(201);
    await as('provider').post(deliveries, { kind: 'REFERRAL_REFUSED', referralId: referralIds[2], on: '2026-04-06', reason: 'PREREQUISITES_NOT_MET' }).expect(201);
    await as('provider').post(deliveries, enter(3)).expect(201);

    // Outcomes are idempotent; a closed referral takes no other outcome; an unknown one none at all.
    expect((await as('provider').post(deliveries, { kind: 'REFERRAL_NO_SHOW', referralId: referralIds[1], on: '2026-04-06' }).expect(201)).body.events).toEqual([]);
    const closed = await as('provider').post(deliveries, { kind: 'REFERRAL_NO_SHOW', referralId: referralIds[0], on: '2026-04-06' }).expect(422);
    expect(closed.body.code).toBe('REFERRAL_ALREADY_CLOSED');
    const unknown = await as('provider')
      .post(deliveries, { kind: 'REFERRAL_NO_SHOW', referralId: '6f1c7a55-8a4e-5f7b-9d2c-1b3e4f5a6b7c', on: '2026-04-06' })
      .expect(422);
    expect(unknown.body.code).toBe('REFERRAL_NOT_FOUND');

    const listed = (await as('buyer').get(`${order}/referrals`).expect(200)).body.referrals as Array<{ traineeId: string; status: string; outcome?: { reason?: string } }>;
    expect(listed.map((referral) => referral.status)).toEqual(['ENTERED', 'NO_SHOW', 'REFUSED', 'ENTERED', 'WAITING', 'WAITING', 'WAITING']);
    expect(listed[2].outcome).toMatchObject({ reason: 'PREREQUISITES_NOT_MET' });
    expect((await as('provider').get(`${order}/referrals`).expect(200)).body.referrals).toHaveLength(7);
    await eventually('the outcomes in the session-fill read model', async () => {
      const { rows } = (await as('buyer').get(`/read-models/session-fill?contractId=${contractId}`).expect(200)).body as { rows: Array<Record<string, number>> };
      const row = rows[0];
      return row.entries === 2 && row.referred === 0 && row.waiting_list === 3 && row.referrals_waiting === 3 ? row : undefined;
    });

    // A trainee at risk of dropping out: the policy proposes the weeks of the dropout clause, and no more.
    await as('provider').post(deliveries, { kind: 'TRAINEE_AT_RISK', traineeId: jobSeekers[0], on: '2026-04-07', reason: 'FAMILY' }).expect(201);
    const remote = await eventually('a remote-switch proposal', async () => (await proposalsOf()).find((p) => p.adjustment.kind === 'SWITCH_TRAINEE_TO_REMOTE'));
    expect(remote).toMatchObject({
      status: 'PENDING',
      clauseId: 'DROP-1',
      adjustment: { traineeId: jobSeekers[0], weeks: 6 },
      inputs: { rule: 'DROPOUT_REMOTE_SWITCH', maxRemoteWeeks: 6, remoteWeeksUsed: 0 },
    });
    await as('buyer').post(`${base}/proposals/${remote.proposalId}/approve`).expect(200);
    expect((await as('buyer').get(order).expect(200)).body.remoteWeeks).toEqual({ [jobSeekers[0]]: 6 });

    // The clause is used up for this trainee: the buyer cannot add a week, and the loop proposes nothing more.
    const beyond = await as('buyer')
      .post(`${order}/adjustments`, {
        clauseId: 'DROP-1',
        reason: 'Une semaine de plus',
        adjustment: { kind: 'SWITCH_TRAINEE_TO_REMOTE', traineeId: jobSeekers[0], sessionId: 'S-1', weeks: 1 },
      })
      .expect(422);
    expect(beyond.body).toMatchObject({ code: 'DROPOUT_REMOTE_WEEKS_EXCEEDED', details: { weeksBefore: 6, weeksAfter: 7, maxRemoteWeeks: 6 } });
    await as('provider').post(deliveries, { kind: 'TRAINEE_AT_RISK', traineeId: jobSeekers[3], on: '2026-04-07', reason: 'HEALTH' }).expect(201);
    await eventually('a remote-switch proposal for the second trainee at risk', async () =>
      (await proposalsOf()).find((p) => p.adjustment.kind === 'SWITCH_TRAINEE_TO_REMOTE' && p.adjustment.traineeId === jobSeekers[3]),
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const proposals = await proposalsOf();
    expect(proposals.filter((p) => p.adjustment.kind === 'SWITCH_TRAINEE_TO_REMOTE' && p.adjustment.traineeId === jobSeekers[0])).toHaveLength(1);
    expect(proposals.filter((p) => p.adjustment.kind === 'CHANGE_QUANTITY')).toHaveLength(1);
  });
});
