import { SealedPersonalData } from '@app/shared';
import { AttendanceState, evolveAttendance } from '../attendance/attendance.state';
import { exhaustive } from '../exhaustive';
import {
  DeliveryEvent,
  EmploymentContract,
  ExitDestination,
  LeavingReason,
  OutcomeHorizon,
  POSITIVE_EXIT_DESTINATIONS,
  ReferralPlacement,
  ReferralRefusalReason,
  ServiceStatement,
  TraineeOutcomeObserved,
  TargetingAtEntry,
  TraineePublics,
} from './delivery.events';

export interface SessionDelivery {
  startedOn?: string;
  endedOn?: string;
}

export interface TraineeDelivery {
  traineeId: string;
  sessionId: string;
  enteredOn: string;
  publics: TraineePublics;
  targeting: TargetingAtEntry;
  /** Sealed under the trainee's key: readable only through the personal-data vault, while the key exists. */
  surveyContact?: SealedPersonalData;
  leftEarly?: EarlyExit;
  completedOn?: string;
  /** What became of the trainee, by months after the exit (6, 12). */
  outcomes: Partial<Record<OutcomeHorizon, ObservedOutcome>>;
  /** Certification code → day obtained. */
  certifications: Record<string, string>;
  /** When the trainee had waited for a place before entering (kept so that the same report again is harmless). */
  waitlisted?: WaitingTrainee;
  /** The referral the trainee came through. */
  referralId?: string;
  /** Reported at risk of dropping out. */
  atRisk?: { on: string; reason: LeavingReason };
}

export interface EarlyExit {
  on: string;
  destination: ExitDestination;
  employment?: EmploymentContract;
  reason?: LeavingReason;
}

export type ObservedOutcome = Omit<TraineeOutcomeObserved['data'], 'contractId' | 'orderId' | 'traineeId' | 'sessionId'>;

export type ReferralOutcome =
  | { kind: 'ENTERED'; on: string }
  | { kind: 'REFUSED'; on: string; reason: ReferralRefusalReason }
  | { kind: 'NO_SHOW'; on: string };

/** A referral by a Pôle emploi adviser; without an outcome it is open, and holds a place when placed in the session. */
export interface Referral {
  referralId: string;
  traineeId: string;
  sessionId: string;
  referredOn: string;
  publics: TraineePublics;
  placement: ReferralPlacement;
  outcome?: ReferralOutcome;
}

/** A trainee on the waiting list of a full session of the order. */
export interface WaitingTrainee {
  traineeId: string;
  sessionId: string;
  on: string;
  publics: TraineePublics;
}

/** Hours of one day, to one trainee or not attributed (traineeId absent). */
export interface HoursOfDay {
  traineeId?: string;
  date: string;
  hours: number;
}

/** What has been delivered on one order, as reported, and the statements issued for it. */
export interface DeliveryState {
  sessions: Record<string, SessionDelivery>;
  trainees: Record<string, TraineeDelivery>;
  /** Trainees waiting for a place, by trainee id; an entry takes the trainee off the list. */
  waitingList: Record<string, WaitingTrainee>;
  /** Referrals by referral id, open or closed by their outcome. */
  referrals: Record<string, Referral>;
  /** Day → open days delivered that day. */
  openDays: Record<string, number>;
  /** Keyed by hoursKey(traineeId, date). */
  hours: Record<string, HoursOfDay>;
  /** Month (YYYY-MM) → subscription months delivered. */
  subscriptionMonths: Record<string, number>;
  statements: ServiceStatement[];
  /** Attendance sheets of the order's sessions (absent: none recorded). */
  attendance?: AttendanceState;
}

export const initialDeliveryState = (): DeliveryState => ({
  sessions: {},
  trainees: {},
  waitingList: {},
  referrals: {},
  openDays: {},
  hours: {},
  subscriptionMonths: {},
  statements: [],
});

/** One entry per trainee and day, and one per day for hours not attributed to a trainee. */
export function hoursKey(traineeId: string | undefined, date: string): string {
  return `${traineeId ?? '*'}@${date}`;
}

/** The day the trainee left the pathway: completion (also after leaving early, remotely), else the early exit. */
export function exitDayOf(trainee: TraineeDelivery): string | undefined {
  return trainee.completedOn ?? trainee.leftEarly?.on;
}

/** Left early for a job, an apprenticeship, a further training or an IAE, and did not complete: not a dropout. */
export function leftForPositiveExit(trainee: TraineeDelivery): boolean {
  return trainee.completedOn === undefined && trainee.leftEarly !== undefined && POSITIVE_EXIT_DESTINATIONS.includes(trainee.leftEarly.destination);
}

/** Trainees of a session still in it: entered and not left early (a completed trainee keeps the place). */
export function traineesPresent(state: DeliveryState, sessionId: string): number {
  return Object.values(state.trainees).filter((trainee) => trainee.sessionId === sessionId && !trainee.leftEarly).length;
}

/** Referrals without an outcome that hold a place of the session. */
export function referralsHoldingPlaces(state: DeliveryState, sessionId: string): number {
  return Object.values(state.referrals).filter((referral) => referral.sessionId === sessionId && referral.placement === 'SESSION' && !referral.outcome)
    .length;
}

/**
 * Places of a session that are taken: by trainees still in it, and by referrals placed in it and waiting for
 * their outcome (a referred job seeker is promised the place until the provider reports entry, refusal or
 * no-show). Waiting-list referrals take no place.
 */
export function placesTaken(state: DeliveryState, sessionId: string): number {
  return traineesPresent(state, sessionId) + referralsHoldingPlaces(state, sessionId);
}

/** The open referral of a job seeker in this order, if any. */
export function openReferralOf(state: DeliveryState, traineeId: string): Referral | undefined {
  return Object.values(state.referrals).find((referral) => referral.traineeId === traineeId && !referral.outcome);
}

/** Folds one fact into the state. Never refuses: events are facts. */
export function evolveDelivery(state: DeliveryState, event: DeliveryEvent): DeliveryState {
  switch (event.type) {
    case 'SessionStarted':
      return withSession(state, event.data.sessionId, { startedOn: event.data.on });
    case 'SessionEnded':
      return withSession(state, event.data.sessionId, { endedOn: event.data.on });
    case 'TraineeEntered': {
      const { traineeId, sessionId, enteredOn, publics, targeting, referralId, surveyContact } = event.data;
      const { [traineeId]: waited, ...waitingList } = state.waitingList;
      const trainee: TraineeDelivery = {
        traineeId,
        sessionId,
        enteredOn,
        publics,
        targeting,
        ...(surveyContact ? { surveyContact } : {}),
        certifications: {},
        outcomes: {},
        ...(waited ? { waitlisted: waited } : {}),
        ...(referralId === undefined ? {} : { referralId }),
      };
      const entered = { ...state, trainees: { ...state.trainees, [traineeId]: trainee }, waitingList };
      return referralId === undefined ? entered : withOutcome(entered, referralId, { kind: 'ENTERED', on: enteredOn });
    }
    case 'TraineeReferred': {
      const { referralId, traineeId, sessionId, referredOn, publics, placement } = event.data;
      const referral: Referral = { referralId, traineeId, sessionId, referredOn, publics, placement };
      return { ...state, referrals: { ...state.referrals, [referralId]: referral } };
    }
    case 'ReferralRefused':
      return withOutcome(state, event.data.referralId, { kind: 'REFUSED', on: event.data.on, reason: event.data.reason });
    case 'ReferralNoShow':
      return withOutcome(state, event.data.referralId, { kind: 'NO_SHOW', on: event.data.on });
    case 'TraineeAtRiskReported':
      return withTrainee(state, event.data.traineeId, { atRisk: { on: event.data.on, reason: event.data.reason } });
    case 'TraineeWaitlisted': {
      const { traineeId, sessionId, on, publics } = event.data;
      return { ...state, waitingList: { ...state.waitingList, [traineeId]: { traineeId, sessionId, on, publics } } };
    }
    case 'TraineeLeftEarly': {
      const { traineeId, on, destination, employment, reason } = event.data;
      const leftEarly: EarlyExit = { on, destination, ...(employment ? { employment } : {}), ...(reason ? { reason } : {}) };
      return withTrainee(state, traineeId, { leftEarly });
    }
    case 'TraineeOutcomeObserved': {
      const { contractId: _contractId, orderId: _orderId, traineeId, sessionId: _sessionId, ...outcome } = event.data;
      const trainee = state.trainees[traineeId];
      if (!trainee) return state;
      return withTrainee(state, traineeId, { outcomes: { ...trainee.outcomes, [outcome.horizonMonths]: outcome } });
    }
    case 'TraineeCompleted':
      return withTrainee(state, event.data.traineeId, { completedOn: event.data.on });
    case 'CertificationObtained': {
      const trainee = state.trainees[event.data.traineeId];
      if (!trainee) return state;
      return withTrainee(state, trainee.traineeId, {
        certifications: { ...trainee.certifications, [event.data.certificationCode]: event.data.on },
      });
    }
    case 'OpenDaysDelivered':
      return { ...state, openDays: { ...state.openDays, [event.data.date]: event.data.count } };
    case 'HoursDelivered': {
      const { traineeId, date, hours } = event.data;
      const entry: HoursOfDay = { ...(traineeId === undefined ? {} : { traineeId }), date, hours };
      return { ...state, hours: { ...state.hours, [hoursKey(traineeId, date)]: entry } };
    }
    case 'SubscriptionMonthsDelivered':
      return { ...state, subscriptionMonths: { ...state.subscriptionMonths, [event.data.month]: event.data.count } };
    case 'ServiceStatementIssued':
      return { ...state, statements: [...state.statements, event.data] };
    case 'AttendanceRecorded':
    case 'AbsenceRunDetected':
      return { ...state, attendance: evolveAttendance(state.attendance, event) };
    default:
      return exhaustive(event);
  }
}

function withSession(state: DeliveryState, sessionId: string, change: SessionDelivery): DeliveryState {
  return { ...state, sessions: { ...state.sessions, [sessionId]: { ...state.sessions[sessionId], ...change } } };
}

function withOutcome(state: DeliveryState, referralId: string, outcome: ReferralOutcome): DeliveryState {
  const referral = state.referrals[referralId];
  if (!referral) return state;
  return { ...state, referrals: { ...state.referrals, [referralId]: { ...referral, outcome } } };
}

function withTrainee(state: DeliveryState, traineeId: string, change: Partial<TraineeDelivery>): DeliveryState {
  const trainee = state.trainees[traineeId];
  // Facts about a trainee always follow the entry (the decider refuses them otherwise).
  if (!trainee) return state;
  return { ...state, trainees: { ...state.trainees, [traineeId]: { ...trainee, ...change } } };
}
