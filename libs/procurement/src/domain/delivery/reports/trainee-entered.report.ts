import { refuse } from '../../contract/refuse';
import { entryPlaces } from '../delivery-terms';
import { NOT_RECORDED, TargetingAtEntry, TRAINEE_ENTERED_SCHEMA_VERSION } from '../delivery.events';
import { openReferralOf, referralsHoldingPlaces, traineesPresent } from '../delivery.state';
import { deliveredOn, orderedSession, publicsOf, sameAs } from '../delivery.checks';
import { enteringReferral } from './referral.reports';
import { ReportRules } from './report-rules';

export const TRAINEE_ENTERED_REPORT: ReportRules<'TRAINEE_ENTERED'> = {
  TRAINEE_ENTERED: (report, { terms, state, today, of }) => {
    const { traineeId, sessionId, enteredOn, referralId } = report;
    const publics = publicsOf(report.publics);
    const targeting = targetingOf(report.targeting);
    const entered = state.trainees[traineeId];
    if (entered?.sessionId === sessionId) {
      return sameAs(
        { sessionId, enteredOn: entered.enteredOn, publics: entered.publics, targeting: entered.targeting, referralId: entered.referralId },
        { sessionId, enteredOn, publics, targeting, referralId },
      );
    }
    if (entered) {
      refuse('TRAINEE_ALREADY_ENTERED', `Trainee ${traineeId} already entered session ${entered.sessionId} of this order`, {
        traineeId,
        sessionId: entered.sessionId,
        enteredOn: entered.enteredOn,
      });
    }
    const referral = referralId === undefined ? undefined : enteringReferral(state, referralId, traineeId, sessionId, enteredOn);
    const open = openReferralOf(state, traineeId);
    if (referralId === undefined && open) {
      refuse('REFERRAL_NOT_NAMED', `Trainee ${traineeId} was referred to this order: the entry names referral ${open.referralId}`, {
        traineeId,
        referralId: open.referralId,
      });
    }
    const session = orderedSession(terms, sessionId);
    deliveredOn(terms, enteredOn, today);
    const delivered = state.sessions[sessionId] ?? {};
    if (delivered.startedOn === undefined || enteredOn < delivered.startedOn) {
      refuse('SESSION_NOT_STARTED', `Session ${sessionId} had not started on ${enteredOn}`, {
        sessionId,
        startedOn: delivered.startedOn ?? null,
        enteredOn,
      });
    }
    if (delivered.endedOn !== undefined && enteredOn > delivered.endedOn) {
      refuse('SESSION_ALREADY_ENDED', `Session ${sessionId} ended on ${delivered.endedOn}`, { sessionId, endedOn: delivered.endedOn, enteredOn });
    }
    // Places are taken by the trainees still in the session (a trainee who left early frees one) and by the
    // referrals placed in it awaiting their outcome; a referral placed in the session enters on its own place.
    // An overbooking clause adds places beyond the capacity; without one, no entry goes beyond it.
    if (referral?.placement !== 'SESSION') {
      const present = traineesPresent(state, sessionId);
      const referred = referralsHoldingPlaces(state, sessionId);
      const { capacity, overbookingPlaces, places } = entryPlaces(terms, session);
      if (present + referred >= places) {
        refuse('SESSION_FULL', `Session ${sessionId} is full: ${present} trainees and ${referred} referrals for ${places} places`, {
          sessionId,
          capacity,
          present,
          ...(referred > 0 ? { referralsHoldingPlaces: referred } : {}),
          ...(terms.overbooking ? { overbookingPlaces, overbookingClauseId: terms.overbooking.clauseId } : {}),
        });
      }
    }
    const contact = report.surveyContact === undefined ? {} : { surveyContact: report.surveyContact };
    return [
      {
        type: 'TraineeEntered',
        data: { ...of, traineeId, sessionId, enteredOn, publics, targeting, ...(referralId === undefined ? {} : { referralId }), ...contact },
        schemaVersion: TRAINEE_ENTERED_SCHEMA_VERSION,
      },
    ];
  },
};

/** The targeting data as reported, field by field; not reported is NOT_RECORDED, never a default value. */
function targetingOf(targeting: TargetingAtEntry | undefined): TargetingAtEntry {
  if (targeting === undefined || targeting === NOT_RECORDED) return NOT_RECORDED;
  const { qualificationLevel, ageBand, sex, illiterate } = targeting;
  return { qualificationLevel, ageBand, sex, illiterate };
}
