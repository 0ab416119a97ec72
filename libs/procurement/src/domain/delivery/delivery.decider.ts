import { Decider } from '@app/shared';
import { checkHoursBackedByAttendance, decideAttendance } from '../attendance/attendance.decider';
import { exhaustive } from '../exhaustive';
import { refuse } from '../contract/refuse';
import { addDays, dayOf } from '../terms/command-meta';
import { WorkUnitType } from '../terms/procurement-terms';
import { DeliveryTerms, entryPlaces, OrderedSession } from './delivery-terms';
import {
  DeliveryCommand,
  DeliveryReport,
  IssueServiceStatementCommand,
  OutcomeObservation,
  RecordTraineeOutcomesCommand,
  ReferTraineeCommand,
  ReportDeliveryCommand,
} from './delivery.commands';
import {
  DeliveryEvent,
  DeliveryReportedEvent,
  EmploymentContract,
  HOURS_DELIVERED_SCHEMA_VERSION,
  NOT_RECORDED,
  SERVICE_STATEMENT_SCHEMA_VERSION,
  TargetingAtEntry,
  TRAINEE_ENTERED_SCHEMA_VERSION,
  TRAINEE_LEFT_EARLY_SCHEMA_VERSION,
  TraineeOutcomeObserved,
  TraineePublics,
} from './delivery.events';
import {
  DeliveryState,
  EarlyExit,
  evolveDelivery,
  exitDayOf,
  hoursKey,
  initialDeliveryState,
  openReferralOf,
  Referral,
  referralsHoldingPlaces,
  TraineeDelivery,
  traineesPresent,
} from './delivery.state';
import { computeServiceStatement } from './service-statement';
import { traineeIdProblem } from './trainee-id';

/** Stream of the delivery of one order: reports are many, so they stay out of the contract's stream. */
export const deliveryStream = (orderId: string): string => `delivery-${orderId}`;

/** The day itself: the bound on a trainee's hours when the session has no daily schedule. */
const MAX_HOURS_A_DAY = 24;

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

function report(command: ReportDeliveryCommand, state: DeliveryState): DeliveryReportedEvent[] {
  const { terms, meta, data } = command;
  const providerId = meta.providerId;
  if (!providerId || !terms.providerIds.includes(providerId)) {
    refuse('NOT_PROVIDER_OF_ORDER', `Order ${terms.orderId} is not performed by this provider`, { providerId: providerId ?? null });
  }
  if ('traineeId' in data && data.traineeId !== undefined) pseudonymous(data.traineeId);
  const today = dayOf(meta.at);
  const of = { contractId: terms.contractId, orderId: terms.orderId };

  switch (data.kind) {
    case 'SESSION_STARTED': {
      const session = orderedSession(terms, data.sessionId);
      const started = state.sessions[session.sessionId]?.startedOn;
      if (started !== undefined) return sameAs({ startedOn: started }, { startedOn: data.on });
      deliveredOn(terms, data.on, today);
      return [{ type: 'SessionStarted', data: { ...of, sessionId: session.sessionId, on: data.on } }];
    }
    case 'SESSION_ENDED': {
      const session = orderedSession(terms, data.sessionId);
      const delivered = state.sessions[session.sessionId] ?? {};
      if (delivered.endedOn !== undefined) return sameAs({ endedOn: delivered.endedOn }, { endedOn: data.on });
      deliveredOn(terms, data.on, today);
      if (delivered.startedOn === undefined || data.on < delivered.startedOn) {
        refuse('SESSION_NOT_STARTED', `Session ${session.sessionId} had not started on ${data.on}`, {
          sessionId: session.sessionId,
          startedOn: delivered.startedOn ?? null,
          endedOn: data.on,
        });
      }
      return [{ type: 'SessionEnded', data: { ...of, sessionId: session.sessionId, on: data.on } }];
    }
    case 'TRAINEE_ENTERED': {
      const { traineeId, sessionId, enteredOn, referralId } = data;
      const publics = publicsOf(data.publics);
      const targeting = targetingOf(data.targeting);
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
      const contact = data.surveyContact === undefined ? {} : { surveyContact: data.surveyContact };
      return [
        {
          type: 'TraineeEntered',
          data: { ...of, traineeId, sessionId, enteredOn, publics, targeting, ...(referralId === undefined ? {} : { referralId }), ...contact },
          schemaVersion: TRAINEE_ENTERED_SCHEMA_VERSION,
        },
      ];
    }
    case 'TRAINEE_WAITLISTED': {
      const { traineeId, sessionId, on } = data;
      const publics = publicsOf(data.publics);
      // Still waiting, or waited before entering: the same report again changes nothing.
      const waited = state.waitingList[traineeId] ?? state.trainees[traineeId]?.waitlisted;
      if (waited) return sameAs({ sessionId: waited.sessionId, on: waited.on, publics: waited.publics }, { sessionId, on, publics });
      const entered = state.trainees[traineeId];
      if (entered) {
        refuse('TRAINEE_ALREADY_ENTERED', `Trainee ${traineeId} already entered session ${entered.sessionId} of this order`, {
          traineeId,
          sessionId: entered.sessionId,
          enteredOn: entered.enteredOn,
        });
      }
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
    }
    case 'TRAINEE_AT_RISK': {
      const trainee = enteredTrainee(state, data.traineeId, data.on);
      if (trainee.atRisk) return sameAs(trainee.atRisk, { on: data.on, reason: data.reason });
      const exitedOn = trainee.leftEarly?.on ?? trainee.completedOn;
      if (exitedOn !== undefined) {
        refuse('TRAINEE_ALREADY_EXITED', `Trainee ${trainee.traineeId} left the pathway on ${exitedOn}`, { traineeId: trainee.traineeId, exitedOn });
      }
      deliveredOn(terms, data.on, today);
      const endedOn = state.sessions[trainee.sessionId]?.endedOn;
      if (endedOn !== undefined && data.on > endedOn) {
        refuse('SESSION_ALREADY_ENDED', `Session ${trainee.sessionId} ended on ${endedOn}`, { sessionId: trainee.sessionId, endedOn, on: data.on });
      }
      return [{ type: 'TraineeAtRiskReported', data: { ...of, traineeId: trainee.traineeId, sessionId: trainee.sessionId, on: data.on, reason: data.reason } }];
    }
    case 'REFERRAL_REFUSED': {
      const referral = closingReferral(state, data.referralId, { kind: 'REFUSED', on: data.on, reason: data.reason }, today);
      if (!referral) return [];
      const { referralId, traineeId, sessionId, placement } = referral;
      return [{ type: 'ReferralRefused', data: { ...of, referralId, traineeId, sessionId, on: data.on, reason: data.reason, placement } }];
    }
    case 'REFERRAL_NO_SHOW': {
      const referral = closingReferral(state, data.referralId, { kind: 'NO_SHOW', on: data.on }, today);
      if (!referral) return [];
      const { referralId, traineeId, sessionId, placement } = referral;
      return [{ type: 'ReferralNoShow', data: { ...of, referralId, traineeId, sessionId, on: data.on, placement } }];
    }
    case 'TRAINEE_LEFT_EARLY': {
      const trainee = enteredTrainee(state, data.traineeId, data.on);
      const employment = employmentOf(data.destination === 'EMPLOYMENT', data.employment);
      const exit: EarlyExit = { on: data.on, destination: data.destination, ...employment, ...(data.reason === undefined ? {} : { reason: data.reason }) };
      if (trainee.leftEarly) return sameAs(trainee.leftEarly, exit);
      if (trainee.completedOn !== undefined) {
        refuse('TRAINEE_ALREADY_EXITED', `Trainee ${trainee.traineeId} completed on ${trainee.completedOn}`, {
          traineeId: trainee.traineeId,
          completedOn: trainee.completedOn,
        });
      }
      deliveredOn(terms, data.on, today);
      const endedOn = state.sessions[trainee.sessionId]?.endedOn;
      if (endedOn !== undefined && data.on > endedOn) {
        refuse('SESSION_ALREADY_ENDED', `Session ${trainee.sessionId} ended on ${endedOn}`, { sessionId: trainee.sessionId, endedOn, on: data.on });
      }
      return [
        {
          type: 'TraineeLeftEarly',
          data: { ...of, traineeId: trainee.traineeId, sessionId: trainee.sessionId, ...exit },
          schemaVersion: TRAINEE_LEFT_EARLY_SCHEMA_VERSION,
        },
      ];
    }
    case 'TRAINEE_COMPLETED': {
      const trainee = enteredTrainee(state, data.traineeId, data.on);
      if (trainee.completedOn !== undefined) return sameAs({ completedOn: trainee.completedOn }, { completedOn: data.on });
      if (trainee.leftEarly) continuedRemotely(terms, trainee, data.on);
      deliveredOn(terms, data.on, today);
      return [{ type: 'TraineeCompleted', data: { ...of, traineeId: trainee.traineeId, sessionId: trainee.sessionId, on: data.on } }];
    }
    case 'CERTIFICATION_OBTAINED': {
      const trainee = enteredTrainee(state, data.traineeId, data.on);
      const obtainedOn = trainee.certifications[data.certificationCode];
      if (obtainedOn !== undefined) return sameAs({ on: obtainedOn }, { on: data.on });
      // Not bound to the order period: certification juries often sit weeks after the training ends.
      notInFuture(data.on, today);
      return [
        {
          type: 'CertificationObtained',
          data: { ...of, traineeId: trainee.traineeId, sessionId: trainee.sessionId, on: data.on, certificationCode: data.certificationCode },
        },
      ];
    }
    case 'OPEN_DAYS_DELIVERED': {
      ordered(terms, 'OPEN_DAY', data);
      const recorded = state.openDays[data.date];
      if (recorded !== undefined) return sameAs({ count: recorded }, { count: data.count });
      deliveredOn(terms, data.date, today);
      return [{ type: 'OpenDaysDelivered', data: { ...of, date: data.date, count: data.count } }];
    }
    case 'HOURS_DELIVERED': {
      ordered(terms, 'TRAINEE_HOUR', data);
      const { traineeId, date, hours } = data;
      if (traineeId !== undefined) checkHoursBackedByAttendance(terms, state, traineeId, date, hours);
      const recorded = state.hours[hoursKey(traineeId, date)];
      if (recorded !== undefined) return sameAs({ hours: recorded.hours }, { hours });
      if (traineeId === undefined) {
        refuse('HOURS_WITHOUT_TRAINEE', `${hours} hours on ${date} name no trainee: hours are delivered to a trainee of a session`, {
          date,
          hours,
        });
      }
      const trainee = enteredTrainee(state, traineeId, date);
      deliveredOn(terms, date, today);
      inSessionOn(state, trainee, date);
      const { maximum, bound } = dailyBound(terms, trainee.sessionId);
      if (hours > maximum) {
        refuse('HOURS_EXCEED_DAY', `${hours} hours on ${date} for one trainee; at most ${maximum} a day`, {
          traineeId,
          sessionId: trainee.sessionId,
          date,
          hours,
          maximum,
          bound,
        });
      }
      return [
        { type: 'HoursDelivered', data: { ...of, traineeId, date, hours }, schemaVersion: HOURS_DELIVERED_SCHEMA_VERSION },
      ];
    }
    case 'SUBSCRIPTION_MONTHS_DELIVERED': {
      ordered(terms, 'SUBSCRIPTION', data);
      const recorded = state.subscriptionMonths[data.month];
      if (recorded !== undefined) return sameAs({ count: recorded }, { count: data.count });
      const firstDay = `${data.month}-01`;
      const lastDay = addDays(nextMonth(firstDay), -1);
      if (lastDay < terms.periodStart || firstDay > terms.periodEnd) outsidePeriod(terms, data.month);
      notInFuture(firstDay, today);
      return [{ type: 'SubscriptionMonthsDelivered', data: { ...of, month: data.month, count: data.count } }];
    }
    default:
      return exhaustive(data);
  }
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
  const entered = state.trainees[traineeId];
  if (entered) {
    refuse('TRAINEE_ALREADY_ENTERED', `Trainee ${traineeId} already entered session ${entered.sessionId} of this order`, {
      traineeId,
      sessionId: entered.sessionId,
      enteredOn: entered.enteredOn,
    });
  }
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

/**
 * The employment contract of a job (an exit to employment, or a trainee employed at the horizon), and only of a
 * job: its type, and for a CDD its duration in whole months (Code du travail L1242-12: a CDD states its term).
 */
function employmentOf(isJob: boolean, employment: EmploymentContract | undefined): { employment?: EmploymentContract } {
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

/** The same day `months` later (the month's last day when it has no such day). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return `${targetYear}-${String(targetMonth).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

/** The referral a trainee enters through: theirs, for this session, still open, and entered on or after it was made. */
function enteringReferral(state: DeliveryState, referralId: string, traineeId: string, sessionId: string, enteredOn: string): Referral {
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

/** The five flags only, whatever else the caller sent. */
function publicsOf({ qpvResident, ruralResident, disabled, isolatedParent, youngNeet }: TraineePublics): TraineePublics {
  return { qpvResident, ruralResident, disabled, isolatedParent, youngNeet };
}

/** The targeting data as reported, field by field; not reported is NOT_RECORDED, never a default value. */
function targetingOf(targeting: TargetingAtEntry | undefined): TargetingAtEntry {
  if (targeting === undefined || targeting === NOT_RECORDED) return NOT_RECORDED;
  const { qualificationLevel, ageBand, sex, illiterate } = targeting;
  return { qualificationLevel, ageBand, sex, illiterate };
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

/** The same fact again decides nothing; the same fact with other figures is refused. */
function sameAs(recorded: object, reported: object): [] {
  if (canonical(recorded) !== canonical(reported)) {
    refuse('CONFLICTS_WITH_EARLIER_REPORT', 'This fact was already reported differently', { recorded, reported });
  }
  return [];
}

/** JSON with object keys sorted: two reports of a fact compare equal whatever the order of their fields. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, field: unknown) =>
    field !== null && typeof field === 'object' && !Array.isArray(field)
      ? Object.fromEntries(Object.entries(field).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : field,
  );
}

function orderedSession(terms: DeliveryTerms, sessionId: string): OrderedSession {
  const session = terms.sessions[sessionId];
  if (!session) refuse('SESSION_NOT_FOUND', `No session ${sessionId} in order ${terms.orderId}`, { sessionId });
  if (session.cancelled) refuse('SESSION_CANCELLED', `Session ${sessionId} is cancelled`, { sessionId });
  return session;
}

function ordered(terms: DeliveryTerms, unitType: WorkUnitType, report: DeliveryReport): void {
  if (!terms.workUnits[unitType]) {
    refuse('WORK_UNIT_NOT_ORDERED', `Order ${terms.orderId} holds no ${unitType}: ${report.kind} cannot be reported on it`, {
      unitType,
      ordered: Object.keys(terms.workUnits),
    });
  }
}

/** The trainee, who must have entered the order on or before the day of the fact. */
function enteredTrainee(state: DeliveryState, traineeId: string, on: string): TraineeDelivery {
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

/**
 * A trainee who left early completes only by continuing remotely under the dropout clause (evening-course
 * style), within the clause's number of weeks after leaving.
 */
function continuedRemotely(terms: DeliveryTerms, trainee: TraineeDelivery, completedOn: string): void {
  const leftOn = trainee.leftEarly!.on;
  const dropout = terms.dropout;
  const latest = dropout ? addDays(leftOn, dropout.maxRemoteWeeks * 7) : leftOn;
  if (!dropout || completedOn > latest) {
    refuse('TRAINEE_ALREADY_EXITED', `Trainee ${trainee.traineeId} left early on ${leftOn}`, {
      traineeId: trainee.traineeId,
      leftOn,
      completedOn,
      dropoutClauseId: dropout?.clauseId ?? null,
      latestRemoteCompletion: dropout ? latest : null,
    });
  }
}

/**
 * The most hours a trainee is credited with on a day of the session: its daily schedule, or the lot's bound
 * (the lower of the two when both are set), or the day itself when neither is.
 */
function dailyBound(terms: DeliveryTerms, sessionId: string): { maximum: number; bound: 'SESSION_DAILY_SCHEDULE' | 'LOT_DAILY_BOUND' | 'A_DAY' } {
  const schedule = terms.sessions[sessionId]?.dailyHours;
  const lotBound = terms.workUnits.TRAINEE_HOUR?.maxDailyHoursPerTrainee;
  if (schedule !== undefined && (lotBound === undefined || schedule <= lotBound)) return { maximum: schedule, bound: 'SESSION_DAILY_SCHEDULE' };
  if (lotBound !== undefined) return { maximum: lotBound, bound: 'LOT_DAILY_BOUND' };
  return { maximum: MAX_HOURS_A_DAY, bound: 'A_DAY' };
}

/**
 * Hours are delivered on a day the trainee's session runs: from its reported start, not after its reported end
 * (nor after its planned end while no end is reported), and not after the trainee left early.
 */
function inSessionOn(state: DeliveryState, trainee: TraineeDelivery, date: string): void {
  const delivered = state.sessions[trainee.sessionId] ?? {};
  if (delivered.startedOn === undefined || date < delivered.startedOn) {
    refuse('SESSION_NOT_STARTED', `Session ${trainee.sessionId} had not started on ${date}`, {
      sessionId: trainee.sessionId,
      startedOn: delivered.startedOn ?? null,
      date,
    });
  }
  if (delivered.endedOn !== undefined && date > delivered.endedOn) {
    refuse('SESSION_ALREADY_ENDED', `Session ${trainee.sessionId} ended on ${delivered.endedOn}`, {
      sessionId: trainee.sessionId,
      endedOn: delivered.endedOn,
      date,
    });
  }
  if (trainee.leftEarly && date > trainee.leftEarly.on) {
    refuse('TRAINEE_ALREADY_EXITED', `Trainee ${trainee.traineeId} left the pathway on ${trainee.leftEarly.on}`, {
      traineeId: trainee.traineeId,
      exitedOn: trainee.leftEarly.on,
      date,
    });
  }
}

/** A delivery happens within the order period, and is reported once it has happened. */
function deliveredOn(terms: DeliveryTerms, day: string, today: string): void {
  if (day < terms.periodStart || day > terms.periodEnd) outsidePeriod(terms, day);
  notInFuture(day, today);
}

function outsidePeriod(terms: DeliveryTerms, when: string): never {
  refuse('DELIVERY_OUTSIDE_ORDER_PERIOD', `${when} is outside the order period ${terms.periodStart} to ${terms.periodEnd}`, {
    date: when,
    periodStart: terms.periodStart,
    periodEnd: terms.periodEnd,
  });
}

function notInFuture(day: string, today: string): void {
  if (day > today) refuse('DELIVERY_DATE_IN_FUTURE', `${day} is after today (${today})`, { date: day, today });
}

/** The first day of the month after the one of `firstDay` (YYYY-MM-01). */
function nextMonth(firstDay: string): string {
  const [year, month] = firstDay.split('-').map(Number);
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}
