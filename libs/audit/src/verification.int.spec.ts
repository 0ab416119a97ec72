import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEventStore, EventMetadata, RecordedEvent } from '@app/event-store';
import {
  contractStream,
  deliveryStream,
  evolveContract,
  initialContractState,
  ProcurementCommand,
  ProcurementEvent,
  procurementDecider,
  readingCurrentShapes,
  SERVICE_STATEMENT_SCHEMA_VERSION,
} from '@app/procurement';
import { newId } from '@app/shared';
import { proposalProblem, verifyAll } from './verification';
import { recordOutcomes, report, ScriptedHistory, TENANT, writeScriptedHistory } from './testing/audit-fixtures';

const NO_PUBLIC = { qpvResident: false, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: false };

describe('verification of the whole store', () => {
  let folder: string;
  let file: string;
  let store: EmbeddedEventStore;
  let history: ScriptedHistory;

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'audit-verify-'));
    file = join(folder, 'events.db');
    store = EmbeddedEventStore.open({ file });
    history = await writeScriptedHistory(store);
  });
  afterEach(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const eventOfType = async (type: string): Promise<RecordedEvent> =>
    (await store.readStream(contractStream(history.contractId))).find((event) => event.type === type)!;

  const appendForged = async (type: string, data: Record<string, unknown>, overrides: Partial<EventMetadata> = {}) => {
    const events = await store.readStream(contractStream(history.contractId));
    const last = events[events.length - 1];
    const commandId = newId();
    await store.appendToStream(
      contractStream(history.contractId),
      [
        {
          id: newId(),
          type,
          data,
          metadata: {
            actorId: 'buyer-ara-1',
            role: 'buyer',
            tenant: TENANT,
            commandId,
            correlationId: commandId,
            causationId: commandId,
            occurredAt: '2026-04-10T10:00:00.000Z',
            schemaVersion: 1,
            ...overrides,
          },
        },
      ],
      { expectedRevision: last.revision },
    );
    return (await store.readStream(contractStream(history.contractId))).at(-1)!;
  };

  it('verifies a clean store: intact chains, every decision decided again, every proposal re-run', async () => {
    const progress: string[] = [];
    const report = await verifyAll(store, (p) => progress.push(p.phase));

    expect(report.ok).toBe(true);
    expect(report.firstFailure).toBeUndefined();
    expect(report.integrity.ok).toBe(true);
    const total = (await store.readAll()).length;
    expect(report.decisions).toMatchObject({ events: total, decided: total, folded: 0, failed: 0, otherStreams: 0, streams: 2 });
    expect(report.decisions.byType.AmendmentCameIntoForce).toEqual({ decided: 1, folded: 0, failed: 0 });
    expect(report.decisions.byType.SessionStarted).toEqual({ decided: 1, folded: 0, failed: 0 });
    expect(report.proposals).toMatchObject({ checked: 1, matched: 1, failed: 0, unknownVersion: [] });
    expect(progress).toEqual(expect.arrayContaining(['integrity', 'decisions']));
  });

  it('verifies an amendment recorded before amendments carried computed figures: folded with the amount typed then', async () => {
    const proposed = await eventOfType('AmendmentProposed');
    const { computation: _computation, declaredAmountChangeCents: _declared, ...recordedBefore } = proposed.data as Record<string, unknown>;
    await appendForged('AmendmentProposed', { ...recordedBefore, amendmentId: 'amendment-typed-before', amountChangeCents: 5_000_000 });

    // Read as the apps read it, through the upcasters.
    const current = readingCurrentShapes(store);
    const report = await verifyAll(current);
    expect(report.ok).toBe(true);
    expect(report.decisions.byType.AmendmentProposed).toEqual({ decided: 1, folded: 1, failed: 0 });
    const state = (await current.readStream(contractStream(history.contractId))).reduce(
      (folded, event) => evolveContract(folded, { type: event.type, data: event.data } as ProcurementEvent),
      initialContractState(),
    );
    expect(state.status !== 'EMPTY' && state.amendments['amendment-typed-before']).toMatchObject({
      amountChangeCents: 5_000_000,
      declaredAmountChangeCents: 5_000_000,
      computation: { method: 'DECLARED_BEFORE_COMPUTATION', inputs: { declaredAmountChangeCents: 5_000_000 }, amountChangeCents: 5_000_000 },
    });
  });

  /** The events of one command, appended as the command path would: one command id, one append. */
  const appendGroup = async (events: Array<{ type: string; schemaVersion?: number; data: object }>, actorId = 'buyer-ara-1', role: 'buyer' | 'provider' = 'buyer', occurredAt = '2026-04-10T10:00:00.000Z') => {
    const stream = contractStream(history.contractId);
    const last = (await store.readStream(stream)).at(-1)!;
    const commandId = newId();
    const metadata = { actorId, role, tenant: TENANT, commandId, correlationId: commandId, causationId: commandId, occurredAt };
    await store.appendToStream(
      stream,
      events.map((event) => ({ id: newId(), type: event.type, data: event.data as Record<string, unknown>, metadata: { ...metadata, schemaVersion: event.schemaVersion ?? 1 } })),
      { expectedRevision: last.revision },
    );
  };
  const decideAndAppend = async (command: ProcurementCommand) => {
    const state = (await store.readStream(contractStream(history.contractId))).reduce(
      (folded, event) => evolveContract(folded, { type: event.type, data: event.data } as ProcurementEvent),
      initialContractState(),
    );
    await appendGroup(procurementDecider.decide(command, state), command.meta.actorId, command.meta.providerId ? 'provider' : 'buyer', command.meta.at);
  };
  const notifiedScopeAmendment = async (amendmentId: string) => {
    const buyer = (at: string) => ({ at, actorId: 'buyer-ara-1' });
    await decideAndAppend({ type: 'ProposeAmendment', meta: buyer('2026-04-01T10:00:00.000Z'), data: { amendmentId, description: 'Villeurbanne aussi', change: { kind: 'SCOPE', lotId: 'LOT-1', territoryCodes: ['69', '69266'] } } });
    await decideAndAppend({ type: 'SignAmendment', meta: buyer('2026-04-02T10:00:00.000Z'), data: { amendmentId } });
    await decideAndAppend({ type: 'NotifyAmendment', meta: buyer('2026-04-03T10:00:00.000Z'), data: { amendmentId } });
  };

  it('verifies an amendment deemed accepted on the provider\'s silence, recorded before consent was required: folded, in force as it was', async () => {
    await notifiedScopeAmendment('amendment-deemed');
    const deadline = '2026-04-18';
    await appendGroup(
      [
        { type: 'AmendmentDeemedAccepted', data: { amendmentId: 'amendment-deemed', responseDeadline: deadline, recordedAt: '2026-04-20T10:00:00.000Z' } },
        {
          type: 'AmendmentCameIntoForce',
          data: { amendmentId: 'amendment-deemed', change: { kind: 'SCOPE', lotId: 'LOT-1', territoryCodes: ['69', '69266'] }, amountChangeCents: 0, legalBasis: 'R2194-8', inForceAt: '2026-04-20T10:00:00.000Z' },
        },
      ],
      'buyer-ara-1',
      'buyer',
      '2026-04-20T10:00:00.000Z',
    );

    const report = await verifyAll(store);
    expect(report.ok).toBe(true);
    expect(report.decisions.byType.AmendmentDeemedAccepted).toEqual({ decided: 0, folded: 1, failed: 0 });
    expect(report.notes).toEqual(expect.arrayContaining([expect.stringMatching(/deemed accepted on the provider's silence/)]));
    const state = (await store.readStream(contractStream(history.contractId))).reduce(
      (folded, event) => evolveContract(folded, { type: event.type, data: event.data } as ProcurementEvent),
      initialContractState(),
    );
    expect(state.status !== 'EMPTY' && state.amendments['amendment-deemed'].status).toBe('IN_FORCE');
    expect(state.status !== 'EMPTY' && state.lots['LOT-1'].scope.territoryCodes).toEqual(['69', '69266']);
  });

  it('decides again an amendment recorded as left unanswered', async () => {
    await notifiedScopeAmendment('amendment-unanswered');
    await decideAndAppend({ type: 'RecordNoAnswer', meta: { at: '2026-04-20T10:00:00.000Z', actorId: 'buyer-ara-1' }, data: { amendmentId: 'amendment-unanswered' } });

    const report = await verifyAll(store);
    expect(report.ok).toBe(true);
    expect(report.decisions.byType.AmendmentLeftUnanswered).toEqual({ decided: 1, folded: 0, failed: 0 });
  });

  it('decides again a unilateral modification and the compensation claim it opened, filed and answered', async () => {
    const buyer = (at: string) => ({ at, actorId: 'buyer-ara-1' });
    await decideAndAppend({
      type: 'ImposeUnilateralModification',
      meta: buyer('2026-04-01T10:00:00.000Z'),
      data: { amendmentId: 'modification-1', description: 'Villeurbanne aussi', change: { kind: 'SCOPE', lotId: 'LOT-1', territoryCodes: ['69', '69266'] }, ground: 'Site accessible' },
    });
    await decideAndAppend({
      type: 'FileCompensationClaim',
      meta: { at: '2026-04-02T10:00:00.000Z', actorId: 'of-a-user', providerId: 'of-a' },
      data: { claimId: 'claim-1', amendmentId: 'modification-1', amountCents: 1_200_000, reasons: 'Trajets' },
    });
    await decideAndAppend({ type: 'AcceptCompensationClaim', meta: buyer('2026-04-03T10:00:00.000Z'), data: { claimId: 'claim-1', acceptedAmountCents: 900_000, reason: 'Barème' } });

    const report = await verifyAll(store);
    expect(report.ok).toBe(true);
    for (const type of ['UnilateralModificationImposed', 'CompensationClaimFiled', 'CompensationClaimAccepted']) {
      expect({ type, counted: report.decisions.byType[type] }).toEqual({ type, counted: { decided: 1, folded: 0, failed: 0 } });
    }
  });

  const appendToDelivery = async (type: string, data: Record<string, unknown>, schemaVersion: number) => {
    const stream = deliveryStream(history.orderId);
    const events = await store.readStream(stream);
    const commandId = newId();
    await store.appendToStream(
      stream,
      [
        {
          id: newId(),
          type,
          data: { contractId: history.contractId, orderId: history.orderId, ...data },
          metadata: {
            actorId: type === 'HoursDelivered' ? 'of-a-user' : 'buyer-ara-1',
            role: type === 'HoursDelivered' ? 'provider' : 'buyer',
            tenant: TENANT,
            commandId,
            correlationId: commandId,
            causationId: commandId,
            occurredAt: '2026-12-01T10:00:00.000Z',
            schemaVersion,
          },
        },
      ],
      { expectedRevision: events.length === 0 ? -1 : events[events.length - 1].revision },
    );
  };
  /** A statement as recorded before the cap: every unit listed paid, far beyond the order's 55 pathways. */
  const uncappedStatement = {
    statementId: 'statement-before-cap',
    periodStart: '2026-11-01',
    periodEnd: '2026-11-30',
    issuedAt: '2026-12-01T10:00:00.000Z',
    lines: [{ unitType: 'PATHWAY', quantity: 1_500, unitPriceCents: 310_000, amountCents: 465_000_000 }],
    fixedAmountCents: 465_000_000,
    qualityVariables: [],
    totalCents: 465_000_000,
    rounding: 'FLOOR_TO_CENT',
  };

  it('verifies statements and hours recorded before their current schema version: folded as recorded, not decided by today’s rules', async () => {
    await appendToDelivery('HoursDelivered', { date: '2026-11-02', hours: 500 }, 1);
    await appendToDelivery('ServiceStatementIssued', uncappedStatement, 1);

    const report = await verifyAll(store);
    expect(report.ok).toBe(true);
    expect(report.decisions.byType.HoursDelivered).toEqual({ decided: 0, folded: 1, failed: 0 });
    expect(report.decisions.byType.ServiceStatementIssued).toMatchObject({ folded: 1, failed: 0 });
    expect(report.notes).toEqual(expect.arrayContaining([expect.stringMatching(/before their current schema version/)]));
  });

  it('fails the same uncapped statement recorded at the current schema version: the decider caps it', async () => {
    await appendToDelivery('ServiceStatementIssued', uncappedStatement, SERVICE_STATEMENT_SCHEMA_VERSION);

    const report = await verifyAll(store);
    expect(report.ok).toBe(false);
    expect(report.firstFailure).toMatchObject({ check: 'decision', type: 'ServiceStatementIssued', reason: expect.stringMatching(/other data/) });
  });

  it('verifies exits and outcomes: an exit recorded before destinations is folded as recorded, one with its destination and an outcome are decided again', async () => {
    const at = (day: string) => `${day}T17:00:00.000Z`;
    const enter = (traineeId: string) => report(store, history.contractId, history.orderId, at('2026-04-06'), { kind: 'TRAINEE_ENTERED', traineeId, sessionId: 'S-1', enteredOn: '2026-04-06', publics: NO_PUBLIC });
    await enter('trainee-a1b2c3d4');
    await enter('trainee-e5f6a7b8');
    await appendToDelivery('TraineeLeftEarly', { traineeId: 'trainee-a1b2c3d4', sessionId: 'S-1', on: '2026-05-04', reason: 'FAMILY' }, 1);
    await report(store, history.contractId, history.orderId, at('2026-05-10'), {
      kind: 'TRAINEE_LEFT_EARLY',
      traineeId: 'trainee-e5f6a7b8',
      on: '2026-05-10',
      destination: 'EMPLOYMENT',
      employment: { contractType: 'CDD', durationMonths: 6 },
    });
    await recordOutcomes(store, history.contractId, history.orderId, '2026-12-01T10:00:00.000Z', [
      { traineeId: 'trainee-e5f6a7b8', horizonMonths: 6, situation: 'EMPLOYED', employment: { contractType: 'CDI' }, source: 'POLE_EMPLOI_IMPORT', observedOn: '2026-11-30' },
      { traineeId: 'trainee-a1b2c3d4', horizonMonths: 6, situation: 'JOB_SEEKER', source: 'POLE_EMPLOI_IMPORT', observedOn: '2026-11-30' },
    ]);

    const verified = await verifyAll(store);
    expect(verified.ok).toBe(true);
    expect(verified.decisions.byType.TraineeLeftEarly).toEqual({ decided: 1, folded: 1, failed: 0 });
    expect(verified.decisions.byType.TraineeOutcomeObserved).toEqual({ decided: 2, folded: 0, failed: 0 });
  });

  it('fails an outcome that no rule allows: observed before six months had passed since the exit', async () => {
    await report(store, history.contractId, history.orderId, '2026-04-06T17:00:00.000Z', { kind: 'TRAINEE_ENTERED', traineeId: 'trainee-a1b2c3d4', sessionId: 'S-1', enteredOn: '2026-04-06', publics: NO_PUBLIC });
    await report(store, history.contractId, history.orderId, '2026-05-04T17:00:00.000Z', { kind: 'TRAINEE_LEFT_EARLY', traineeId: 'trainee-a1b2c3d4', on: '2026-05-04', destination: 'IAE' });
    await appendToDelivery(
      'TraineeOutcomeObserved',
      { traineeId: 'trainee-a1b2c3d4', sessionId: 'S-1', exitedOn: '2026-05-04', horizonMonths: 6, situation: 'IAE', source: 'POLE_EMPLOI_IMPORT', observedOn: '2026-11-02' },
      1,
    );

    const verified = await verifyAll(store);
    expect(verified.ok).toBe(false);
    expect(verified.firstFailure).toMatchObject({ check: 'decision', type: 'TraineeOutcomeObserved', reason: expect.stringMatching(/OUTCOME_OBSERVED_TOO_EARLY/) });
  });

  it('verifies an order adjustment recorded before adjustments were dated (schema version 1, no adjustedOn)', async () => {
    const contract = (await store.readStream(contractStream(history.contractId))).reduce(
      (folded, event) => evolveContract(folded, { type: event.type, data: event.data } as ProcurementEvent),
      initialContractState(),
    );
    const at = '2026-04-10T10:00:00.000Z';
    const [decided] = procurementDecider.decide(
      {
        type: 'AdjustOrder',
        meta: { at, actorId: 'buyer-ara-1' },
        data: { orderId: history.orderId, clauseId: 'VOL-1', reason: 'Waiting list', adjustment: { kind: 'CHANGE_QUANTITY', unitType: 'PATHWAY', delta: 1 } },
      },
      contract,
    );
    const { adjustedOn, ...asRecordedThen } = decided.data as Record<string, unknown>;
    expect(adjustedOn).toBe('2026-04-10');
    await appendForged('OrderQuantityAdjusted', asRecordedThen, { occurredAt: at, schemaVersion: 1 });

    const report = await verifyAll(store);
    expect(report.ok).toBe(true);
    expect(report.decisions.byType.OrderQuantityAdjusted).toMatchObject({ folded: 0, failed: 0 });

    // The same event claiming the current schema version lacks a field the decider writes: it fails.
    await appendForged('OrderQuantityAdjusted', { ...asRecordedThen, delta: 1, quantityAfter: (asRecordedThen.quantityAfter as number) + 1 }, { occurredAt: at, schemaVersion: 2 });
    const later = await verifyAll(store);
    expect(later.ok).toBe(false);
    expect(later.firstFailure).toMatchObject({ check: 'decision', type: 'OrderQuantityAdjusted', reason: expect.stringMatching(/adjustedOn/) });
  });

  it('names the event whose row was rewritten in the database', async () => {
    const adjusted = await eventOfType('OrderQuantityAdjusted');
    await store.close();
    const db = new Database(file);
    const row = db.prepare('SELECT data FROM events WHERE position = ?').get(adjusted.position) as { data: string };
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(row.data.replace('"delta":5', '"delta":25'), adjusted.position);
    db.close();
    store = EmbeddedEventStore.open({ file });

    const report = await verifyAll(store);

    expect(report.ok).toBe(false);
    expect(report.firstFailure).toMatchObject({
      check: 'integrity',
      position: adjusted.position,
      streamId: contractStream(history.contractId),
      revision: adjusted.revision,
      type: 'OrderQuantityAdjusted',
      reason: expect.stringMatching(/rewritten/),
    });
    // Re-deciding sees it too: 25 pathways is beyond the ±20 of the volume clause.
    expect(report.failures).toEqual(
      expect.arrayContaining([expect.objectContaining({ check: 'decision', position: adjusted.position, reason: expect.stringMatching(/VOLUME_CLAUSE_BOUND_EXCEEDED/) })]),
    );
  });

  it('names an appended event the decider would not have produced: an adjustment beyond the clause bound', async () => {
    const adjusted = await eventOfType('OrderQuantityAdjusted');
    const forged = await appendForged('OrderQuantityAdjusted', { ...adjusted.data, delta: 30, quantityAfter: 85, valueDeltaCents: 9_000_000 });

    const report = await verifyAll(store);

    expect(report.integrity.ok).toBe(true);
    expect(report.ok).toBe(false);
    expect(report.firstFailure).toMatchObject({
      check: 'decision',
      position: forged.position,
      revision: forged.revision,
      eventId: forged.id,
      reason: expect.stringMatching(/refuses.*VOLUME_CLAUSE_BOUND_EXCEEDED/),
    });
  });

  it('names an appended event whose figures differ from what the decider computes', async () => {
    const adjusted = await eventOfType('OrderQuantityAdjusted');
    // One pathway more, recorded at a price that is not the lot's.
    const forged = await appendForged('OrderQuantityAdjusted', { ...adjusted.data, delta: 1, quantityAfter: 56, valueDeltaCents: 1 });

    const report = await verifyAll(store);

    expect(report.firstFailure).toMatchObject({ check: 'decision', position: forged.position, reason: expect.stringMatching(/valueDeltaCents recorded 1/) });
  });

  it('names an event added to the group of an earlier command, which the command did not produce', async () => {
    const adjusted = await eventOfType('OrderQuantityAdjusted');
    const closed = await appendForged('OrderClosed', { orderId: history.orderId, closedAt: '2026-04-10T10:00:00.000Z' }, { ...adjusted.metadata });

    const report = await verifyAll(store);

    expect(report.firstFailure).toMatchObject({ check: 'decision', position: closed.position, reason: expect.stringMatching(/already wrote earlier events/) });
  });

  it('catches a proposal whose recorded inputs do not give the recorded adjustment', async () => {
    const proposed = (await eventOfType('OrderAdjustmentProposed')).data as Parameters<typeof proposalProblem>[0];
    expect(proposalProblem(proposed)).toBeUndefined();
    // The waiting list said 8: the policy proposed 8 more pathways. Recorded as 12, the inputs no longer give 8.
    expect(proposalProblem({ ...proposed, adjustment: { kind: 'CHANGE_QUANTITY', unitType: 'PATHWAY', delta: 12 } })).toMatch(/not the recorded/);
    expect(proposalProblem({ ...proposed, inputs: { ...proposed.inputs, waitingList: 2 } })).toMatch(/proposes nothing/);
    expect(proposalProblem({ ...proposed, inputs: { ...proposed.inputs, fillRatePercent: 50 } })).toMatch(/fillRatePercent recorded 50, computed 100/);

    const forged = await appendForged(
      'OrderAdjustmentProposed',
      { ...proposed, proposalId: newId(), inputs: { ...proposed.inputs, waitingList: 3 }, proposedAt: '2026-04-10T10:00:00.000Z' },
      { role: 'system', actorId: 'fill-rate-and-waiting-list@1' },
    );
    const report = await verifyAll(store);
    expect(report.proposals).toMatchObject({ checked: 2, matched: 1, failed: 1 });
    expect(report.failures).toEqual(
      expect.arrayContaining([expect.objectContaining({ check: 'proposal', position: forged.position, reason: expect.stringMatching(/proposes nothing/) })]),
    );
  });

  it('reports a proposal made by another policy version without failing it', async () => {
    const proposed = (await eventOfType('OrderAdjustmentProposed')).data;
    await appendForged('OrderAdjustmentProposed', { ...proposed, proposalId: newId(), policyVersion: 'older-policy@0' }, { role: 'system' });

    const report = await verifyAll(store);

    expect(report.proposals.unknownVersion).toEqual([expect.objectContaining({ policyVersion: 'older-policy@0', tenant: TENANT })]);
    expect(report.proposals.failed).toBe(0);
  });
});
