import { INestApplication } from '@nestjs/common';
import { FixedClock } from '@app/shared';
import { callerOf, eventually, RunningApiWithWorker, startApiWithWorker, tokensFor } from './support/http-harness';
import { anActiveFramework, aPathwayOrder, CALENDAR_CLAUSE, SMALL_PATHWAY_LOT } from './support/procurement-fixtures';
import { pseudonym } from './support/trainee-ids';

interface Proposal {
  proposalId: string;
  status: string;
  clauseId: string;
  policyVersion: string;
  adjustment: { kind: string; session?: Record<string, unknown> };
  inputs: Record<string, unknown>;
}

/**
 * A session added before a recruitment season, end to end: the api and the whole worker in one process on one
 * data folder, real Redis (queues under a prefix of their own), a fixed clock for the day of the run. The
 * order's only session is full; within the lead time before the autumn season the loop proposes one more
 * session like it, the buyer approves, the order gains it, and an auditor re-runs the proposal from its inputs.
 */
describe('a session before a recruitment season (end to end)', () => {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00.000Z'));
  let api: INestApplication;
  let running: RunningApiWithWorker;
  let as: ReturnType<typeof callerOf>;

  beforeAll(async () => {
    running = await startApiWithWorker('season', { clock });
    api = running.app;
    as = callerOf(
      api,
      await tokensFor({
        buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
        provider: { sub: 'of-a-user', role: 'provider', tenant: 'ARA', providerId: 'of-a' },
        auditor: { sub: 'auditor-ara', role: 'auditor', tenant: 'ARA' },
      }),
    );
  });

  afterAll(async () => {
    await running?.close();
  });

  it('proposes a session like the last one from the season’s start, within the lead time only, and the buyer adds it', async () => {
    // One lot of 20 pathways (at most 60) and a calendar clause of the lot.
    const contractId = await anActiveFramework(as, { lots: [SMALL_PATHWAY_LOT], clauses: [{ ...CALENDAR_CLAUSE, lotId: 'LOT-1' }] });
    const base = `/contracts/${contractId}`;
    const orderId = await aPathwayOrder(as, contractId, { quantity: 4, capacity: 2, modality: 'BLENDED' });

    // The provider fills the session.
    clock.set(new Date('2026-04-07T09:00:00.000Z'));
    const deliveries = `${base}/orders/${orderId}/deliveries`;
    const publics = { qpvResident: true, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: false };
    await as('provider').post(deliveries, { kind: 'SESSION_STARTED', sessionId: 'S-1', on: '2026-04-06' }).expect(201);
    for (const traineeId of [pseudonym('trainee-0001aa'), pseudonym('trainee-0002bb')]) {
      await as('provider').post(deliveries, { kind: 'TRAINEE_ENTERED', traineeId, sessionId: 'S-1', enteredOn: '2026-04-06', publics }).expect(201);
    }
    await eventually('the full session in the read model', async () => {
      const rows = (await as('buyer').get(`/read-models/session-fill?contractId=${contractId}`).expect(200)).body.rows as Array<{ entries: number }>;
      return rows.find((row) => row.entries === 2);
    });

    // Seasons are validated: months 1 to 12, a label, and the lead time that goes with them.
    const policy = {
      waitingListThreshold: 3,
      highFillRatePercent: 90,
      lowFillRatePercent: 30,
      recruitmentSeasons: [{ lotId: 'LOT-1', startMonth: 9, endMonth: 11, label: 'Rentrée de septembre' }],
      seasonLeadWeeks: 6,
      // The buyer approves pre-season sessions by hand.
      autoApprovePreSeasonSessions: false,
    };
    const invalid = await as('buyer')
      .put(`${base}/adjustment-policy`, { ...policy, recruitmentSeasons: [{ startMonth: 13, endMonth: 0, label: '' }] })
      .expect(400);
    expect(JSON.stringify(invalid.body)).toMatch(/startMonth/);
    await as('buyer').put(`${base}/adjustment-policy`, { ...policy, seasonLeadWeeks: undefined }).expect(400);

    // One day before the six weeks before 1 September: nothing is proposed.
    clock.set(new Date('2026-07-20T09:00:00.000Z'));
    await as('buyer').put(`${base}/adjustment-policy`, policy).expect(200);
    const proposalsOf = async () => Object.values((await as('buyer').get(base).expect(200)).body.proposals) as Proposal[];
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await proposalsOf()).toEqual([]);

    // On the first day of the lead time, the next run proposes the session.
    clock.set(new Date('2026-07-21T09:00:00.000Z'));
    await as('buyer').put(`${base}/adjustment-policy`, { ...policy, waitingListThreshold: 4 }).expect(200);
    const proposal = await eventually('a pre-season proposal', async () => (await proposalsOf())[0]);
    expect(proposal).toMatchObject({
      status: 'PENDING',
      clauseId: 'CAL-1',
      policyVersion: 'fill-rate-and-waiting-list@4',
      // S-1 lasts 88 days from Monday 6 April: so does the new session from Tuesday 1 September.
      adjustment: { kind: 'ADD_SESSION', session: { startDate: '2026-09-01', endDate: '2026-11-28', place: 'Lyon 8e', capacity: 2, modality: 'BLENDED' } },
      inputs: {
        rule: 'RECRUITMENT_SEASON_SESSION',
        runDay: '2026-07-21',
        seasonLabel: 'Rentrée de septembre',
        seasonLeadWeeks: 6,
        waitingList: 0,
        lastSessionId: 'S-1',
        lastSessionEntries: 2,
        lastSessionCapacity: 2,
        lotRoomUp: 56,
      },
    });

    await as('buyer').post(`${base}/proposals/${proposal.proposalId}/approve`).expect(200);
    const order = (await as('buyer').get(`${base}/orders/${orderId}`).expect(200)).body;
    const added = proposal.adjustment.session!;
    expect(order.sessions[added.sessionId as string]).toMatchObject({ ...added, cancelled: false });

    // A later run in the same season year proposes nothing new.
    clock.set(new Date('2026-08-10T09:00:00.000Z'));
    await as('buyer').put(`${base}/adjustment-policy`, policy).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await proposalsOf()).map((p) => [p.proposalId, p.status])).toEqual([[proposal.proposalId, 'APPROVED']]);

    // The auditor re-runs the proposal from its recorded inputs, and every decision from the log.
    const { body: report } = await as('auditor').post('/audit/verify').expect(200);
    expect(report.failures).toEqual([]);
    expect(report).toMatchObject({ ok: true, proposals: { checked: 1, matched: 1, failed: 0, unknownVersion: [] } });
  });
});
