import { SealedPersonalData } from '@app/shared';
import { exhaustive } from '../contract/contract.state';
import { DeliveryEvent, LeavingReason, ServiceStatement, TraineePublics } from './delivery.events';

export interface SessionDelivery {
  startedOn?: string;
  endedOn?: string;
}

export interface TraineeDelivery {
  traineeId: string;
  sessionId: string;
  enteredOn: string;
  publics: TraineePublics;
  /** Sealed under the trainee's key: readable only through the personal-data vault, while the key exists. */
  surveyContact?: SealedPersonalData;
  leftEarly?: { on: string; reason: LeavingReason };
  completedOn?: string;
  /** Certification code → day obtained. */
  certifications: Record<string, string>;
  /** When the trainee had waited for a place before entering (kept so that the same report again is harmless). */
  waitlisted?: WaitingTrainee;
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
  /** Day → open days delivered that day. */
  openDays: Record<string, number>;
  /** Keyed by hoursKey(traineeId, date). */
  hours: Record<string, HoursOfDay>;
  /** Month (YYYY-MM) → subscription months delivered. */
  subscriptionMonths: Record<string, number>;
  statements: ServiceStatement[];
}

export const initialDeliveryState = (): DeliveryState => ({
  sessions: {},
  trainees: {},
  waitingList: {},
  openDays: {},
  hours: {},
  subscriptionMonths: {},
  statements: [],
});

/** One entry per trainee and day, and one per day for hours not attributed to a trainee. */
export function hoursKey(traineeId: string | undefined, date: string): string {
  return `${traineeId ?? '*'}@${date}`;
}

/** Trainees of a session still in it: entered and not left early (a completed trainee keeps the place). */
export function traineesPresent(state: DeliveryState, sessionId: string): number {
  return Object.values(state.trainees).filter((trainee) => trainee.sessionId === sessionId && !trainee.leftEarly).length;
}

/** Folds one fact into the state. Never refuses: events are facts. */
export function evolveDelivery(state: DeliveryState, event: DeliveryEvent): DeliveryState {
  switch (event.type) {
    case 'SessionStarted':
      return withSession(state, event.data.sessionId, { startedOn: event.data.on });
    case 'SessionEnded':
      return withSession(state, event.data.sessionId, { endedOn: event.data.on });
    case 'TraineeEntered': {
      const { traineeId, sessionId, enteredOn, publics, surveyContact } = event.data;
      const { [traineeId]: waited, ...waitingList } = state.waitingList;
      const trainee: TraineeDelivery = {
        traineeId,
        sessionId,
        enteredOn,
        publics,
        ...(surveyContact ? { surveyContact } : {}),
        certifications: {},
        ...(waited ? { waitlisted: waited } : {}),
      };
      return { ...state, trainees: { ...state.trainees, [traineeId]: trainee }, waitingList };
    }
    case 'TraineeWaitlisted': {
      const { traineeId, sessionId, on, publics } = event.data;
      return { ...state, waitingList: { ...state.waitingList, [traineeId]: { traineeId, sessionId, on, publics } } };
    }
    case 'TraineeLeftEarly':
      return withTrainee(state, event.data.traineeId, { leftEarly: { on: event.data.on, reason: event.data.reason } });
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
    default:
      return exhaustive(event);
  }
}

function withSession(state: DeliveryState, sessionId: string, change: SessionDelivery): DeliveryState {
  return { ...state, sessions: { ...state.sessions, [sessionId]: { ...state.sessions[sessionId], ...change } } };
}

function withTrainee(state: DeliveryState, traineeId: string, change: Partial<TraineeDelivery>): DeliveryState {
  const trainee = state.trainees[traineeId];
  // Facts about a trainee always follow the entry (the decider refuses them otherwise).
  if (!trainee) return state;
  return { ...state, trainees: { ...state.trainees, [traineeId]: { ...trainee, ...change } } };
}
