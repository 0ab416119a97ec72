import { applyDecorators } from '@nestjs/common';

import { Equals, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  AGE_BANDS,
  AgeBand,
  DeliveryReportKind,
  EMPLOYMENT_CONTRACT_TYPES,
  EmploymentContractType,
  EXIT_DESTINATIONS,
  ExitDestination,
  LEAVING_REASONS,
  LeavingReason,
  QUALIFICATION_LEVELS,
  QualificationLevel,
  REFERRAL_REFUSAL_REASONS,
  ReferralRefusalReason,
  Sex,
  SEXES,
} from '@app/procurement';
import { IsCalendarDate, IsNested, IsReference } from '../../procurement/dto/validators';

/**
 * A trainee id. Only its size is checked here: whether it is pseudonymous (not a name, not a social-security
 * number) is a rule of the domain, answered 422 TRAINEE_ID_NOT_PSEUDONYMOUS.
 */
const IsTraineeId = () => applyDecorators(IsString(), MaxLength(128));

/** An e-mail address, or a telephone number (digits, spaces, dots, dashes, an optional leading +). */
const SURVEY_CONTACT = /^(?:[^\s@]+@[^\s@]+\.[^\s@]+|\+?[0-9][0-9 .-]{5,19})$/;

export class SessionStartedDto {
  @Equals('SESSION_STARTED')
  kind!: 'SESSION_STARTED';

  @IsReference()
  sessionId!: string;

  @IsCalendarDate()
  on!: string;
}

export class SessionEndedDto {
  @Equals('SESSION_ENDED')
  kind!: 'SESSION_ENDED';

  @IsReference()
  sessionId!: string;

  @IsCalendarDate()
  on!: string;
}

/** Priority publics of the trainee, as declared at entry: all five are stated, true or false. */
export class TraineePublicsDto {
  @IsBoolean()
  qpvResident!: boolean;

  @IsBoolean()
  ruralResident!: boolean;

  @IsBoolean()
  disabled!: boolean;

  @IsBoolean()
  isolatedParent!: boolean;

  @IsBoolean()
  youngNeet!: boolean;
}

/**
 * Who the trainee is, for targeting: all four are stated when the object is sent. Without it the entry is recorded
 * with its targeting NOT_RECORDED, counted apart from the shares.
 */
export class TraineeTargetingDto {
  /** Highest qualification held, in the national framework (décret n° 2019-14): NONE, or LEVEL_3 (CAP, BEP) to LEVEL_8. */
  @IsIn(QUALIFICATION_LEVELS, { message: `$property must be one of ${QUALIFICATION_LEVELS.join(', ')}` })
  qualificationLevel!: QualificationLevel;

  @IsIn(AGE_BANDS, { message: `$property must be one of ${AGE_BANDS.join(', ')}` })
  ageBand!: AgeBand;

  @IsIn(SEXES, { message: `$property must be one of ${SEXES.join(', ')}` })
  sex!: Sex;

  /** In a situation of illiteracy (illettrisme). */
  @IsBoolean()
  illiterate!: boolean;
}

export class TraineeEnteredDto {
  @Equals('TRAINEE_ENTERED')
  kind!: 'TRAINEE_ENTERED';

  @IsTraineeId()
  traineeId!: string;

  @IsReference()
  sessionId!: string;

  @IsCalendarDate()
  enteredOn!: string;

  @IsNested(() => TraineePublicsDto)
  publics!: TraineePublicsDto;

  @IsOptional()
  @IsNested(() => TraineeTargetingDto)
  targeting?: TraineeTargetingDto;

  /** The Pôle emploi referral the trainee comes through, when there is one. */
  @IsOptional()
  @IsUUID()
  referralId?: string;
  /**
   * How to reach the trainee for the 6-month outcome survey: an e-mail address or a telephone number. Stored only
   * encrypted under the trainee's own key; erased with it (DELETE /personal-data/:personId).
   */
  @IsOptional()
  @IsString()
  @MaxLength(254)
  @Matches(SURVEY_CONTACT, { message: '$property must be an e-mail address or a telephone number' })
  surveyContact?: string;
}

/** A trainee waiting for a place in a full session (refused with SESSION_NOT_FULL while places are free). */
export class TraineeWaitlistedDto {
  @Equals('TRAINEE_WAITLISTED')
  kind!: 'TRAINEE_WAITLISTED';

  @IsTraineeId()
  traineeId!: string;

  @IsReference()
  sessionId!: string;

  @IsCalendarDate()
  on!: string;

  @IsNested(() => TraineePublicsDto)
  publics!: TraineePublicsDto;
}

/** A trainee at risk of dropping out, with the reason the provider sees: the policy may propose remote continuation. */
export class TraineeAtRiskDto {
  @Equals('TRAINEE_AT_RISK')
  kind!: 'TRAINEE_AT_RISK';

  @IsTraineeId()
  traineeId!: string;

  @IsCalendarDate()
  on!: string;

  @IsIn(LEAVING_REASONS)
  reason!: LeavingReason;
}

/** The provider turns a referred job seeker down, for a reason from the list (no free text: it could name them). */
export class ReferralRefusedDto {
  @Equals('REFERRAL_REFUSED')
  kind!: 'REFERRAL_REFUSED';

  @IsUUID()
  referralId!: string;

  @IsCalendarDate()
  on!: string;

  @IsIn(REFERRAL_REFUSAL_REASONS)
  reason!: ReferralRefusalReason;
}

/** The referred job seeker did not come. */
export class ReferralNoShowDto {
  @Equals('REFERRAL_NO_SHOW')
  kind!: 'REFERRAL_NO_SHOW';

  @IsUUID()
  referralId!: string;

  @IsCalendarDate()
  on!: string;
}

/** A job's contract: its type, and for a CDD its duration in whole months. */
export class EmploymentContractDto {
  @IsIn(EMPLOYMENT_CONTRACT_TYPES)
  contractType!: EmploymentContractType;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  durationMonths?: number;
}

export class TraineeLeftEarlyDto {
  @Equals('TRAINEE_LEFT_EARLY')
  kind!: 'TRAINEE_LEFT_EARLY';

  @IsTraineeId()
  traineeId!: string;

  @IsCalendarDate()
  on!: string;

  @IsIn(EXIT_DESTINATIONS)
  destination!: ExitDestination;

  /** For an exit to employment: its contract (422 EMPLOYMENT_CONTRACT_INVALID when missing or out of place). */
  @IsOptional()
  @IsNested(() => EmploymentContractDto)
  employment?: EmploymentContractDto;

  /** Why the trainee left, optionally. */
  @IsOptional()
  @IsIn(LEAVING_REASONS)
  reason?: LeavingReason;
}

export class TraineeCompletedDto {
  @Equals('TRAINEE_COMPLETED')
  kind!: 'TRAINEE_COMPLETED';

  @IsTraineeId()
  traineeId!: string;

  @IsCalendarDate()
  on!: string;
}

export class CertificationObtainedDto {
  @Equals('CERTIFICATION_OBTAINED')
  kind!: 'CERTIFICATION_OBTAINED';

  @IsTraineeId()
  traineeId!: string;

  @IsCalendarDate()
  on!: string;

  /** Code of the certification in the national registers, e.g. RNCP37827 or RS5875. */
  @IsReference()
  certificationCode!: string;
}

export class OpenDaysDeliveredDto {
  @Equals('OPEN_DAYS_DELIVERED')
  kind!: 'OPEN_DAYS_DELIVERED';

  @IsCalendarDate()
  date!: string;

  @IsInt()
  @Min(1)
  @Max(1_000)
  count!: number;
}

export class HoursDeliveredDto {
  @Equals('HOURS_DELIVERED')
  kind!: 'HOURS_DELIVERED';

  /** The trainee the hours were delivered to (hours naming no trainee are refused: 422 HOURS_WITHOUT_TRAINEE). */
  @IsOptional()
  @IsTraineeId()
  traineeId?: string;

  @IsCalendarDate()
  date!: string;

  @IsInt()
  @Min(1)
  @Max(100_000)
  hours!: number;
}

export class SubscriptionMonthsDeliveredDto {
  @Equals('SUBSCRIPTION_MONTHS_DELIVERED')
  kind!: 'SUBSCRIPTION_MONTHS_DELIVERED';

  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '$property must be a month YYYY-MM' })
  month!: string;

  @IsInt()
  @Min(1)
  @Max(100_000)
  count!: number;
}

/** The body of a report, by its kind. */
export const DELIVERY_REPORT_DTOS: Record<DeliveryReportKind, new () => object> = {
  SESSION_STARTED: SessionStartedDto,
  SESSION_ENDED: SessionEndedDto,
  TRAINEE_ENTERED: TraineeEnteredDto,
  TRAINEE_WAITLISTED: TraineeWaitlistedDto,
  TRAINEE_AT_RISK: TraineeAtRiskDto,
  REFERRAL_REFUSED: ReferralRefusedDto,
  REFERRAL_NO_SHOW: ReferralNoShowDto,
  TRAINEE_LEFT_EARLY: TraineeLeftEarlyDto,
  TRAINEE_COMPLETED: TraineeCompletedDto,
  CERTIFICATION_OBTAINED: CertificationObtainedDto,
  OPEN_DAYS_DELIVERED: OpenDaysDeliveredDto,
  HOURS_DELIVERED: HoursDeliveredDto,
  SUBSCRIPTION_MONTHS_DELIVERED: SubscriptionMonthsDeliveredDto,
};
