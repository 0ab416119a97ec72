import { refuse } from '../../contract/refuse';
import { entryPlaces } from '../delivery-terms';
import { openReferralOf, referralsHoldingPlaces, traineesPresent } from '../delivery.state';
import { deliveredOn, notEnteredYet, orderedSession, publicsOf, sameAs } from '../delivery.checks';
import { ReportRules } from './report-rules';

export const TRAINEE_WAITLISTED_REPORT: ReportRules<'TRAINEE_WAITLISTED'> = {
  TRAINEE_WAITLISTED: (report, { terms, state, today, of }) => {
    const { traineeId, sessionId, on } = report;
    const publics = publicsOf(report.publics);
    // Still waiting, or waited before entering: the same report again changes nothing.
    const waited = state.waitingList[traineeId] ?? state.trainees[traineeId]?.waitlisted;
    if (waited) return sameAs({ sessionId: waited.sessionId, on: waited.on, publics: waited.publics }, { sessionId, on, publics });
    notEnteredYet(state, traineeId);
    const open = openReferralOf(state, traineeId);
    if (open) {
      refuse('REFERRAL_ALREADY_OPEN', `Trainee ${traineeId} has referral ${open.referralId} open in this order`, {
        traineeId,
        referralId: open.referralId,
        placement: open.placement,
      });
    }
    const session = orderedSession(terms, sessionId);
    deliveredOn(terms, on, today);
    const endedOn = state.sessions[sessionId]?.endedOn;
    if (endedOn !== undefined && on > endedOn) {
      refuse('SESSION_ALREADY_ENDED', `Session ${sessionId} ended on ${endedOn}`, { sessionId, endedOn, on });
    }
    const present = traineesPresent(state, sessionId);
    const referred = referralsHoldingPlaces(state, sessionId);
    const { capacity, overbookingPlaces, places } = entryPlaces(terms, session);
    if (present + referred < places) {
      refuse('SESSION_NOT_FULL', `Session ${sessionId} has ${places - present - referred} free places: enter the trainee instead`, {
        sessionId,
        capacity,
        present,
        ...(referred > 0 ? { referralsHoldingPlaces: referred } : {}),
        ...(terms.overbooking ? { overbookingPlaces } : {}),
      });
    }
    return [{ type: 'TraineeWaitlisted', data: { ...of, traineeId, sessionId, on, publics } }];
  },
};
