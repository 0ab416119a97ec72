import { SealedPersonalData } from '@app/shared';
import { RecordAttendanceCommand } from '../attendance/attendance.commands';
import { CommandMeta } from '../terms/command-meta';
import { DeliveryTerms } from './delivery-terms';
import {
  EmploymentContract,
  ExitDestination,
  LeavingReason,
  OutcomeHorizon,
  OutcomeSituation,
  OutcomeSource,
  ReferralRefusalReason,
  TargetingAtEntry,
  TraineePublics,
} from './delivery.events';

/** What a provider reports about an order, one fact at a time. Dates are calendar days (YYYY-MM-DD). */
export type DeliveryReport =
  | { kind: 'SESSION_STARTED'; sessionId: string; on: string }
  | { kind: 'SESSION_ENDED'; sessionId: string; on: string }
  /**
   * referralId: the referral the trainee came through (its place, or its turn on the waiting list, is taken);
   * surveyContact: the trainee's contact for the outcome survey, already sealed under the trainee's key;
   * targeting: the trainee's qualification level, age band, sex and illiteracy (NOT_RECORDED when absent).
   */
  | {
      kind: 'TRAINEE_ENTERED';
      traineeId: string;
      sessionId: string;
      enteredOn: string;
      publics: TraineePublics;
      targeting?: TargetingAtEntry;
      referralId?: string;
      surveyContact?: SealedPersonalData;
    }
  /** Accepted only when the session is full: otherwise the trainee enters. */
  | { kind: 'TRAINEE_WAITLISTED'; traineeId: string; sessionId: string; on: string; publics: TraineePublics }
  | { kind: 'TRAINEE_AT_RISK'; traineeId: string; on: string; reason: LeavingReason }
  | { kind: 'REFERRAL_REFUSED'; referralId: string; on: string; reason: ReferralRefusalReason }
  | { kind: 'REFERRAL_NO_SHOW'; referralId: string; on: string }
  /** employment: for an exit to employment, its contract (a CDD with its duration in months). */
  | {
      kind: 'TRAINEE_LEFT_EARLY';
      traineeId: string;
      on: string;
      destination: ExitDestination;
      employment?: EmploymentContract;
      reason?: LeavingReason;
    }
  | { kind: 'TRAINEE_COMPLETED'; traineeId: string; on: string }
  | { kind: 'CERTIFICATION_OBTAINED'; traineeId: string; on: string; certificationCode: string }
  | { kind: 'OPEN_DAYS_DELIVERED'; date: string; count: number }
  | { kind: 'HOURS_DELIVERED'; traineeId?: string; date: string; hours: number }
  /** month: YYYY-MM. */
  | { kind: 'SUBSCRIPTION_MONTHS_DELIVERED'; month: string; count: number };

export type DeliveryReportKind = DeliveryReport['kind'];

/** Every delivery command carries the order's terms as they stand when it is sent (see DeliveryTerms). */
export type ReportDeliveryCommand = { type: 'ReportDelivery'; meta: CommandMeta; terms: DeliveryTerms; data: DeliveryReport };

export type IssueServiceStatementCommand = {
  type: 'IssueServiceStatement';
  meta: CommandMeta;
  terms: DeliveryTerms;
  data: { statementId: string; periodStart: string; periodEnd: string };
};

/**
 * A Pôle emploi adviser refers a job seeker, named by a pseudonymous id, to a session of the order; the
 * referral is dated by the command.
 */
export type ReferTraineeCommand = {
  type: 'ReferTrainee';
  meta: CommandMeta;
  terms: DeliveryTerms;
  data: { referralId: string; traineeId: string; sessionId: string; publics: TraineePublics };
};

/** One observation of what became of a trainee of the order, months after the exit. */
export interface OutcomeObservation {
  traineeId: string;
  horizonMonths: OutcomeHorizon;
  situation: OutcomeSituation;
  employment?: EmploymentContract;
  source: OutcomeSource;
  observedOn: string;
  satisfied?: boolean;
}

/**
 * Outcomes observed for trainees of the order, recorded together (one, or the order's lines of an import): by
 * the buyer or Pôle emploi, or by a provider of the order as its own report (meta.providerId set).
 */
export type RecordTraineeOutcomesCommand = {
  type: 'RecordTraineeOutcomes';
  meta: CommandMeta;
  terms: DeliveryTerms;
  data: { outcomes: OutcomeObservation[] };
};

export type DeliveryCommand = ReportDeliveryCommand | IssueServiceStatementCommand | ReferTraineeCommand | RecordTraineeOutcomesCommand | RecordAttendanceCommand;
