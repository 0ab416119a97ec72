import { refuse } from '../../contract/refuse';
import { DeliveryState, Referral } from '../delivery.state';
import { canonical, notInFuture } from '../delivery.checks';
import { ReportRules } from './report-rules';

export const REFERRAL_REPORTS: ReportRules<'REFERRAL_REFUSED' | 'REFERRAL_NO_SHOW'> = {
  REFERRAL_REFUSED: (report, { state, today, of }) => {
    const referral = closingReferral(state, report.referralId, { kind: 'REFUSED', on: report.on, reason: report.reason }, today);
    if (!referral) return [];
    const { referralId, traineeId, sessionId, placement } = referral;
    return [{ type: 'ReferralRefused', data: { ...of, referralId, traineeId, sessionId, on: report.on, reason: report.reason, placement } }];
  },
  REFERRAL_NO_SHOW: (report, { state, today, of }) => {
    const referral = closingReferral(state, report.referralId, { kind: 'NO_SHOW', on: report.on }, today);
    if (!referral) return [];
    const { referralId, traineeId, sessionId, placement } = referral;
    return [{ type: 'ReferralNoShow', data: { ...of, referralId, traineeId, sessionId, on: report.on, placement } }];
  },
};

/** The referral a trainee enters through: theirs, for this session, still open, and entered on or after it was made. */
export function enteringReferral(state: DeliveryState, referralId: string, traineeId: string, sessionId: string, enteredOn: string): Referral {
  const referral = knownReferral(state, referralId);
  if (referral.traineeId !== traineeId || referral.sessionId !== sessionId) {
    refuse('REFERRAL_DOES_NOT_MATCH', `Referral ${referralId} is for another job seeker or another session`, {
      referralId,
      sessionId: referral.sessionId,
      reportedSessionId: sessionId,
      sameTrainee: referral.traineeId === traineeId,
    });
  }
  if (referral.outcome) alreadyClosed(referral);
  outcomeNotBefore(referral, enteredOn);
  return referral;
}

/**
 * The open referral an outcome closes, or undefined when the same outcome was already reported (nothing to
 * write); a different outcome of a closed referral is refused.
 */
function closingReferral(
  state: DeliveryState,
  referralId: string,
  outcome: NonNullable<Referral['outcome']>,
  today: string,
): Referral | undefined {
  const referral = knownReferral(state, referralId);
  if (referral.outcome) {
    if (canonical(referral.outcome) === canonical(outcome)) return undefined;
    alreadyClosed(referral);
  }
  outcomeNotBefore(referral, outcome.on);
  notInFuture(outcome.on, today);
  return referral;
}

function knownReferral(state: DeliveryState, referralId: string): Referral {
  const referral = state.referrals[referralId];
  if (!referral) refuse('REFERRAL_NOT_FOUND', `No referral ${referralId} in this order`, { referralId });
  return referral;
}

function alreadyClosed(referral: Referral): never {
  refuse('REFERRAL_ALREADY_CLOSED', `Referral ${referral.referralId} already has its outcome: ${referral.outcome!.kind.toLowerCase()}`, {
    referralId: referral.referralId,
    outcome: referral.outcome,
  });
}

function outcomeNotBefore(referral: Referral, on: string): void {
  if (on < referral.referredOn) {
    refuse('REFERRAL_OUTCOME_BEFORE_REFERRAL', `Referral ${referral.referralId} was made on ${referral.referredOn}`, {
      referralId: referral.referralId,
      referredOn: referral.referredOn,
      on,
    });
  }
}
