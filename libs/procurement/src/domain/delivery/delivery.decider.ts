import { Decider } from '@app/shared';
import { decideAttendance } from '../attendance/attendance.decider';
import { exhaustive } from '../exhaustive';
import { refuse } from '../contract/refuse';
import { dayOf } from '../terms/command-meta';
import { DeliveryTerms, entryPlaces } from './delivery-terms';
import { canonical, dailyBound, employmentOf, enteredTrainee, notEnteredYet, notInFuture, orderedSession, publicsOf, sameAs } from './delivery.checks';
import {
  DeliveryCommand,
  DeliveryReport,
  DeliveryReportKind,
  IssueServiceStatementCommand,
  OutcomeObservation,
  RecordTraineeOutcomesCommand,
  ReferTraineeCommand,
  ReportDeliveryCommand,
} from './delivery.commands';
import { DeliveryEvent, DeliveryReportedEvent, SERVICE_STATEMENT_SCHEMA_VERSION, TraineeOutcomeObserved } from './delivery.events';
import { DeliveryState, evolveDelivery, exitDayOf, initialDeliveryState, openReferralOf, referralsHoldingPlaces, traineesPresent } from './delivery.state';
import { REFERRAL_REPORTS } from './reports/referral.reports';
import { ReportContext, ReportRules } from './reports/report-rules';
import { SESSION_REPORTS } from './reports/session.reports';
import { TRAINEE_ENTERED_REPORT } from './reports/trainee-entered.report';
import { TRAINEE_PATHWAY_REPORTS } from './reports/trainee-pathway.reports';
import { TRAINEE_WAITLISTED_REPORT } from './reports/trainee-waitlisted.report';
import { WORK_UNIT_REPORTS } from './reports/work-unit.reports';
import { computeServiceStatement } from './service-statement';
import { traineeIdProblem } from './trainee-id';

/** Stream of the delivery of one order: reports are many, so they stay out of the contract's stream. */
export const deliveryStream = (orderId: string): string => `delivery-${orderId}`;

/**
 * Reports are idempotent: the same fact reported again decides nothing (a retry is harmless), while a
 * different report of a fact already recorded is refused (CONFLICTS_WITH_EARLIER_REPORT) rather than
 * silently kept or dropped.
 */
export function decideDelivery(command: DeliveryCommand, state: DeliveryState): DeliveryEvent[] {
  switch (command.type) {
    case 'ReportDelivery':
      return report(command, state);
    case 'IssueServiceStatement':
      return [statement(command, state)];
    case 'ReferTrainee':
      return refer(command, state);
    case 'RecordTraineeOutcomes':
      return recordOutcomes(command, state);
    case 'RecordAttendance':
      return decideAttendance(command, state, dailyBound);
    default:
      return exhaustive(command);
  }
}

export const deliveryDecider: Decider<DeliveryCommand, DeliveryEvent, DeliveryState> = {
  initialState: initialDeliveryState,
  decide: decideDelivery,
  evolve: evolveDelivery,
};

/** Every kind of report with its rule: the compiler asks for one per kind of DeliveryReport. */
const DELIVERY_REPORTS: ReportRules<DeliveryReportKind> = {
  ...SESSION_REPORTS,
  ...TRAINEE_ENTERED_REPORT,
  ...TRAINEE_WAITLISTED_REPORT,
  ...REFERRAL_REPORTS,
  ...TRAINEE_PATHWAY_REPORTS,
  ...WORK_UNIT_REPORTS,
};

/** Checks shared by every report (the provider performs the order, a trainee id is pseudonymous), then the kind's rule. */
function report(command: ReportDeliveryCommand, state: DeliveryState): DeliveryReportedEvent[] {
  const { terms, meta, data } = command;
  const providerId = meta.providerId;
  if (!providerId || !terms.providerIds.includes(providerId)) {
    refuse('NOT_PROVIDER_OF_ORDER', `Order ${terms.orderId} is not performed by this provider`, { providerId: providerId ?? null });
  }
  if ('traineeId' in data && data.traineeId !== undefined) pseudonymous(data.traineeId);
  const today = dayOf(meta.at);
  const of = { contractId: terms.contractId, orderId: terms.orderId };
  const rule = DELIVERY_REPORTS[data.kind] as (report: DeliveryReport, context: ReportContext) => DeliveryReportedEvent[];
  return rule(data, { terms, state, today, of });
}

/**
 * A referral goes into the session while places remain (places taken: trainees present and referrals still
 * holding a place), and onto the waiting list when the session is full. The same job seeker referred again to
 * the same session, while the first referral is open, is the same referral: nothing new is written.
 */
function refer(command: ReferTraineeCommand, state: DeliveryState): DeliveryEvent[] {
  const { terms, meta, data } = command;
  const { referralId, traineeId, sessionId } = data;
  const publics = publicsOf(data.publics);
  pseudonymous(traineeId);
  const referredOn = dayOf(meta.at);
  const known = state.referrals[referralId];
  if (known) return sameAs({ traineeId: known.traineeId, sessionId: known.sessionId, publics: known.publics }, { traineeId, sessionId, publics });
  const open = openReferralOf(state, traineeId);
  if (open?.sessionId === sessionId) return sameAs({ publics: open.publics }, { publics });
  if (open) {
    refuse('REFERRAL_ALREADY_OPEN', `Trainee ${traineeId} has referral ${open.referralId} open in session ${open.sessionId}`, {
      traineeId,
      referralId: open.referralId,
      sessionId: open.sessionId,
    });
  }
  notEnteredYet(state, traineeId);
  if (state.waitingList[traineeId]) {
    refuse('TRAINEE_ALREADY_WAITING', `Trainee ${traineeId} is on the provider’s waiting list of this order`, {
      traineeId,
      sessionId: state.waitingList[traineeId].sessionId,
    });
  }
  const session = orderedSession(terms, sessionId);
  const endedOn = state.sessions[sessionId]?.endedOn ?? (session.endDate < referredOn ? session.endDate : undefined);
  if (endedOn !== undefined) {
    refuse('SESSION_ALREADY_ENDED', `Session ${sessionId} ended on ${endedOn}`, { sessionId, endedOn, referredOn });
  }
  const traineesPresentNow = traineesPresent(state, sessionId);
  const holding = referralsHoldingPlaces(state, sessionId);
  const { overbookingPlaces, places } = entryPlaces(terms, session);
  const placement = traineesPresentNow + holding < places ? 'SESSION' : 'WAITING_LIST';
  return [
    {
      type: 'TraineeReferred',
      data: {
        contractId: terms.contractId,
        orderId: terms.orderId,
        referralId,
        traineeId,
        sessionId,
        referredOn,
        publics,
        placement,
        check: {
          capacity: session.capacity,
          traineesPresent: traineesPresentNow,
          referralsHoldingPlaces: holding,
          ...(terms.overbooking ? { overbookingPlaces } : {}),
        },
      },
    },
  ];
}

/**
 * Outcomes are recorded one after the other, each on the state the previous ones left: the same outcome twice
 * in one import is recorded once.
 */
function recordOutcomes(command: RecordTraineeOutcomesCommand, state: DeliveryState): DeliveryEvent[] {
  const { terms, meta, data } = command;
  const providerId = meta.providerId;
  if (providerId !== undefined && !terms.providerIds.includes(providerId)) {
    refuse('NOT_PROVIDER_OF_ORDER', `Order ${terms.orderId} is not performed by this provider`, { providerId });
  }
  const today = dayOf(meta.at);
  const events: DeliveryEvent[] = [];
  let current = state;
  for (const observation of data.outcomes) {
    const observed = observeOutcome(terms, current, observation, today, providerId !== undefined);
    if (!observed) continue;
    events.push(observed);
    current = evolveDelivery(current, observed);
  }
  return events;
}

/** The outcome as an event, or undefined when the same outcome was already recorded. */
function observeOutcome(
  terms: DeliveryTerms,
  state: DeliveryState,
  observation: OutcomeObservation,
  today: string,
  byProvider: boolean,
): TraineeOutcomeObserved | undefined {
  const { traineeId, horizonMonths, situation, source, observedOn, satisfied } = observation;
  pseudonymous(traineeId);
  const trainee = enteredTrainee(state, traineeId, observedOn);
  // A provider's word on its own trainees is recorded as such, never as a survey answer or Pôle emploi's data.
  if (byProvider && source !== 'PROVIDER_REPORT') {
    refuse('OUTCOME_SOURCE_NOT_ALLOWED', `A provider reports outcomes as PROVIDER_REPORT, not ${source}`, { source, allowed: ['PROVIDER_REPORT'] });
  }
  if (satisfied !== undefined && source !== 'SURVEY') {
    refuse('SATISFACTION_ONLY_FROM_SURVEY', 'Satisfaction is the trainee’s own answer to the survey', { source });
  }
  const employment = employmentOf(situation === 'EMPLOYED', observation.employment);
  const exitedOn = exitDayOf(trainee);
  if (exitedOn === undefined) {
    refuse('TRAINEE_NOT_EXITED', `Trainee ${traineeId} has not left the pathway: an outcome is observed after the exit`, { traineeId });
  }
  const earliest = addMonths(exitedOn, horizonMonths);
  if (observedOn < earliest) {
    refuse('OUTCOME_OBSERVED_TOO_EARLY', `An outcome at ${horizonMonths} months is observed from ${earliest}`, {
      traineeId,
      exitedOn,
      horizonMonths,
      observedOn,
      earliest,
    });
  }
  notInFuture(observedOn, today);
  const outcome = {
    exitedOn,
    horizonMonths,
    situation,
    ...employment,
    source,
    observedOn,
    ...(satisfied === undefined ? {} : { satisfied }),
  };
  const recorded = trainee.outcomes[horizonMonths];
  if (recorded) {
    if (canonical(recorded) === canonical(outcome)) return undefined;
    refuse('OUTCOME_ALREADY_OBSERVED', `The outcome of trainee ${traineeId} at ${horizonMonths} months is already recorded`, {
      traineeId,
      horizonMonths,
      recorded,
    });
  }
  return {
    type: 'TraineeOutcomeObserved',
    data: { contractId: terms.contractId, orderId: terms.orderId, traineeId, sessionId: trainee.sessionId, ...outcome },
  };
}

/** The same day `months` later (the month's last day when it has no such day). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return `${targetYear}-${String(targetMonth).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

function statement(command: IssueServiceStatementCommand, state: DeliveryState): DeliveryEvent {
  const { terms, meta, data } = command;
  const { statementId, periodStart, periodEnd } = data;
  if (periodEnd < periodStart) {
    refuse('STATEMENT_PERIOD_INVALID', 'The statement period ends before it starts', { periodStart, periodEnd });
  }
  const today = dayOf(meta.at);
  // Deliveries of the current day may still be reported: only whole past days are stated.
  if (periodEnd >= today) {
    refuse('STATEMENT_PERIOD_NOT_ELAPSED', `The period ends on ${periodEnd}; it can be stated from the day after`, { periodEnd, today });
  }
  const overlapping = state.statements.find((earlier) => periodStart <= earlier.periodEnd && earlier.periodStart <= periodEnd);
  if (overlapping) {
    refuse('STATEMENT_PERIOD_OVERLAPS', `Statement ${overlapping.statementId} already covers ${overlapping.periodStart} to ${overlapping.periodEnd}`, {
      statementId: overlapping.statementId,
      statedStart: overlapping.periodStart,
      statedEnd: overlapping.periodEnd,
      periodStart,
      periodEnd,
    });
  }
  const figures = computeServiceStatement(state, terms, { periodStart, periodEnd });
  return {
    type: 'ServiceStatementIssued',
    data: { contractId: terms.contractId, orderId: terms.orderId, statementId, periodStart, periodEnd, issuedAt: meta.at, ...figures },
    schemaVersion: SERVICE_STATEMENT_SCHEMA_VERSION,
  };
}

function pseudonymous(traineeId: string): void {
  const problem = traineeIdProblem(traineeId);
  if (problem === 'FORMAT') {
    refuse('TRAINEE_ID_NOT_PSEUDONYMOUS', 'A trainee id is 8 to 64 letters, digits, _ or -', { problem });
  }
  // The id itself is not echoed back: it may be a social-security number.
  if (problem === 'LOOKS_LIKE_NIR') {
    refuse('TRAINEE_ID_NOT_PSEUDONYMOUS', 'A trainee id must not be a social-security number (NIR): use a pseudonymous id', { problem });
  }
}
