import { specify } from '@app/shared/testing/decider-specification';
import {
  ALICE,
  BAPTISTE,
  CAPACITY,
  certificationObtained,
  CHLOE,
  DAVID,
  deliveryStateOf,
  deliveryTerms,
  issueStatement,
  noPriorityPublic,
  ORDER_ID,
  report,
  REPORTED_AT,
  sessionEnded,
  sessionStarted,
  traineeCompleted,
  traineeEntered,
  traineeLeftEarly,
  traineeWaitlisted,
} from '../testing/delivery-fixtures';
import {
  clauseAdded,
  CONTRACT_ID,
  euros,
  GROUPING_LEAD,
  GROUPING_MEMBER,
  meta,
  ORDER_PERIOD_END,
  ORDER_PERIOD_START,
  PATHWAY_LOT,
  SESSION_ID,
} from '../testing/fixtures';
import { DeliveryReport } from './delivery.commands';
import { deliveryDecider, deliveryStream } from './delivery.decider';
import { DeliveryEvent, SERVICE_STATEMENT_SCHEMA_VERSION } from './delivery.events';

const of = { contractId: CONTRACT_ID, orderId: ORDER_ID };
const STARTED_ON = '2026-03-09';
const ENDED_ON = '2026-06-26';
const started = [sessionStarted(STARTED_ON)];
const enter = (traineeId: string, enteredOn = STARTED_ON): DeliveryReport => ({
  kind: 'TRAINEE_ENTERED',
  traineeId,
  sessionId: SESSION_ID,
  enteredOn,
  publics: noPriorityPublic,
});
const given = (history: DeliveryEvent[]) => specify(deliveryDecider).given(history);

/** Terms of an order that also holds the other work units, for the reports of hours, open days and months. */
const everyUnitTerms = deliveryTerms({
  workUnits: {
    PATHWAY: { unitPriceCents: euros(5_000), orderedQuantity: 20 },
    TRAINEE_HOUR: { unitPriceCents: euros(15), orderedQuantity: 4_000 },
    OPEN_DAY: { unitPriceCents: euros(1_000), orderedQuantity: 100 },
    SUBSCRIPTION: { unitPriceCents: euros(300), orderedQuantity: 12 },
  },
});

describe('the delivery of an order', () => {
  it('has one stream per order', () => {
    expect(deliveryStream(ORDER_ID)).toBe('delivery-order-lyon-spring');
  });

  describe('who reports', () => {
    it('refuses a report from a provider that does not perform the order’s lot', () => {
      given([])
        .when(report({ kind: 'SESSION_STARTED', sessionId: SESSION_ID, on: STARTED_ON }, { providerId: GROUPING_LEAD }))
        .thenRefuses('NOT_PROVIDER_OF_ORDER', { providerId: GROUPING_LEAD });
    });

    it('refuses a report sent by no provider at all', () => {
      const fromBuyer = { ...report({ kind: 'SESSION_STARTED', sessionId: SESSION_ID, on: STARTED_ON }), meta: meta(REPORTED_AT) };
      given([]).when(fromBuyer).thenRefuses('NOT_PROVIDER_OF_ORDER');
    });

    it('accepts the report of any member of the grouping performing the lot', () => {
      const terms = deliveryTerms({ providerIds: [GROUPING_LEAD, GROUPING_MEMBER] });
      const events = given([])
        .when(report({ kind: 'SESSION_STARTED', sessionId: SESSION_ID, on: STARTED_ON }, { providerId: GROUPING_MEMBER, terms }))
        .events();
      expect(events.map((e) => e.type)).toEqual(['SessionStarted']);
    });
  });

  describe('sessions', () => {
    it('records the start of a session with its contract and order', () => {
      given([])
        .when(report({ kind: 'SESSION_STARTED', sessionId: SESSION_ID, on: STARTED_ON }))
        .then([{ type: 'SessionStarted', data: { ...of, sessionId: SESSION_ID, on: STARTED_ON } }]);
    });

    it('accepts a delivery on the first day of the order period and refuses one the day before', () => {
      const startOn = (on: string) => given([]).when(report({ kind: 'SESSION_STARTED', sessionId: SESSION_ID, on }));
      expect(startOn(ORDER_PERIOD_START).events()).toHaveLength(1);
      startOn('2026-01-31').thenRefuses('DELIVERY_OUTSIDE_ORDER_PERIOD', {
        date: '2026-01-31',
        periodStart: ORDER_PERIOD_START,
        periodEnd: ORDER_PERIOD_END,
      });
    });

    it('accepts a delivery on the last day of the order period and refuses one the day after', () => {
      const endOn = (on: string) => given(started).when(report({ kind: 'SESSION_ENDED', sessionId: SESSION_ID, on }));
      expect(endOn(ORDER_PERIOD_END).events()).toEqual([{ type: 'SessionEnded', data: { ...of, sessionId: SESSION_ID, on: ORDER_PERIOD_END } }]);
      endOn('2026-08-01').thenRefuses('DELIVERY_OUTSIDE_ORDER_PERIOD', { date: '2026-08-01' });
    });

    it('accepts a delivery reported on its day and refuses one dated tomorrow', () => {
      const startOn = (on: string) =>
        given([]).when(report({ kind: 'SESSION_STARTED', sessionId: SESSION_ID, on }, { at: '2026-03-09T17:30:00.000Z' }));
      expect(startOn('2026-03-09').events()).toHaveLength(1);
      startOn('2026-03-10').thenRefuses('DELIVERY_DATE_IN_FUTURE', { date: '2026-03-10', today: '2026-03-09' });
    });

    it('refuses a session the order does not hold, or one that was cancelled', () => {
      given([]).when(report({ kind: 'SESSION_STARTED', sessionId: 'session-elsewhere', on: STARTED_ON })).thenRefuses('SESSION_NOT_FOUND');
      const base = deliveryTerms();
      const cancelled = deliveryTerms({ sessions: { [SESSION_ID]: { ...base.sessions[SESSION_ID], cancelled: true } } });
      given([])
        .when(report({ kind: 'SESSION_STARTED', sessionId: SESSION_ID, on: STARTED_ON }, { terms: cancelled }))
        .thenRefuses('SESSION_CANCELLED');
    });

    it('decides nothing when the same start is reported again, and refuses another start date', () => {
      given(started).when(report({ kind: 'SESSION_STARTED', sessionId: SESSION_ID, on: STARTED_ON })).then([]);
      given(started)
        .when(report({ kind: 'SESSION_STARTED', sessionId: SESSION_ID, on: '2026-03-10' }))
        .thenRefuses('CONFLICTS_WITH_EARLIER_REPORT', { recorded: { startedOn: STARTED_ON }, reported: { startedOn: '2026-03-10' } });
    });

    it('refuses to end a session that has not started, or before the day it started', () => {
      given([]).when(report({ kind: 'SESSION_ENDED', sessionId: SESSION_ID, on: ENDED_ON })).thenRefuses('SESSION_NOT_STARTED', { startedOn: null });
      given(started)
        .when(report({ kind: 'SESSION_ENDED', sessionId: SESSION_ID, on: '2026-03-08' }))
        .thenRefuses('SESSION_NOT_STARTED', { startedOn: STARTED_ON, endedOn: '2026-03-08' });
      expect(given(started).when(report({ kind: 'SESSION_ENDED', sessionId: SESSION_ID, on: STARTED_ON })).events()).toHaveLength(1);
    });

    it('decides nothing when the same end is reported again', () => {
      given([...started, sessionEnded(ENDED_ON)]).when(report({ kind: 'SESSION_ENDED', sessionId: SESSION_ID, on: ENDED_ON })).then([]);
    });
  });

  describe('entries', () => {
    it('records the entry of a trainee with the priority publics declared, under a pseudonymous id', () => {
      const publics = { ...noPriorityPublic, qpvResident: true, isolatedParent: true };
      given(started)
        .when(report({ ...enter(ALICE), publics } as DeliveryReport))
        .then([{ type: 'TraineeEntered', data: { ...of, traineeId: ALICE, sessionId: SESSION_ID, enteredOn: STARTED_ON, publics, targeting: 'NOT_RECORDED' }, schemaVersion: 2 }]);
    });

    it('records the targeting data declared at entry (qualification level, age band, sex, illiteracy) beside the priority publics', () => {
      const targeting = { qualificationLevel: 'LEVEL_3', ageBand: 'UNDER_26', sex: 'FEMALE', illiterate: true } as const;
      given(started)
        .when(report({ ...enter(ALICE), targeting } as DeliveryReport))
        .then([{ type: 'TraineeEntered', data: { ...of, traineeId: ALICE, sessionId: SESSION_ID, enteredOn: STARTED_ON, publics: noPriorityPublic, targeting }, schemaVersion: 2 }]);
    });

    it('records an entry reported without targeting data as NOT_RECORDED, never with a guessed value', () => {
      const [entry] = given(started).when(report(enter(ALICE))).events();
      expect(entry).toMatchObject({ data: { targeting: 'NOT_RECORDED' } });
    });

    it('takes the same entry with the same targeting again as nothing new, and refuses it with other targeting data', () => {
      const targeting = { qualificationLevel: 'NONE', ageBand: 'AGED_45_AND_OVER', sex: 'MALE', illiterate: false } as const;
      const history = [...started, traineeEntered(ALICE, STARTED_ON, noPriorityPublic, SESSION_ID, targeting)];
      given(history).when(report({ ...enter(ALICE), targeting } as DeliveryReport)).then([]);
      given(history)
        .when(report({ ...enter(ALICE), targeting: { ...targeting, qualificationLevel: 'LEVEL_4' } } as DeliveryReport))
        .thenRefuses('CONFLICTS_WITH_EARLIER_REPORT', { recorded: expect.objectContaining({ targeting }) });
      given(history).when(report(enter(ALICE))).thenRefuses('CONFLICTS_WITH_EARLIER_REPORT', { reported: expect.objectContaining({ targeting: 'NOT_RECORDED' }) });
    });

    it('records the survey contact only in the sealed form it was given, and the same entry again without a second contact', () => {
      const surveyContact = { keyId: 'key-1', algorithm: 'AES-256-GCM' as const, iv: 'aXY=', ciphertext: 'Y2lwaGVy', tag: 'dGFn' };
      given(started)
        .when(report({ ...enter(ALICE), surveyContact } as DeliveryReport))
        .then([{ type: 'TraineeEntered', data: { ...of, traineeId: ALICE, sessionId: SESSION_ID, enteredOn: STARTED_ON, publics: noPriorityPublic, targeting: 'NOT_RECORDED', surveyContact }, schemaVersion: 2 }]);
      given([...started, traineeEntered(ALICE, STARTED_ON)])
        .when(report({ ...enter(ALICE), surveyContact } as DeliveryReport))
        .then([]);
    });

    it(`fills a session of ${CAPACITY} places and refuses the entry beyond its capacity`, () => {
      // capacity - 1 present: the last place is taken.
      expect(given([...started, traineeEntered(ALICE, STARTED_ON)]).when(report(enter(BAPTISTE))).events()).toHaveLength(1);
      // capacity present: no entry beyond it, since the contract has no overbooking allowance.
      given([...started, traineeEntered(ALICE, STARTED_ON), traineeEntered(BAPTISTE, STARTED_ON)])
        .when(report(enter(CHLOE)))
        .thenRefuses('SESSION_FULL', { sessionId: SESSION_ID, capacity: CAPACITY, present: CAPACITY });
    });

    it('gives the place of a trainee who left early to the next one', () => {
      const full = [...started, traineeEntered(ALICE, STARTED_ON), traineeEntered(BAPTISTE, STARTED_ON)];
      expect(given([...full, traineeLeftEarly(ALICE, '2026-04-01')]).when(report(enter(CHLOE, '2026-04-02'))).events()).toHaveLength(1);
    });

    it('keeps the place of a trainee who completed until the session ends', () => {
      const full = [...started, traineeEntered(ALICE, STARTED_ON), traineeEntered(BAPTISTE, STARTED_ON), traineeCompleted(ALICE, '2026-05-01')];
      given(full).when(report(enter(CHLOE, '2026-05-02'))).thenRefuses('SESSION_FULL');
    });

    it('decides nothing when an entry is reported again, even once the session is full', () => {
      given([...started, traineeEntered(ALICE, STARTED_ON), traineeEntered(BAPTISTE, STARTED_ON)]).when(report(enter(ALICE))).then([]);
    });

    it('refuses the same entry reported with another date or other publics', () => {
      const history = [...started, traineeEntered(ALICE, STARTED_ON)];
      given(history).when(report(enter(ALICE, '2026-03-10'))).thenRefuses('CONFLICTS_WITH_EARLIER_REPORT');
      given(history)
        .when(report({ ...enter(ALICE), publics: { ...noPriorityPublic, disabled: true } } as DeliveryReport))
        .thenRefuses('CONFLICTS_WITH_EARLIER_REPORT');
    });

    it('compares a repeated entry whatever the order of its fields', () => {
      const reordered = { youngNeet: false, isolatedParent: false, disabled: false, ruralResident: false, qpvResident: false };
      given([...started, traineeEntered(ALICE, STARTED_ON)]).when(report({ ...enter(ALICE), publics: reordered } as DeliveryReport)).then([]);
    });

    it('refuses the entry of a trainee into a second session of the order', () => {
      const base = deliveryTerms();
      const terms = deliveryTerms({ sessions: { ...base.sessions, 'session-autumn': { ...base.sessions[SESSION_ID], sessionId: 'session-autumn' } } });
      given([...started, sessionStarted(STARTED_ON, 'session-autumn'), traineeEntered(ALICE, STARTED_ON)])
        .when(report({ ...enter(ALICE), sessionId: 'session-autumn' } as DeliveryReport, { terms }))
        .thenRefuses('TRAINEE_ALREADY_ENTERED', { sessionId: SESSION_ID });
    });

    it('refuses an entry into a session not started, before its first day, or after its last day', () => {
      given([]).when(report(enter(ALICE))).thenRefuses('SESSION_NOT_STARTED', { startedOn: null });
      given(started).when(report(enter(ALICE, '2026-03-08'))).thenRefuses('SESSION_NOT_STARTED', { startedOn: STARTED_ON });
      const ended = [...started, sessionEnded(ENDED_ON)];
      expect(given(ended).when(report(enter(ALICE, ENDED_ON))).events()).toHaveLength(1);
      given(ended).when(report(enter(ALICE, '2026-06-27'))).thenRefuses('SESSION_ALREADY_ENDED', { endedOn: ENDED_ON });
    });

    describe('trainee ids', () => {
      const refusedAs = (traineeId: string, problem: string) =>
        given(started).when(report(enter(traineeId))).thenRefuses('TRAINEE_ID_NOT_PSEUDONYMOUS', { problem });
      const accepted = (traineeId: string) => expect(given(started).when(report(enter(traineeId))).events()).toHaveLength(1);

      it('refuses a social-security number (NIR) with or without its key, its separators or its first digit', () => {
        refusedAs('185057800608491', 'LOOKS_LIKE_NIR');
        refusedAs('18505780060849', 'LOOKS_LIKE_NIR');
        refusedAs('1850578006084', 'LOOKS_LIKE_NIR');
        refusedAs('1-85-05-78-006-084-91', 'LOOKS_LIKE_NIR');
        refusedAs('385057800608491', 'LOOKS_LIKE_NIR');
      });

      it('refuses the NIR of a person born in Corsica (2A, 2B)', () => {
        refusedAs('285052A12345678', 'LOOKS_LIKE_NIR');
        refusedAs('185052b123456', 'LOOKS_LIKE_NIR');
      });

      it('accepts ids of digits shorter or longer than a NIR', () => {
        accepted('185057800608');
        accepted('1850578006084911');
      });

      it('refuses names, e-mail addresses and ids of the wrong length', () => {
        refusedAs('Jean Dupont', 'FORMAT');
        refusedAs('jean.dupont@example.fr', 'FORMAT');
        refusedAs('a'.repeat(7), 'FORMAT');
        accepted('a'.repeat(8));
        accepted('a'.repeat(64));
        refusedAs('a'.repeat(65), 'FORMAT');
      });

      it('does not echo a refused id back', () => {
        let message = '';
        try {
          given(started).when(report(enter('185057800608491'))).events();
        } catch (error) {
          message = JSON.stringify({ message: (error as Error).message, details: (error as { details: unknown }).details });
        }
        expect(message).toMatch(/social-security/);
        expect(message).not.toContain('185057800608491');
      });
    });
  });

  describe('waiting list', () => {
    const full = [...started, traineeEntered(ALICE, STARTED_ON), traineeEntered(BAPTISTE, STARTED_ON)];
    const wait = (traineeId: string, on = '2026-03-10', sessionId = SESSION_ID): DeliveryReport => ({
      kind: 'TRAINEE_WAITLISTED',
      traineeId,
      sessionId,
      on,
      publics: noPriorityPublic,
    });

    it('puts a trainee on the waiting list of a full session, with the publics declared', () => {
      const publics = { ...noPriorityPublic, ruralResident: true };
      given(full)
        .when(report({ ...wait(CHLOE), publics } as DeliveryReport))
        .then([{ type: 'TraineeWaitlisted', data: { ...of, traineeId: CHLOE, sessionId: SESSION_ID, on: '2026-03-10', publics } }]);
    });

    it(`refuses to list a trainee while one of the ${CAPACITY} places is free: the trainee enters instead`, () => {
      // capacity - 1 present: refused, with the figures.
      given([...started, traineeEntered(ALICE, STARTED_ON)])
        .when(report(wait(CHLOE)))
        .thenRefuses('SESSION_NOT_FULL', { sessionId: SESSION_ID, capacity: CAPACITY, present: CAPACITY - 1 });
      // capacity present: accepted.
      expect(given(full).when(report(wait(CHLOE))).events()).toHaveLength(1);
      // A trainee who left early frees a place: the session is no longer full.
      given([...full, traineeLeftEarly(ALICE, '2026-03-09')]).when(report(wait(CHLOE))).thenRefuses('SESSION_NOT_FULL', { present: CAPACITY - 1 });
      // Not started: nobody is in, so nothing is full.
      given([]).when(report(wait(CHLOE))).thenRefuses('SESSION_NOT_FULL', { present: 0 });
    });

    it('decides nothing when the same trainee is listed again, and refuses another date, session or publics', () => {
      const listed = [...full, traineeWaitlisted(CHLOE, '2026-03-10')];
      given(listed).when(report(wait(CHLOE))).then([]);
      given(listed).when(report(wait(CHLOE, '2026-03-11'))).thenRefuses('CONFLICTS_WITH_EARLIER_REPORT');
      given(listed)
        .when(report({ ...wait(CHLOE), publics: { ...noPriorityPublic, disabled: true } } as DeliveryReport))
        .thenRefuses('CONFLICTS_WITH_EARLIER_REPORT');
      // Once the trainee has entered, the waiting report sent again is still harmless.
      given([...listed, traineeLeftEarly(ALICE, '2026-03-20'), traineeEntered(CHLOE, '2026-03-21')]).when(report(wait(CHLOE))).then([]);
    });

    it('refuses to list a trainee who already entered the order', () => {
      given(full).when(report(wait(ALICE))).thenRefuses('TRAINEE_ALREADY_ENTERED', { traineeId: ALICE, sessionId: SESSION_ID });
    });

    it('lets a listed trainee enter when a place frees up, and takes them off the list', () => {
      const listed = [...full, traineeWaitlisted(CHLOE, '2026-03-10'), traineeWaitlisted(DAVID, '2026-03-11')];
      // Still full: the listed trainee does not jump the capacity.
      given(listed).when(report(enter(CHLOE, '2026-03-12'))).thenRefuses('SESSION_FULL');
      const freed = [...listed, traineeLeftEarly(ALICE, '2026-03-20')];
      given(freed)
        .when(report(enter(CHLOE, '2026-03-21')))
        .then([{ type: 'TraineeEntered', data: { ...of, traineeId: CHLOE, sessionId: SESSION_ID, enteredOn: '2026-03-21', publics: noPriorityPublic, targeting: 'NOT_RECORDED' }, schemaVersion: 2 }]);
      const state = deliveryStateOf([...freed, traineeEntered(CHLOE, '2026-03-21')]);
      expect(Object.keys(state.waitingList)).toEqual([DAVID]);
      expect(state.trainees[CHLOE].waitlisted).toEqual({ traineeId: CHLOE, sessionId: SESSION_ID, on: '2026-03-10', publics: noPriorityPublic });
    });

    it('checks the trainee id, the session and the dates like an entry', () => {
      given(full).when(report(wait('185057800608491'))).thenRefuses('TRAINEE_ID_NOT_PSEUDONYMOUS', { problem: 'LOOKS_LIKE_NIR' });
      given(full).when(report(wait('Jean Dupont'))).thenRefuses('TRAINEE_ID_NOT_PSEUDONYMOUS', { problem: 'FORMAT' });
      given(full).when(report(wait(CHLOE, '2026-03-10', 'session-elsewhere'))).thenRefuses('SESSION_NOT_FOUND');
      given(full).when(report(wait(CHLOE, '2026-08-01'))).thenRefuses('DELIVERY_OUTSIDE_ORDER_PERIOD');
      given(full)
        .when(report(wait(CHLOE, '2026-03-10'), { at: '2026-03-09T18:00:00.000Z' }))
        .thenRefuses('DELIVERY_DATE_IN_FUTURE', { date: '2026-03-10', today: '2026-03-09' });
      const ended = [...full, sessionEnded(ENDED_ON)];
      expect(given(ended).when(report(wait(CHLOE, ENDED_ON))).events()).toHaveLength(1);
      given(ended).when(report(wait(CHLOE, '2026-06-27'))).thenRefuses('SESSION_ALREADY_ENDED', { endedOn: ENDED_ON });
    });
  });

  describe('exits and outcomes', () => {
    const entered = [...started, traineeEntered(ALICE, STARTED_ON)];

    it('records an early exit with its destination, its reason and the trainee’s session', () => {
      given(entered)
        .when(report({ kind: 'TRAINEE_LEFT_EARLY', traineeId: ALICE, on: '2026-04-15', destination: 'WITHOUT_SOLUTION', reason: 'HEALTH' }))
        .then([
          {
            type: 'TraineeLeftEarly',
            data: { ...of, traineeId: ALICE, sessionId: SESSION_ID, on: '2026-04-15', destination: 'WITHOUT_SOLUTION', reason: 'HEALTH' },
            schemaVersion: 2,
          },
        ]);
    });

    it('refuses an exit, a completion or a certification of a trainee who never entered', () => {
      given(started).when(report({ kind: 'TRAINEE_LEFT_EARLY', traineeId: BAPTISTE, on: '2026-04-15', destination: 'OTHER' })).thenRefuses('TRAINEE_NOT_ENTERED');
      given(started).when(report({ kind: 'TRAINEE_COMPLETED', traineeId: BAPTISTE, on: ENDED_ON })).thenRefuses('TRAINEE_NOT_ENTERED');
      given(started)
        .when(report({ kind: 'CERTIFICATION_OBTAINED', traineeId: BAPTISTE, on: ENDED_ON, certificationCode: 'RNCP37827' }))
        .thenRefuses('TRAINEE_NOT_ENTERED');
    });

    it('refuses an exit dated before the entry', () => {
      given([...started, traineeEntered(ALICE, '2026-03-16')])
        .when(report({ kind: 'TRAINEE_LEFT_EARLY', traineeId: ALICE, on: '2026-03-15', destination: 'OTHER' }))
        .thenRefuses('TRAINEE_NOT_ENTERED', { enteredOn: '2026-03-16', on: '2026-03-15' });
    });

    it('refuses an early exit after the session ended, or after the trainee completed', () => {
      given([...entered, sessionEnded(ENDED_ON)])
        .when(report({ kind: 'TRAINEE_LEFT_EARLY', traineeId: ALICE, on: '2026-06-27', destination: 'OTHER' }))
        .thenRefuses('SESSION_ALREADY_ENDED');
      given([...entered, traineeCompleted(ALICE, '2026-06-20')])
        .when(report({ kind: 'TRAINEE_LEFT_EARLY', traineeId: ALICE, on: '2026-06-21', destination: 'OTHER' }))
        .thenRefuses('TRAINEE_ALREADY_EXITED', { completedOn: '2026-06-20' });
    });

    it('decides nothing for the same exit reported again, and refuses it with another reason', () => {
      const left = [...entered, traineeLeftEarly(ALICE, '2026-04-15')];
      const again = { kind: 'TRAINEE_LEFT_EARLY', traineeId: ALICE, on: '2026-04-15', destination: 'EMPLOYMENT', employment: { contractType: 'CDI' } } as const;
      given(left).when(report(again)).then([]);
      given(left).when(report({ ...again, employment: { contractType: 'CDD', durationMonths: 6 } })).thenRefuses('CONFLICTS_WITH_EARLIER_REPORT');
      given(left).when(report({ kind: 'TRAINEE_LEFT_EARLY', traineeId: ALICE, on: '2026-04-15', destination: 'WITHOUT_SOLUTION', reason: 'HEALTH' })).thenRefuses('CONFLICTS_WITH_EARLIER_REPORT');
    });

    it('records a completion, and nothing more when it is reported again', () => {
      given(entered)
        .when(report({ kind: 'TRAINEE_COMPLETED', traineeId: ALICE, on: ENDED_ON }))
        .then([{ type: 'TraineeCompleted', data: { ...of, traineeId: ALICE, sessionId: SESSION_ID, on: ENDED_ON } }]);
      given([...entered, traineeCompleted(ALICE, ENDED_ON)]).when(report({ kind: 'TRAINEE_COMPLETED', traineeId: ALICE, on: ENDED_ON })).then([]);
    });

    it('refuses the completion of a trainee who left early when the contract has no dropout clause', () => {
      given([...entered, traineeLeftEarly(ALICE, '2026-04-15')])
        .when(report({ kind: 'TRAINEE_COMPLETED', traineeId: ALICE, on: '2026-04-20' }))
        .thenRefuses('TRAINEE_ALREADY_EXITED', { leftOn: '2026-04-15', dropoutClauseId: null });
    });

    it('lets a trainee who left early complete remotely within the weeks of the dropout clause', () => {
      const terms = deliveryTerms({}, { extraClauses: [clauseAdded('clause-dropout-4-weeks', { type: 'DROPOUT', maxRemoteWeeks: 4 }, PATHWAY_LOT)] });
      expect(terms.dropout).toEqual({ clauseId: 'clause-dropout-4-weeks', maxRemoteWeeks: 4 });
      const left = [...entered, traineeLeftEarly(ALICE, '2026-04-15')];
      expect(given(left).when(report({ kind: 'TRAINEE_COMPLETED', traineeId: ALICE, on: '2026-05-13' }, { terms })).events()).toHaveLength(1);
      given(left)
        .when(report({ kind: 'TRAINEE_COMPLETED', traineeId: ALICE, on: '2026-05-14' }, { terms }))
        .thenRefuses('TRAINEE_ALREADY_EXITED', { latestRemoteCompletion: '2026-05-13' });
    });

    it('records a certification obtained after the order period, since juries sit after the training', () => {
      given([...entered, traineeCompleted(ALICE, ENDED_ON)])
        .when(report({ kind: 'CERTIFICATION_OBTAINED', traineeId: ALICE, on: '2026-08-10', certificationCode: 'RNCP37827' }))
        .then([
          {
            type: 'CertificationObtained',
            data: { ...of, traineeId: ALICE, sessionId: SESSION_ID, on: '2026-08-10', certificationCode: 'RNCP37827' },
          },
        ]);
    });

    it('refuses a certification dated in the future, and decides nothing for one already recorded', () => {
      const completed = [...entered, traineeCompleted(ALICE, ENDED_ON)];
      given(completed)
        .when(report({ kind: 'CERTIFICATION_OBTAINED', traineeId: ALICE, on: '2026-08-16', certificationCode: 'RNCP37827' }))
        .thenRefuses('DELIVERY_DATE_IN_FUTURE');
      given([...completed, certificationObtained(ALICE, '2026-07-10')])
        .when(report({ kind: 'CERTIFICATION_OBTAINED', traineeId: ALICE, on: '2026-07-10', certificationCode: 'RNCP37827' }))
        .then([]);
    });
  });

  describe('work units other than the pathway', () => {
    it('refuses open days, hours or subscription months on an order that holds none', () => {
      given([]).when(report({ kind: 'OPEN_DAYS_DELIVERED', date: '2026-03-10', count: 1 })).thenRefuses('WORK_UNIT_NOT_ORDERED', {
        unitType: 'OPEN_DAY',
        ordered: ['PATHWAY'],
      });
      given([]).when(report({ kind: 'HOURS_DELIVERED', date: '2026-03-10', hours: 7 })).thenRefuses('WORK_UNIT_NOT_ORDERED', { unitType: 'TRAINEE_HOUR' });
      given([])
        .when(report({ kind: 'SUBSCRIPTION_MONTHS_DELIVERED', month: '2026-03', count: 1 }))
        .thenRefuses('WORK_UNIT_NOT_ORDERED', { unitType: 'SUBSCRIPTION' });
    });

    it('records the open days of a date once, and refuses another count for the same date', () => {
      const openDays = (count: number, date = '2026-03-10') => report({ kind: 'OPEN_DAYS_DELIVERED', date, count }, { terms: everyUnitTerms });
      given([]).when(openDays(2)).then([{ type: 'OpenDaysDelivered', data: { ...of, date: '2026-03-10', count: 2 } }]);
      const history: DeliveryEvent[] = [{ type: 'OpenDaysDelivered', data: { ...of, date: '2026-03-10', count: 2 } }];
      given(history).when(openDays(2)).then([]);
      given(history).when(openDays(3)).thenRefuses('CONFLICTS_WITH_EARLIER_REPORT', { recorded: { count: 2 }, reported: { count: 3 } });
      given([]).when(openDays(1, '2026-08-01')).thenRefuses('DELIVERY_OUTSIDE_ORDER_PERIOD');
    });

    it('credits a trainee with up to 24 hours a day when the session has no daily schedule, and refuses hours naming no trainee', () => {
      const hours = (count: number, traineeId?: string) =>
        report({ kind: 'HOURS_DELIVERED', ...(traineeId ? { traineeId } : {}), date: '2026-03-10', hours: count }, { terms: everyUnitTerms });
      const entered = [...started, traineeEntered(ALICE, STARTED_ON)];
      given(entered).when(hours(23, ALICE)).then([{ type: 'HoursDelivered', data: { ...of, traineeId: ALICE, date: '2026-03-10', hours: 23 }, schemaVersion: 2 }]);
      given(entered).when(hours(24, ALICE)).then([{ type: 'HoursDelivered', data: { ...of, traineeId: ALICE, date: '2026-03-10', hours: 24 }, schemaVersion: 2 }]);
      given(entered).when(hours(25, ALICE)).thenRefuses('HOURS_EXCEED_DAY', { hours: 25, maximum: 24, bound: 'A_DAY' });
      given(entered).when(hours(7, BAPTISTE)).thenRefuses('TRAINEE_NOT_ENTERED');
      given(entered).when(hours(70)).thenRefuses('HOURS_WITHOUT_TRAINEE', { date: '2026-03-10', hours: 70 });
    });

    it('decides nothing when the hours of a trainee and day are reported again', () => {
      const history: DeliveryEvent[] = [
        ...started,
        traineeEntered(ALICE, STARTED_ON),
        { type: 'HoursDelivered', data: { ...of, traineeId: ALICE, date: '2026-03-10', hours: 7 } },
      ];
      given(history).when(report({ kind: 'HOURS_DELIVERED', traineeId: ALICE, date: '2026-03-10', hours: 7 }, { terms: everyUnitTerms })).then([]);
    });

    it('records a subscription month that overlaps the order period, and refuses the months outside it', () => {
      const terms = { ...everyUnitTerms, periodStart: '2026-02-15', periodEnd: '2026-07-10' };
      const month = (m: string) => given([]).when(report({ kind: 'SUBSCRIPTION_MONTHS_DELIVERED', month: m, count: 1 }, { terms }));
      expect(month('2026-02').events()).toEqual([{ type: 'SubscriptionMonthsDelivered', data: { ...of, month: '2026-02', count: 1 } }]);
      expect(month('2026-07').events()).toHaveLength(1);
      month('2026-01').thenRefuses('DELIVERY_OUTSIDE_ORDER_PERIOD', { date: '2026-01' });
      month('2026-08').thenRefuses('DELIVERY_OUTSIDE_ORDER_PERIOD', { date: '2026-08' });
    });

    it('refuses a subscription month that has not begun', () => {
      given([])
        .when(report({ kind: 'SUBSCRIPTION_MONTHS_DELIVERED', month: '2026-04', count: 1 }, { terms: everyUnitTerms, at: '2026-03-31T12:00:00.000Z' }))
        .thenRefuses('DELIVERY_DATE_IN_FUTURE', { date: '2026-04-01' });
    });
  });

  describe('service statements', () => {
    const delivered = [
      ...started,
      traineeEntered(ALICE, STARTED_ON),
      traineeEntered(BAPTISTE, STARTED_ON),
      traineeCompleted(ALICE, ENDED_ON),
      traineeLeftEarly(BAPTISTE, '2026-04-15'),
      sessionEnded(ENDED_ON),
      certificationObtained(ALICE, '2026-07-10'),
    ];

    it('states the pathways completed in the period with the quality part paid at its base when the contract has no incentive clause', () => {
      given(delivered)
        .when(issueStatement('2026-06-01', '2026-06-30'))
        .then([
          {
            type: 'ServiceStatementIssued',
            data: {
              ...of,
              statementId: 'statement-2026-06-01',
              periodStart: '2026-06-01',
              periodEnd: '2026-06-30',
              issuedAt: REPORTED_AT,
              lines: [
                {
                  unitType: 'PATHWAY',
                  quantity: 1,
                  unitPriceCents: euros(5_000),
                  amountCents: euros(5_000),
                  price: { from: '2026-01-01', source: 'AWARD' },
                  deliveredFrom: '2026-06-26',
                  deliveredTo: '2026-06-26',
                },
              ],
              units: [{ unitType: 'PATHWAY', orderedQuantity: 20, statedBefore: 0, delivered: 1, payable: 1, beyondOrder: 0, beyondOrderValueCents: 0 }],
              fixedAmountCents: euros(4_500),
              qualityVariables: [
                {
                  unitType: 'PATHWAY',
                  indicator: 'CERTIFICATION_RATE',
                  qualityPartPercent: 10,
                  baseAmountCents: euros(500),
                  measured: true,
                  measuredPercent: 100,
                  tierApplied: null,
                  adjustmentPercent: 0,
                  amountCents: euros(500),
                  inputs: {
                    sessionsEndedInPeriod: [SESSION_ID],
                    traineesEntered: 2,
                    traineesCompleted: 1,
                    traineesCertified: 1,
                    numerator: 1,
                    denominator: 1,
                    clauseId: null,
                    tiersConsidered: [],
                    note: 'No quality-incentive clause: the variable part is paid at its base',
                  },
                },
              ],
              totalCents: euros(5_000),
              rounding: 'FLOOR_TO_CENT',
            },
            schemaVersion: SERVICE_STATEMENT_SCHEMA_VERSION,
          },
        ]);
    });

    it('refuses a period that ends before it starts', () => {
      given(delivered).when(issueStatement('2026-06-30', '2026-06-01')).thenRefuses('STATEMENT_PERIOD_INVALID');
    });

    it('states a period from the day after its last day, not on it', () => {
      given([]).when(issueStatement('2026-06-01', '2026-06-30', { at: '2026-06-30T18:00:00.000Z' })).thenRefuses('STATEMENT_PERIOD_NOT_ELAPSED', {
        periodEnd: '2026-06-30',
        today: '2026-06-30',
      });
      expect(given([]).when(issueStatement('2026-06-01', '2026-06-30', { at: '2026-07-01T08:00:00.000Z' })).events()).toHaveLength(1);
    });

    it('refuses a period that overlaps an earlier statement by one day, and accepts the next day', () => {
      const [june] = given(delivered).when(issueStatement('2026-06-01', '2026-06-30')).events();
      given([...delivered, june])
        .when(issueStatement('2026-06-30', '2026-07-31'))
        .thenRefuses('STATEMENT_PERIOD_OVERLAPS', { statementId: 'statement-2026-06-01', statedStart: '2026-06-01', statedEnd: '2026-06-30' });
      given([...delivered, june]).when(issueStatement('2026-05-01', '2026-06-01')).thenRefuses('STATEMENT_PERIOD_OVERLAPS');
      const [july] = given([...delivered, june]).when(issueStatement('2026-07-01', '2026-07-31')).events();
      expect(july).toMatchObject({ type: 'ServiceStatementIssued', data: { lines: [{ unitType: 'PATHWAY', quantity: 0 }], totalCents: 0 } });
    });
  });
});
