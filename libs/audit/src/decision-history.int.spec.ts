import { EmbeddedEventStore, RecordedEvent } from '@app/event-store';
import { contractStream, deliveryStream, UPCASTERS } from '@app/procurement';
import { decisionOf, matches, referenceOf } from './decision-history';
import { writeScriptedHistory } from './testing/audit-fixtures';

describe('the decision history', () => {
  let store: EmbeddedEventStore;
  let events: RecordedEvent[];
  let ids: Awaited<ReturnType<typeof writeScriptedHistory>>;
  beforeAll(async () => {
    store = EmbeddedEventStore.open({ file: ':memory:' });
    ids = await writeScriptedHistory(store);
    events = await store.readAll();
  });
  afterAll(() => store.close());
  const decision = (type: string) => decisionOf(events.find((event) => event.type === type)!);

  it('says who adjusted an order, when, under which clause and with which figures', () => {
    const adjusted = decision('OrderQuantityAdjusted');
    expect(adjusted).toMatchObject({
      streamId: contractStream(ids.contractId),
      occurredAt: '2026-03-10T10:00:00.000Z',
      actor: { id: 'buyer-ara-1', role: 'buyer' },
      what: `Order ${ids.orderId}: +5 PATHWAY under clause VOL-1 (now 55, +€15,000.00)`,
      why: {
        clauseId: 'VOL-1',
        article: expect.stringMatching(/Volume clause/),
        reason: 'Waiting list of 14',
        figures: { clauseBound: { min: -20, max: 20 }, clauseAdjustedAfter: 5 },
      },
    });
    expect(adjusted.causation.commandId).toBe(adjusted.causation.causationId);
  });

  it('gives the legal basis and the figures checked for an amendment', () => {
    expect(decision('AmendmentProposed')).toMatchObject({
      what: expect.stringMatching(/^Amendment .* proposed: PATHWAY price of lot LOT-1 to €3,100.00, \+€10,000.00, under R2194-8$/),
      why: { legalBasis: 'R2194-8', eformsCode: 'mod-minv', article: expect.stringMatching(/R2194-8/), figures: expect.objectContaining({ tenderCommitteeOpinionRequired: false }) },
    });
  });

  it('gives the projection values and the policy version a proposal used', () => {
    expect(decision('OrderAdjustmentProposed')).toMatchObject({
      actor: { id: 'fill-rate-and-waiting-list@1', role: 'system' },
      why: { policyVersion: 'fill-rate-and-waiting-list@1', inputs: { waitingList: 8, entries: 12, fillRatePercent: 100 } },
    });
  });

  it('follows the causation id to the event that caused a decision', () => {
    const started = events.find((event) => event.streamId === deliveryStream(ids.orderId))!;
    const cause = events.find((event) => event.type === 'AmendmentAccepted')!;
    const caused = { ...started, metadata: { ...started.metadata, causationId: cause.id } };
    const lookup = (id: string) => (id === cause.id ? referenceOf(cause) : undefined);
    expect(decisionOf(caused, lookup).causation.causedByEvent).toEqual({
      eventId: cause.id,
      streamId: cause.streamId,
      revision: cause.revision,
      position: cause.position,
      type: 'AmendmentAccepted',
    });
    expect(decisionOf(started, lookup).causation.causedByEvent).toBeUndefined();
  });

  it('filters by tenant, actor, type and period (from included, to excluded)', () => {
    const chosen = (filter: Parameters<typeof matches>[1]) => events.filter((event) => matches(event, filter)).map((event) => event.type);
    expect(chosen({ tenant: 'IDF' })).toEqual([]);
    expect(chosen({ tenant: 'ARA', actorId: 'of-a-user' })).toEqual(['AmendmentAccepted', 'AmendmentCameIntoForce', 'SessionStarted']);
    expect(chosen({ tenant: 'ARA', types: ['LotAwarded'] })).toEqual(['LotAwarded', 'LotAwarded']);
    expect(chosen({ tenant: 'ARA', from: '2026-03-10T10:00:00.000Z', to: '2026-03-15T10:00:00Z' })).toEqual([
      'OrderQuantityAdjusted',
      'AdjustmentPolicyConfigured',
    ]);
  });

  it('describes every decision of the scripted history in words', () => {
    for (const event of events) expect(decisionOf(event).what).not.toMatch(/undefined|\[object/);
  });

  it('says where a trainee went on leaving early, reading an exit recorded before destinations from its reason, and what became of them', () => {
    const recordedAs = (type: string, data: Record<string, unknown>, schemaVersion = 2): RecordedEvent => ({
      ...events[events.length - 1],
      type,
      data: { contractId: ids.contractId, orderId: ids.orderId, traineeId: 'trainee-a1b2c3d4', sessionId: 'S-1', ...data },
      metadata: { ...events[events.length - 1].metadata, schemaVersion },
    });
    const toJob = decisionOf(recordedAs('TraineeLeftEarly', { on: '2026-05-10', destination: 'EMPLOYMENT', employment: { contractType: 'CDD', durationMonths: 6 } }));
    expect(toJob.what).toBe(`Order ${ids.orderId}: a trainee left session S-1 early on 2026-05-10 for a job (CDD of 6 months), a positive exit, not a dropout`);
    // As the store reads it: through the upcasters.
    const old = decisionOf(UPCASTERS.upcast(recordedAs('TraineeLeftEarly', { on: '2026-05-10', reason: 'HEALTH' }, 1)));
    expect(old.what).toBe(`Order ${ids.orderId}: a trainee left session S-1 early on 2026-05-10 without a solution`);
    expect(old.why).toMatchObject({ reason: 'health', figures: { destination: 'WITHOUT_SOLUTION', readFromReason: 'HEALTH' } });
    const outcome = decisionOf(
      recordedAs('TraineeOutcomeObserved', { exitedOn: '2026-05-10', horizonMonths: 6, situation: 'EMPLOYED', employment: { contractType: 'CDI' }, source: 'SURVEY', observedOn: '2026-11-12', satisfied: true }),
    );
    expect(outcome.what).toBe(
      `Order ${ids.orderId}: a trainee of session S-1, out since 2026-05-10, employed (CDI) at 6 months (observed on 2026-11-12, from the trainee’s answer to the survey); satisfied with the training`,
    );
  });

  it('says which session a trainee was put on the waiting list of, and not who the trainee is', () => {
    const waitlisted = decisionOf({
      ...events[events.length - 1],
      type: 'TraineeWaitlisted',
      data: {
        contractId: ids.contractId,
        orderId: ids.orderId,
        traineeId: 'trainee-a1b2c3d4',
        sessionId: 'S-1',
        on: '2026-04-02',
        publics: { qpvResident: true, ruralResident: false, disabled: true, isolatedParent: false, youngNeet: false },
      },
    });
    expect(waitlisted.what).toBe(`Order ${ids.orderId}: a trainee put on the waiting list of session S-1 on 2026-04-02`);
    expect(JSON.stringify(waitlisted.why)).not.toMatch(/qpv|disabled|trainee-a1b2/i);
  });
});
