import { refuse } from '../contract/refuse';
import { DeliveryTerms, OrderedSession } from './delivery-terms';
import { EmploymentContract, TraineePublics } from './delivery.events';
import { DeliveryState, TraineeDelivery } from './delivery.state';

/** The day itself: the bound on a trainee's hours when the session has no daily schedule. */
const MAX_HOURS_A_DAY = 24;

/** The same fact again decides nothing; the same fact with other figures is refused. */
export function sameAs(recorded: object, reported: object): [] {
  if (canonical(recorded) !== canonical(reported)) {
    refuse('CONFLICTS_WITH_EARLIER_REPORT', 'This fact was already reported differently', { recorded, reported });
  }
  return [];
}

/** JSON with object keys sorted: two reports of a fact compare equal whatever the order of their fields. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_, field: unknown) =>
    field !== null && typeof field === 'object' && !Array.isArray(field)
      ? Object.fromEntries(Object.entries(field).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : field,
  );
}

export function orderedSession(terms: DeliveryTerms, sessionId: string): OrderedSession {
  const session = terms.sessions[sessionId];
  if (!session) refuse('SESSION_NOT_FOUND', `No session ${sessionId} in order ${terms.orderId}`, { sessionId });
  if (session.cancelled) refuse('SESSION_CANCELLED', `Session ${sessionId} is cancelled`, { sessionId });
  return session;
}

/** The trainee, who must have entered the order on or before the day of the fact. */
export function enteredTrainee(state: DeliveryState, traineeId: string, on: string): TraineeDelivery {
  const trainee = state.trainees[traineeId];
  if (!trainee || on < trainee.enteredOn) {
    refuse('TRAINEE_NOT_ENTERED', `Trainee ${traineeId} had not entered this order on ${on}`, {
      traineeId,
      enteredOn: trainee?.enteredOn ?? null,
      on,
    });
  }
  return trainee;
}

/** The five flags only, whatever else the caller sent. */
export function publicsOf({ qpvResident, ruralResident, disabled, isolatedParent, youngNeet }: TraineePublics): TraineePublics {
  return { qpvResident, ruralResident, disabled, isolatedParent, youngNeet };
}

/**
 * The employment contract of a job (an exit to employment, or a trainee employed at the horizon), and only of a
 * job: its type, and for a CDD its duration in whole months (Code du travail L1242-12: a CDD states its term).
 */
export function employmentOf(isJob: boolean, employment: EmploymentContract | undefined): { employment?: EmploymentContract } {
  if (!isJob) {
    if (employment !== undefined) refuse('EMPLOYMENT_CONTRACT_INVALID', 'Only a job has an employment contract', { problem: 'NOT_A_JOB' });
    return {};
  }
  if (employment === undefined) refuse('EMPLOYMENT_CONTRACT_INVALID', 'A job states its contract type (CDI, CDD, INTERIM, OTHER)', { problem: 'MISSING' });
  const { contractType, durationMonths } = employment;
  if (contractType === 'CDD') {
    if (durationMonths === undefined || !Number.isInteger(durationMonths) || durationMonths < 1) {
      refuse('EMPLOYMENT_CONTRACT_INVALID', 'A CDD states its duration in whole months', { problem: 'CDD_DURATION_MISSING', durationMonths: durationMonths ?? null });
    }
    return { employment: { contractType, durationMonths } };
  }
  if (durationMonths !== undefined) {
    refuse('EMPLOYMENT_CONTRACT_INVALID', `A duration is stated for a CDD, not a ${contractType}`, { problem: 'DURATION_ONLY_FOR_CDD', contractType });
  }
  return { employment: { contractType } };
}

/**
 * The most hours a trainee is credited with on a day of the session: its daily schedule, or the lot's bound
 * (the lower of the two when both are set), or the day itself when neither is.
 */
export function dailyBound(terms: DeliveryTerms, sessionId: string): { maximum: number; bound: 'SESSION_DAILY_SCHEDULE' | 'LOT_DAILY_BOUND' | 'A_DAY' } {
  const schedule = terms.sessions[sessionId]?.dailyHours;
  const lotBound = terms.workUnits.TRAINEE_HOUR?.maxDailyHoursPerTrainee;
  if (schedule !== undefined && (lotBound === undefined || schedule <= lotBound)) return { maximum: schedule, bound: 'SESSION_DAILY_SCHEDULE' };
  if (lotBound !== undefined) return { maximum: lotBound, bound: 'LOT_DAILY_BOUND' };
  return { maximum: MAX_HOURS_A_DAY, bound: 'A_DAY' };
}

/** A delivery happens within the order period, and is reported once it has happened. */
export function deliveredOn(terms: DeliveryTerms, day: string, today: string): void {
  if (day < terms.periodStart || day > terms.periodEnd) outsidePeriod(terms, day);
  notInFuture(day, today);
}

export function outsidePeriod(terms: DeliveryTerms, when: string): never {
  refuse('DELIVERY_OUTSIDE_ORDER_PERIOD', `${when} is outside the order period ${terms.periodStart} to ${terms.periodEnd}`, {
    date: when,
    periodStart: terms.periodStart,
    periodEnd: terms.periodEnd,
  });
}

export function notInFuture(day: string, today: string): void {
  if (day > today) refuse('DELIVERY_DATE_IN_FUTURE', `${day} is after today (${today})`, { date: day, today });
}

/** A trainee who entered the order cannot be referred or waitlisted again. */
export function notEnteredYet(state: DeliveryState, traineeId: string): void {
  const entered = state.trainees[traineeId];
  if (entered) {
    refuse('TRAINEE_ALREADY_ENTERED', `Trainee ${traineeId} already entered session ${entered.sessionId} of this order`, {
      traineeId,
      sessionId: entered.sessionId,
      enteredOn: entered.enteredOn,
    });
  }
}
