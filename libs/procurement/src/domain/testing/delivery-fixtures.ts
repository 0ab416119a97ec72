/**
 * The delivery of the pathway order of the unit-test purchase (see fixtures.ts): order `order-lyon-spring`
 * of 20 pathways on lot 1, over 2026-02-01 to 2026-07-31, with one session of 2 places (2026-03-09 to
 * 2026-06-26), performed by provider-numerique-lyon. Its terms are taken from the contract's history as the
 * application does, then varied where a test needs other terms.
 */
import { DeliveryTerms, deliveryTermsOf } from '../delivery/delivery-terms';
import { DeliveryReport, IssueServiceStatementCommand, ReferTraineeCommand, ReportDeliveryCommand } from '../delivery/delivery.commands';
import {
  DeliveryEvent,
  ExitDestination,
  LeavingReason,
  NOT_RECORDED,
  OutcomeHorizon,
  OutcomeSituation,
  OutcomeSource,
  ReferralPlacement,
  TargetingAtEntry,
  TRAINEE_ENTERED_SCHEMA_VERSION,
  TraineeLeftEarlyV1Data,
  TraineePublics,
} from '../delivery/delivery.events';
import { upcastTraineeLeftEarly } from '../delivery/trainee-left-early.upcast';
import { DeliveryState, evolveDelivery, initialDeliveryState } from '../delivery/delivery.state';
import { ExistingContract } from '../contract/contract.state';
import {
  activeContract,
  CONTRACT_ID,
  meta,
  orderPathways,
  PATHWAY_PROVIDER,
  providerMeta,
  recorded,
  session,
  SESSION_ID,
  stateOf,
  TenderOptions,
} from './fixtures';

export const ORDER_ID = 'order-lyon-spring';
export const CAPACITY = 2;
/** After the order period: every day of the period has happened. */
export const REPORTED_AT = '2026-08-15T09:00:00.000Z';

/** Pseudonymous ids, as a provider's information system would issue them. */
export const ALICE = 'trainee-7f3a9c21';
export const BAPTISTE = 'trainee-0b44e812';
export const CHLOE = 'trainee-c91d0a77';
export const DAVID = 'trainee-d4e8b310';

export const noPriorityPublic: TraineePublics = {
  qpvResident: false,
  ruralResident: false,
  disabled: false,
  isolatedParent: false,
  youngNeet: false,
};

/** The order's terms as the contract's history gives them, with the variations a test needs. */
export function deliveryTerms(overrides: Partial<DeliveryTerms> = {}, tender: TenderOptions = {}): DeliveryTerms {
  const history = recorded(activeContract(tender), orderPathways(ORDER_ID, 20, { sessions: [session({ capacity: CAPACITY })] }));
  const terms = deliveryTermsOf(stateOf(history) as ExistingContract, ORDER_ID)!;
  return { ...terms, ...overrides };
}

export function report(data: DeliveryReport, options: { at?: string; providerId?: string; terms?: DeliveryTerms } = {}): ReportDeliveryCommand {
  return {
    type: 'ReportDelivery',
    meta: providerMeta(options.at ?? REPORTED_AT, options.providerId ?? PATHWAY_PROVIDER),
    terms: options.terms ?? deliveryTerms(),
    data,
  };
}

export function issueStatement(
  periodStart: string,
  periodEnd: string,
  options: { at?: string; terms?: DeliveryTerms; statementId?: string } = {},
): IssueServiceStatementCommand {
  return {
    type: 'IssueServiceStatement',
    meta: meta(options.at ?? REPORTED_AT),
    terms: options.terms ?? deliveryTerms(),
    data: { statementId: options.statementId ?? `statement-${periodStart}`, periodStart, periodEnd },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Facts, written out as events.

const of = { contractId: CONTRACT_ID, orderId: ORDER_ID };

export function sessionStarted(on: string, sessionId = SESSION_ID): DeliveryEvent {
  return { type: 'SessionStarted', data: { ...of, sessionId, on } };
}

export function sessionEnded(on: string, sessionId = SESSION_ID): DeliveryEvent {
  return { type: 'SessionEnded', data: { ...of, sessionId, on } };
}

/** An entry as recorded since entries carry their targeting data (schema version 2), not stated unless given. */
export function traineeEntered(traineeId: string, enteredOn: string, publics = noPriorityPublic, sessionId = SESSION_ID, targeting: TargetingAtEntry = NOT_RECORDED): DeliveryEvent {
  return { type: 'TraineeEntered', data: { ...of, traineeId, sessionId, enteredOn, publics, targeting }, schemaVersion: TRAINEE_ENTERED_SCHEMA_VERSION };
}

export function traineeWaitlisted(traineeId: string, on: string, publics = noPriorityPublic, sessionId = SESSION_ID): DeliveryEvent {
  return { type: 'TraineeWaitlisted', data: { ...of, traineeId, sessionId, on, publics } };
}

/** Left for a job on a CDI, as recorded since exits carry their destination (schema version 2). */
export function traineeLeftEarly(traineeId: string, on: string, sessionId = SESSION_ID): DeliveryEvent {
  return leftEarlyTo(traineeId, on, 'EMPLOYMENT', sessionId);
}

export function leftEarlyTo(traineeId: string, on: string, destination: ExitDestination, sessionId = SESSION_ID): DeliveryEvent {
  const employment = destination === 'EMPLOYMENT' ? { employment: { contractType: 'CDI' as const } } : {};
  return { type: 'TraineeLeftEarly', data: { ...of, traineeId, sessionId, on, destination, ...employment }, schemaVersion: 2 };
}

/** An early exit as recorded before exits carried their destination (schema version 1): its reason only. */
export function traineeLeftEarlyV1(traineeId: string, on: string, reason: LeavingReason, sessionId = SESSION_ID): { type: 'TraineeLeftEarly'; data: TraineeLeftEarlyV1Data } {
  return { type: 'TraineeLeftEarly', data: { ...of, traineeId, sessionId, on, reason } };
}

/** The same exit as a fold gets it: read from the store through its upcaster. */
export function traineeLeftEarlyV1AsRead(traineeId: string, on: string, reason: LeavingReason, sessionId = SESSION_ID): DeliveryEvent {
  return { type: 'TraineeLeftEarly', data: upcastTraineeLeftEarly(traineeLeftEarlyV1(traineeId, on, reason, sessionId).data), schemaVersion: 1 };
}

export function outcomeObserved(
  traineeId: string,
  exitedOn: string,
  observedOn: string,
  situation: OutcomeSituation,
  options: { source?: OutcomeSource; horizonMonths?: OutcomeHorizon; satisfied?: boolean; sessionId?: string } = {},
): DeliveryEvent {
  const employment = situation === 'EMPLOYED' ? { employment: { contractType: 'CDI' as const } } : {};
  return {
    type: 'TraineeOutcomeObserved',
    data: {
      ...of,
      traineeId,
      sessionId: options.sessionId ?? SESSION_ID,
      exitedOn,
      horizonMonths: options.horizonMonths ?? 6,
      situation,
      ...employment,
      source: options.source ?? 'POLE_EMPLOI_IMPORT',
      observedOn,
      ...(options.satisfied === undefined ? {} : { satisfied: options.satisfied }),
    },
  };
}

export function traineeCompleted(traineeId: string, on: string, sessionId = SESSION_ID): DeliveryEvent {
  return { type: 'TraineeCompleted', data: { ...of, traineeId, sessionId, on } };
}

export function certificationObtained(traineeId: string, on: string, certificationCode = 'RNCP37827', sessionId = SESSION_ID): DeliveryEvent {
  return { type: 'CertificationObtained', data: { ...of, traineeId, sessionId, on, certificationCode } };
}

export function deliveryStateOf(history: DeliveryEvent[]): DeliveryState {
  return history.reduce(evolveDelivery, initialDeliveryState());
}

// ---------------------------------------------------------------------------------------------------------
// Referrals by a Pôle emploi adviser.

export const ADVISER = 'adviser-pe-lyon-est';
export const REFERRED_AT = '2026-03-02T09:00:00.000Z';
export const REFERRED_ON = '2026-03-02';

/** Referral ids as the api names them (UUIDs); readable here. */
export const referralIdOf = (traineeId: string): string => `referral-${traineeId}`;

export function refer(
  traineeId: string,
  options: { at?: string; referralId?: string; sessionId?: string; publics?: TraineePublics; terms?: DeliveryTerms } = {},
): ReferTraineeCommand {
  return {
    type: 'ReferTrainee',
    meta: meta(options.at ?? REFERRED_AT, ADVISER),
    terms: options.terms ?? deliveryTerms(),
    data: {
      referralId: options.referralId ?? referralIdOf(traineeId),
      traineeId,
      sessionId: options.sessionId ?? SESSION_ID,
      publics: options.publics ?? noPriorityPublic,
    },
  };
}

/** The referral as decided while the session had `present` trainees and `holding` referrals in its 2 places. */
export function traineeReferred(
  traineeId: string,
  placement: ReferralPlacement,
  check: { present: number; holding: number },
  options: { referredOn?: string; publics?: TraineePublics } = {},
): DeliveryEvent {
  return {
    type: 'TraineeReferred',
    data: {
      ...of,
      referralId: referralIdOf(traineeId),
      traineeId,
      sessionId: SESSION_ID,
      referredOn: options.referredOn ?? REFERRED_ON,
      publics: options.publics ?? noPriorityPublic,
      placement,
      check: { capacity: CAPACITY, traineesPresent: check.present, referralsHoldingPlaces: check.holding },
    },
  };
}

export function enteredThroughReferral(traineeId: string, enteredOn: string): DeliveryEvent {
  return {
    type: 'TraineeEntered',
    data: { ...of, traineeId, sessionId: SESSION_ID, enteredOn, publics: noPriorityPublic, targeting: NOT_RECORDED, referralId: referralIdOf(traineeId) },
    schemaVersion: TRAINEE_ENTERED_SCHEMA_VERSION,
  };
}

export function referralRefused(traineeId: string, on: string, placement: ReferralPlacement): DeliveryEvent {
  return {
    type: 'ReferralRefused',
    data: { ...of, referralId: referralIdOf(traineeId), traineeId, sessionId: SESSION_ID, on, reason: 'PREREQUISITES_NOT_MET', placement },
  };
}

export function referralNoShow(traineeId: string, on: string, placement: ReferralPlacement): DeliveryEvent {
  return { type: 'ReferralNoShow', data: { ...of, referralId: referralIdOf(traineeId), traineeId, sessionId: SESSION_ID, on, placement } };
}
