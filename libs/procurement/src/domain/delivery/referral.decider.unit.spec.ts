import { specify } from '@app/shared/testing/decider-specification';
import {
  ALICE,
  BAPTISTE,
  CHLOE,
  DAVID,
  deliveryTerms,
  enteredThroughReferral,
  noPriorityPublic,
  ORDER_ID,
  refer,
  REFERRED_ON,
  referralIdOf,
  referralNoShow,
  referralRefused,
  report,
  sessionEnded,
  sessionStarted,
  traineeEntered,
  traineeLeftEarly,
  traineeReferred,
  traineeWaitlisted,
} from '../testing/delivery-fixtures';
import { CONTRACT_ID, SESSION_ID, SESSION_END } from '../testing/fixtures';
import { deliveryDecider } from './delivery.decider';
import { DeliveryEvent } from './delivery.events';

const of = { contractId: CONTRACT_ID, orderId: ORDER_ID };
const STARTED_ON = '2026-03-09';
const given = (history: DeliveryEvent[]) => specify(deliveryDecider).given(history);
const qpv = { ...noPriorityPublic, qpvResident: true };

describe('referrals of job seekers by Pôle emploi advisers', () => {
  describe('placing a referral', () => {
    it('puts the referral into the session while places remain, with the figures it was decided on', () => {
      given([]).when(refer(ALICE, { publics: qpv })).then([
        {
          type: 'TraineeReferred',
          data: {
            ...of,
            referralId: referralIdOf(ALICE),
            traineeId: ALICE,
            sessionId: SESSION_ID,
            referredOn: REFERRED_ON,
            publics: qpv,
            placement: 'SESSION',
            check: { capacity: 2, traineesPresent: 0, referralsHoldingPlaces: 0 },
          },
        },
      ]);
    });

    it('counts referrals awaiting their outcome against the places: the last place goes to the session, the next referral waits', () => {
      const oneHeld = [traineeReferred(ALICE, 'SESSION', { present: 0, holding: 0 })];
      expect(given(oneHeld).when(refer(BAPTISTE)).events()[0].data).toMatchObject({ placement: 'SESSION', check: { referralsHoldingPlaces: 1 } });
      const full = [...oneHeld, traineeReferred(BAPTISTE, 'SESSION', { present: 0, holding: 1 })];
      expect(given(full).when(refer(CHLOE)).events()[0].data).toMatchObject({
        placement: 'WAITING_LIST',
        check: { capacity: 2, traineesPresent: 0, referralsHoldingPlaces: 2 },
      });
    });

    it('counts trainees present and referrals together, and a place freed by a refusal or an early leaver is offered again', () => {
      const mixed = [sessionStarted(STARTED_ON), traineeEntered(DAVID, STARTED_ON), traineeReferred(ALICE, 'SESSION', { present: 1, holding: 0 })];
      expect(given(mixed).when(refer(BAPTISTE, { at: '2026-03-10T09:00:00.000Z' })).events()[0].data).toMatchObject({ placement: 'WAITING_LIST' });
      const refused = [...mixed, referralRefused(ALICE, '2026-03-09', 'SESSION')];
      expect(given(refused).when(refer(BAPTISTE, { at: '2026-03-10T09:00:00.000Z' })).events()[0].data).toMatchObject({ placement: 'SESSION' });
      const left = [...mixed, traineeLeftEarly(DAVID, '2026-03-10')];
      expect(given(left).when(refer(BAPTISTE, { at: '2026-03-11T09:00:00.000Z' })).events()[0].data).toMatchObject({ placement: 'SESSION' });
    });

    it('writes nothing when the same job seeker is referred again to the same session while the referral is open', () => {
      const history = [traineeReferred(ALICE, 'SESSION', { present: 0, holding: 0 })];
      given(history).when(refer(ALICE)).then([]);
      given(history).when(refer(ALICE, { referralId: 'referral-sent-again' })).then([]);
      given(history).when(refer(ALICE, { publics: qpv })).thenRefuses('CONFLICTS_WITH_EARLIER_REPORT');
    });

    it('refuses a second open referral of one job seeker to another session of the order', () => {
      const terms = deliveryTerms({
        sessions: {
          ...deliveryTerms().sessions,
          'session-autumn': { sessionId: 'session-autumn', startDate: '2026-06-01', endDate: '2026-07-24', capacity: 2, cancelled: false },
        },
      });
      given([traineeReferred(ALICE, 'SESSION', { present: 0, holding: 0 })])
        .when(refer(ALICE, { referralId: 'referral-2', sessionId: 'session-autumn', terms }))
        .thenRefuses('REFERRAL_ALREADY_OPEN', { referralId: referralIdOf(ALICE), sessionId: SESSION_ID });
    });

    it('accepts a new referral once the earlier one has its outcome', () => {
      const history = [traineeReferred(ALICE, 'SESSION', { present: 0, holding: 0 }), referralNoShow(ALICE, '2026-03-09', 'SESSION')];
      expect(given(history).when(refer(ALICE, { referralId: 'referral-2', at: '2026-03-10T09:00:00.000Z' })).events()).toHaveLength(1);
    });

    it('refuses to refer a job seeker who already entered the order, or waits on the provider’s list', () => {
      given([sessionStarted(STARTED_ON), traineeEntered(ALICE, STARTED_ON)]).when(refer(ALICE)).thenRefuses('TRAINEE_ALREADY_ENTERED');
      const full = [sessionStarted(STARTED_ON), traineeEntered(BAPTISTE, STARTED_ON), traineeEntered(CHLOE, STARTED_ON), traineeWaitlisted(ALICE, STARTED_ON)];
      given(full).when(refer(ALICE)).thenRefuses('TRAINEE_ALREADY_WAITING');
    });

    it('refuses a referral to a cancelled, unknown or ended session', () => {
      const cancelled = deliveryTerms({ sessions: { [SESSION_ID]: { ...deliveryTerms().sessions[SESSION_ID], cancelled: true } } });
      given([]).when(refer(ALICE, { terms: cancelled })).thenRefuses('SESSION_CANCELLED');
      given([]).when(refer(ALICE, { sessionId: 'session-unknown' })).thenRefuses('SESSION_NOT_FOUND');
      given([sessionStarted(STARTED_ON), sessionEnded('2026-06-20')])
        .when(refer(ALICE, { at: '2026-06-22T09:00:00.000Z' }))
        .thenRefuses('SESSION_ALREADY_ENDED', { endedOn: '2026-06-20' });
    });

    it('accepts a referral up to the last planned day of the session, and refuses it the day after', () => {
      expect(given([]).when(refer(ALICE, { at: `${SESSION_END}T18:00:00.000Z` })).events()).toHaveLength(1);
      given([]).when(refer(ALICE, { at: '2026-06-27T08:00:00.000Z' })).thenRefuses('SESSION_ALREADY_ENDED', { endedOn: SESSION_END });
    });

    it('refuses a job seeker named by a social-security number', () => {
      given([]).when(refer('1850775123456')).thenRefuses('TRAINEE_ID_NOT_PSEUDONYMOUS', { problem: 'LOOKS_LIKE_NIR' });
    });
  });

  describe('outcomes reported by the provider', () => {
    const placed = [traineeReferred(ALICE, 'SESSION', { present: 0, holding: 0 }), sessionStarted(STARTED_ON)];
    const enter = (traineeId: string, referralId?: string, enteredOn = STARTED_ON) =>
      report({ kind: 'TRAINEE_ENTERED', traineeId, sessionId: SESSION_ID, enteredOn, publics: noPriorityPublic, ...(referralId ? { referralId } : {}) });

    it('enters a referred job seeker on the place the referral held, naming it', () => {
      given(placed).when(enter(ALICE, referralIdOf(ALICE))).then([enteredThroughReferral(ALICE, STARTED_ON)]);
    });

    it('lets a placed referral enter a session its place keeps for it, while a walk-in finds it full', () => {
      const fullOfReferrals = [
        traineeReferred(ALICE, 'SESSION', { present: 0, holding: 0 }),
        traineeReferred(BAPTISTE, 'SESSION', { present: 0, holding: 1 }),
        sessionStarted(STARTED_ON),
      ];
      given(fullOfReferrals).when(enter(DAVID)).thenRefuses('SESSION_FULL', { capacity: 2, present: 0, referralsHoldingPlaces: 2 });
      expect(given(fullOfReferrals).when(enter(ALICE, referralIdOf(ALICE))).events()).toHaveLength(1);
    });

    it('enters a waiting referral only when a place is free', () => {
      const waiting = [
        traineeReferred(ALICE, 'SESSION', { present: 0, holding: 0 }),
        traineeReferred(BAPTISTE, 'SESSION', { present: 0, holding: 1 }),
        traineeReferred(CHLOE, 'WAITING_LIST', { present: 0, holding: 2 }),
        sessionStarted(STARTED_ON),
      ];
      given(waiting).when(enter(CHLOE, referralIdOf(CHLOE))).thenRefuses('SESSION_FULL');
      expect(given([...waiting, referralNoShow(BAPTISTE, STARTED_ON, 'SESSION')]).when(enter(CHLOE, referralIdOf(CHLOE))).events()).toHaveLength(1);
    });

    it('asks the entry of a referred job seeker to name the referral, and to match it', () => {
      given(placed).when(enter(ALICE)).thenRefuses('REFERRAL_NOT_NAMED', { referralId: referralIdOf(ALICE) });
      given(placed).when(enter(BAPTISTE, referralIdOf(ALICE))).thenRefuses('REFERRAL_DOES_NOT_MATCH', { sameTrainee: false });
      given(placed).when(enter(ALICE, 'referral-unknown')).thenRefuses('REFERRAL_NOT_FOUND');
    });

    it('records a refusal with its reason and where the referral stood', () => {
      given(placed)
        .when(report({ kind: 'REFERRAL_REFUSED', referralId: referralIdOf(ALICE), on: '2026-03-05', reason: 'PREREQUISITES_NOT_MET' }))
        .then([referralRefused(ALICE, '2026-03-05', 'SESSION')]);
    });

    it('records a no-show', () => {
      given(placed)
        .when(report({ kind: 'REFERRAL_NO_SHOW', referralId: referralIdOf(ALICE), on: STARTED_ON }))
        .then([referralNoShow(ALICE, STARTED_ON, 'SESSION')]);
    });

    it('writes nothing for the same outcome again, and refuses another outcome of a closed referral', () => {
      const refused = [...placed, referralRefused(ALICE, '2026-03-05', 'SESSION')];
      given(refused).when(report({ kind: 'REFERRAL_REFUSED', referralId: referralIdOf(ALICE), on: '2026-03-05', reason: 'PREREQUISITES_NOT_MET' })).then([]);
      given(refused)
        .when(report({ kind: 'REFERRAL_NO_SHOW', referralId: referralIdOf(ALICE), on: STARTED_ON }))
        .thenRefuses('REFERRAL_ALREADY_CLOSED', { outcome: { kind: 'REFUSED' } });
      given(refused).when(enter(ALICE, referralIdOf(ALICE))).thenRefuses('REFERRAL_ALREADY_CLOSED');
      const entered = [...placed, enteredThroughReferral(ALICE, STARTED_ON)];
      given(entered).when(report({ kind: 'REFERRAL_NO_SHOW', referralId: referralIdOf(ALICE), on: STARTED_ON })).thenRefuses('REFERRAL_ALREADY_CLOSED');
      given(entered).when(enter(ALICE, referralIdOf(ALICE))).then([]);
    });

    it('refuses an outcome of an unknown referral, or dated before the referral', () => {
      given(placed).when(report({ kind: 'REFERRAL_NO_SHOW', referralId: 'referral-unknown', on: STARTED_ON })).thenRefuses('REFERRAL_NOT_FOUND');
      given(placed)
        .when(report({ kind: 'REFERRAL_NO_SHOW', referralId: referralIdOf(ALICE), on: '2026-03-01' }))
        .thenRefuses('REFERRAL_OUTCOME_BEFORE_REFERRAL', { referredOn: REFERRED_ON });
      expect(given(placed).when(report({ kind: 'REFERRAL_NO_SHOW', referralId: referralIdOf(ALICE), on: REFERRED_ON })).events()).toHaveLength(1);
    });

    it('refuses an outcome dated after the day it is reported', () => {
      given(placed)
        .when(report({ kind: 'REFERRAL_NO_SHOW', referralId: referralIdOf(ALICE), on: '2026-03-04' }, { at: '2026-03-03T09:00:00.000Z' }))
        .thenRefuses('DELIVERY_DATE_IN_FUTURE');
    });

    it('refuses to put a job seeker with an open referral on the provider’s waiting list', () => {
      const full = [...placed, traineeEntered(BAPTISTE, STARTED_ON), traineeEntered(CHLOE, STARTED_ON)];
      given([traineeReferred(ALICE, 'WAITING_LIST', { present: 2, holding: 0 }), ...full.slice(1)])
        .when(report({ kind: 'TRAINEE_WAITLISTED', traineeId: ALICE, sessionId: SESSION_ID, on: STARTED_ON, publics: noPriorityPublic }))
        .thenRefuses('REFERRAL_ALREADY_OPEN');
    });

    it('lets a walk-in wait once trainees and referrals together fill the session', () => {
      const held = [traineeReferred(ALICE, 'SESSION', { present: 0, holding: 0 }), sessionStarted(STARTED_ON), traineeEntered(BAPTISTE, STARTED_ON)];
      expect(
        given(held).when(report({ kind: 'TRAINEE_WAITLISTED', traineeId: CHLOE, sessionId: SESSION_ID, on: STARTED_ON, publics: noPriorityPublic })).events(),
      ).toHaveLength(1);
    });
  });

  describe('trainees at risk of dropping out', () => {
    const inSession = [sessionStarted(STARTED_ON), traineeEntered(ALICE, STARTED_ON)];
    const atRisk = (traineeId = ALICE, on = '2026-04-10') => report({ kind: 'TRAINEE_AT_RISK', traineeId, on, reason: 'EMPLOYMENT' });

    it('records a trainee at risk with the session and the reason', () => {
      given(inSession)
        .when(atRisk())
        .then([{ type: 'TraineeAtRiskReported', data: { ...of, traineeId: ALICE, sessionId: SESSION_ID, on: '2026-04-10', reason: 'EMPLOYMENT' } }]);
    });

    it('writes nothing for the same report again and refuses a different one', () => {
      const reported = [...inSession, ...given(inSession).when(atRisk()).events()];
      given(reported).when(atRisk()).then([]);
      given(reported).when(atRisk(ALICE, '2026-04-11')).thenRefuses('CONFLICTS_WITH_EARLIER_REPORT');
    });

    it('refuses a trainee who did not enter, or who already left', () => {
      given(inSession).when(atRisk(BAPTISTE)).thenRefuses('TRAINEE_NOT_ENTERED');
      given([...inSession, traineeLeftEarly(ALICE, '2026-04-01')]).when(atRisk()).thenRefuses('TRAINEE_ALREADY_EXITED');
    });

    it('refuses a report after the session ended', () => {
      given([...inSession, sessionEnded('2026-04-09')]).when(atRisk()).thenRefuses('SESSION_ALREADY_ENDED');
    });
  });
});
