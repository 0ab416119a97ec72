import { SealedPersonalData } from '@app/shared';
import { AttendanceEvent } from '../attendance/attendance.events';
import { QualityIndicator, WorkUnitType } from '../terms/procurement-terms';

/**
 * What a provider reports about the delivery of one order, and the buyer's service statements (états de
 * service fait). One stream per order. Every event names its contract and order so that a projection reading
 * the global log needs no other stream to attribute it. Trainees appear only under a pseudonymous id: never a
 * name nor a social-security number (NIR).
 */

interface OfOrder {
  contractId: string;
  orderId: string;
}

/** Priority publics of the PIC a trainee belongs to (targeting indicators), declared at entry. */
export interface TraineePublics {
  /** Resident of a priority urban area (QPV). */
  qpvResident: boolean;
  ruralResident: boolean;
  disabled: boolean;
  isolatedParent: boolean;
  /** Young person neither in employment, education nor training. */
  youngNeet: boolean;
}

/**
 * Qualification level in the national framework of professional certifications (cadre national des
 * certifications professionnelles, décret n° 2019-14 du 8 janvier 2019, Code du travail art. D6113-18 ff.): the
 * highest certification the trainee holds, from level 3 (CAP, BEP; former level V) to level 8 (doctorate), or
 * none (former levels VI and V bis). Levels 1 and 2 certify no vocational diploma and are declared as none.
 */
export const QUALIFICATION_LEVELS = ['NONE', 'LEVEL_3', 'LEVEL_4', 'LEVEL_5', 'LEVEL_6', 'LEVEL_7', 'LEVEL_8'] as const;
export type QualificationLevel = (typeof QUALIFICATION_LEVELS)[number];
/**
 * Below the baccalauréat (level 4): the core public of the PIC, "jeunes et demandeurs d'emploi peu ou pas
 * qualifiés", counted by the Pactes as those of former levels V and VI (Pactes régionaux d'investissement dans
 * les compétences, cahier des charges, note 7: "niveau V et VI"), that is level 3 or no qualification today.
 */
export const INFRA_BAC_LEVELS: readonly QualificationLevel[] = ['NONE', 'LEVEL_3'];

/**
 * Age at entry, in the bands of DARES's reporting on the training of job seekers (Dares Résultats, "La formation
 * des personnes en recherche d'emploi": moins de 26 ans, 26 à 44 ans, 45 ans ou plus); under 26 is the youth
 * public of the PIC (the Pactes' "jeunes de moins de 26 ans"). A band, not a birth date: no more than is counted.
 */
export const AGE_BANDS = ['UNDER_26', 'AGED_26_TO_44', 'AGED_45_AND_OVER'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Sex as the State's statistics on training count it (women's access to training, Pacte axis "égalité femme / homme"). */
export const SEXES = ['FEMALE', 'MALE'] as const;
export type Sex = (typeof SEXES)[number];

/**
 * Who the trainee is, for targeting, declared at entry beside the priority publics. illiterate: in a situation of
 * illiteracy (illettrisme: schooled in France without a sufficient command of reading, writing and arithmetic,
 * ANLCI), a public of the Pactes (axis 4, "lutte contre l'illettrisme").
 *
 * Why in the event and not in the personal-data vault: like the five flags of TraineePublics, these are coarse
 * categories under a pseudonymous trainee id (a band, not a birth date; a level, not a diploma), which every
 * replay of the shares, the evaluation's strata and audit:verify must read as recorded. The vault holds what
 * identifies or reaches a person (a contact), so that erasing its key leaves none of it readable; once it is
 * erased, these categories belong to an id nobody can link to anyone.
 */
export interface TraineeTargeting {
  qualificationLevel: QualificationLevel;
  ageBand: AgeBand;
  sex: Sex;
  illiterate: boolean;
}
/** Targeting not stated: an entry recorded before it was asked (schema version 1), or reported without it. Never guessed. */
export const NOT_RECORDED = 'NOT_RECORDED';
export type TargetingAtEntry = TraineeTargeting | typeof NOT_RECORDED;

export const LEAVING_REASONS = ['EMPLOYMENT', 'HEALTH', 'MOBILITY', 'FAMILY', 'MOTIVATION', 'OTHER'] as const;
export type LeavingReason = (typeof LEAVING_REASONS)[number];

export type SessionStarted = { type: 'SessionStarted'; data: OfOrder & { sessionId: string; on: string } };
export type SessionEnded = { type: 'SessionEnded'; data: OfOrder & { sessionId: string; on: string } };
/**
 * referralId: the Pôle emploi referral the trainee came through, when there was one.
 * surveyContact: how to reach the trainee for the 6-month outcome survey, encrypted under the trainee's own key
 * (held outside the event stream): erasing that key makes it unreadable everywhere (crypto-shredding).
 */
export type TraineeEnteredData = OfOrder & {
  traineeId: string;
  sessionId: string;
  enteredOn: string;
  publics: TraineePublics;
  targeting: TargetingAtEntry;
  referralId?: string;
  surveyContact?: SealedPersonalData;
};
/** Schema version 1, recorded before the targeting data: the priority publics only. */
export type TraineeEnteredV1Data = Omit<TraineeEnteredData, 'targeting'>;
/** As read: a version 1 entry comes out of the store with its targeting NOT_RECORDED (upcastTraineeEntered). */
export type TraineeEntered = {
  type: 'TraineeEntered';
  data: TraineeEnteredData;
  schemaVersion?: number;
};
/** Version 2: the targeting data at entry (qualification level, age band, sex, illiteracy). */
export const TRAINEE_ENTERED_SCHEMA_VERSION = 2;
/** A trainee waiting for a place in a full session; entering it later (a place freed) takes them off the list. */
export type TraineeWaitlisted = {
  type: 'TraineeWaitlisted';
  data: OfOrder & { traineeId: string; sessionId: string; on: string; publics: TraineePublics };
};
/**
 * Where a trainee goes on leaving the pathway before its end. Leaving for employment, an apprenticeship, a further
 * certifying training or an insertion structure (IAE, Code du travail L5132-1) is a positive exit, not a dropout:
 * the PIC counts these exits as outcomes of the pathway (Pacte régional d'investissement dans les compétences,
 * cahier des charges 2019, "sorties positives"), and no rate counts them as dropouts.
 */
export const EXIT_DESTINATIONS = ['EMPLOYMENT', 'APPRENTICESHIP', 'FURTHER_TRAINING', 'IAE', 'WITHOUT_SOLUTION', 'OTHER'] as const;
export type ExitDestination = (typeof EXIT_DESTINATIONS)[number];
export const POSITIVE_EXIT_DESTINATIONS: readonly ExitDestination[] = ['EMPLOYMENT', 'APPRENTICESHIP', 'FURTHER_TRAINING', 'IAE'];

/** Kinds of employment contract (CDI, CDD, temporary work, other); a CDD states its duration. */
export const EMPLOYMENT_CONTRACT_TYPES = ['CDI', 'CDD', 'INTERIM', 'OTHER'] as const;
export type EmploymentContractType = (typeof EMPLOYMENT_CONTRACT_TYPES)[number];
export interface EmploymentContract {
  contractType: EmploymentContractType;
  /** Whole months, for a CDD only. */
  durationMonths?: number;
}

/** Schema version 2: the exit's destination (and the employment contract when it is a job); why, optionally. */
export type TraineeLeftEarlyData = OfOrder & {
  traineeId: string;
  sessionId: string;
  on: string;
  destination: ExitDestination;
  employment?: EmploymentContract;
  reason?: LeavingReason;
};
/** Schema version 1, recorded before the destination: why the trainee left, only. */
export type TraineeLeftEarlyV1Data = OfOrder & { traineeId: string; sessionId: string; on: string; reason: LeavingReason };
/** As read: a version 1 exit comes out of the store in this shape (upcastTraineeLeftEarly, EVENT_UPCASTERS). */
export type TraineeLeftEarly = {
  type: 'TraineeLeftEarly';
  data: TraineeLeftEarlyData;
  schemaVersion?: number;
};
export const TRAINEE_LEFT_EARLY_SCHEMA_VERSION = 2;

/** How long after the exit an outcome is observed: 6 or 12 months. */
export const OUTCOME_HORIZONS = [6, 12] as const;
export type OutcomeHorizon = (typeof OUTCOME_HORIZONS)[number];
/** The trainee's situation at the horizon; UNKNOWN records that it was looked for and not found. */
export const OUTCOME_SITUATIONS = ['EMPLOYED', 'IN_TRAINING', 'APPRENTICESHIP', 'IAE', 'JOB_SEEKER', 'INACTIVE', 'UNKNOWN'] as const;
export type OutcomeSituation = (typeof OUTCOME_SITUATIONS)[number];
/** Where the observation comes from: the trainee's answer to the survey, Pôle emploi's data, or the provider. */
export const OUTCOME_SOURCES = ['SURVEY', 'POLE_EMPLOI_IMPORT', 'PROVIDER_REPORT'] as const;
export type OutcomeSource = (typeof OUTCOME_SOURCES)[number];

/**
 * What became of a trainee some months after leaving the pathway (by completing it or early). exitedOn is the
 * day of that exit, as the order's delivery records it. satisfied: the trainee's own answer to the survey's
 * satisfaction question (only with source SURVEY), from which SATISFACTION_RATE is measured.
 */
export type TraineeOutcomeObserved = {
  type: 'TraineeOutcomeObserved';
  data: OfOrder & {
    traineeId: string;
    sessionId: string;
    exitedOn: string;
    horizonMonths: OutcomeHorizon;
    situation: OutcomeSituation;
    employment?: EmploymentContract;
    source: OutcomeSource;
    observedOn: string;
    satisfied?: boolean;
  };
};
export type TraineeCompleted = {
  type: 'TraineeCompleted';
  data: OfOrder & { traineeId: string; sessionId: string; on: string };
};
export type CertificationObtained = {
  type: 'CertificationObtained';
  data: OfOrder & { traineeId: string; sessionId: string; on: string; certificationCode: string };
};
/** A trainee the provider sees at risk of dropping out: the adjustment policy may propose remote continuation. */
export type TraineeAtRiskReported = {
  type: 'TraineeAtRiskReported';
  data: OfOrder & { traineeId: string; sessionId: string; on: string; reason: LeavingReason };
};
export type OpenDaysDelivered = { type: 'OpenDaysDelivered'; data: OfOrder & { date: string; count: number } };
/**
 * Hours of training delivered on a day to one trainee, in the session the trainee entered. Schema version 2:
 * checked against the trainee, the session's run and its daily schedule. Version 1 events (recorded before)
 * were not, and may lack traineeId: hours not attributed to a trainee, which statements still count (and cap).
 */
export type HoursDelivered = {
  type: 'HoursDelivered';
  data: OfOrder & { traineeId?: string; date: string; hours: number };
  schemaVersion?: number;
};
export const HOURS_DELIVERED_SCHEMA_VERSION = 2;
export type SubscriptionMonthsDelivered = {
  type: 'SubscriptionMonthsDelivered';
  data: OfOrder & { month: string; count: number };
};

/**
 * Payable units of one work unit delivered in the statement's period at one price: one line per price in force
 * on the days delivered. Statements of schema version 1 have one line per work unit, every unit delivered, at
 * the price in force when the statement was issued, and no price, delivery days nor order figures.
 */
export interface StatementLine {
  unitType: WorkUnitType;
  /** Units paid on this line (within the order). */
  quantity: number;
  unitPriceCents: number;
  /** quantity × unitPriceCents, before the quality part is set aside. */
  amountCents: number;
  /** The price used: the one set from this day (by the award, an amendment in force or a price revision). */
  price?: { from: string; source: 'AWARD' | 'AMENDMENT' | 'PRICE_REVISION'; sourceId?: string };
  /** First and last day of the deliveries the line pays. */
  deliveredFrom?: string;
  deliveredTo?: string;
}

/**
 * What the order commits for one work unit, and how the units delivered in the period fall within it: units
 * are paid in the order they were delivered until the order's quantity is reached; the rest are shown, not
 * paid (not payable, beyond the order).
 */
export interface StatementUnitCap {
  unitType: WorkUnitType;
  /** What the order commits on the period's last day, its adjustments in force then included. */
  orderedQuantity: number;
  /** When the order's quantity changed within the period: the quantity from its first day and from each change. */
  committed?: Array<{ from: string; quantity: number }>;
  /** Units paid by the order's earlier statements. */
  statedBefore: number;
  /** Units delivered in the period. */
  delivered: number;
  payable: number;
  /** Units delivered in the period beyond the order: not payable. */
  beyondOrder: number;
  /** What the units beyond the order would have cost at the prices of their days: shown, never paid. */
  beyondOrderValueCents: number;
}

/** The tier of a quality-incentive clause that a measured indicator reached. */
export interface AppliedTier {
  clauseId: string;
  indicator: QualityIndicator;
  thresholdPercent: number;
  adjustmentPercent: number;
}

/** What the quality variable part of one work unit was computed from. */
export interface QualityInputs {
  /** Sessions whose end was reported within the period: their trainees are the population measured. */
  sessionsEndedInPeriod: string[];
  traineesEntered: number;
  traineesCompleted: number;
  /** Trainees who completed and obtained at least one certification. */
  traineesCertified: number;
  /** COMPLETION_RATE from version 3: trainees who left early for a positive exit, not counted in the denominator. */
  traineesLeftForPositiveExit?: number;
  /** EMPLOYMENT_RATE_6_MONTHS and SATISFACTION_RATE: the outcomes at 6 months recorded for the trainees measured. */
  outcomesAt6Months?: OutcomeCounts;
  /** The clause's minimum group size, when it sets one: a rate over fewer trainees moves no tier. */
  minimumGroupSize?: number;
  /** The ratio measured (numerator / denominator), when the indicator was measured. */
  numerator?: number;
  denominator?: number;
  /** The quality-incentive clause whose tiers were considered (none: the variable part is paid at its base). */
  clauseId: string | null;
  tiersConsidered: Array<{ thresholdPercent: number; adjustmentPercent: number }>;
  /** Why the base was paid, when no tier adjusted it. */
  note?: string;
}

/** Outcomes at 6 months of the trainees measured: observed (any situation), known (not UNKNOWN), employed, and satisfaction. */
export interface OutcomeCounts {
  trainees: number;
  observed: number;
  known: number;
  employed: number;
  satisfactionAnswers: number;
  satisfied: number;
}

/** The variable part of one work unit's price, adjusted by the quality tier its indicator reached. */
export interface QualityVariablePart {
  unitType: WorkUnitType;
  indicator: QualityIndicator;
  /** Share of the price that is variable (the lot's quality part), in percent. */
  qualityPartPercent: number;
  /** qualityPartPercent of the line amount, rounded down to the cent. */
  baseAmountCents: number;
  measured: boolean;
  /** The indicator in percent, truncated to 2 decimals (tiers are compared exactly, not on this figure). */
  measuredPercent: number | null;
  tierApplied: AppliedTier | null;
  /** Bonus (positive) or malus (negative) applied to the base, in percent; 0 when no tier applied. */
  adjustmentPercent: number;
  /** base × (100 + adjustmentPercent) / 100, rounded down to the cent; 0 while withheld. */
  amountCents: number;
  /**
   * Version 3: the indicator cannot be measured yet (outcomes at 6 months still to come), so nothing of the variable
   * part is paid; a later statement of the order pays it, adjusted by its tier, once it is measured (regularisations).
   */
  withheld?: boolean;
  inputs: QualityInputs;
}

/** The variable part an earlier statement withheld, measured since and paid on this statement, with its figures. */
export interface QualityRegularisation {
  statementId: string;
  periodStart: string;
  periodEnd: string;
  unitType: WorkUnitType;
  indicator: QualityIndicator;
  /** The base the earlier statement withheld. */
  baseAmountCents: number;
  measuredPercent: number | null;
  tierApplied: AppliedTier | null;
  adjustmentPercent: number;
  /** What this statement pays for it. */
  amountCents: number;
  inputs: QualityInputs;
}

export interface ServiceStatement extends OfOrder {
  statementId: string;
  /** First and last day of the period stated (both included). */
  periodStart: string;
  periodEnd: string;
  issuedAt: string;
  lines: StatementLine[];
  /** The order's cap per work unit (absent in schema version 1 statements, which paid every unit delivered). */
  units?: StatementUnitCap[];
  /** The lines' amounts without their variable quality parts. */
  fixedAmountCents: number;
  /** One per work unit whose price has a quality part. */
  qualityVariables: QualityVariablePart[];
  /** Version 3: variable parts of the order's earlier statements, withheld until measured, paid here. */
  regularisations?: QualityRegularisation[];
  /** Fixed amount, variable parts and regularisations. */
  totalCents: number;
  /** How fractions of a cent are handled: every computed amount is rounded down to the cent. */
  rounding: 'FLOOR_TO_CENT';
}

export type ServiceStatementIssued = { type: 'ServiceStatementIssued'; data: ServiceStatement; schemaVersion?: number };
/**
 * Version 2: payable units capped by the order, each delivery priced on its day. Version 3: positive exits out of
 * the completion rate, the clause's minimum group size, outcome indicators measured from recorded outcomes and
 * withheld until they are, and their regularisation on a later statement.
 */
export const SERVICE_STATEMENT_SCHEMA_VERSION = 3;

/**
 * Where a referral stands in its session: holding one of its places (SESSION) or waiting for one
 * (WAITING_LIST). A referral holds its place until its outcome is reported.
 */
export type ReferralPlacement = 'SESSION' | 'WAITING_LIST';

/** Why a provider turns a referred job seeker down. Free text is not taken: it could name the person. */
export const REFERRAL_REFUSAL_REASONS = [
  'PREREQUISITES_NOT_MET',
  'PROJECT_NOT_CONFIRMED',
  'CANDIDATE_DECLINED',
  'SCHEDULE_INCOMPATIBLE',
  'OTHER',
] as const;
export type ReferralRefusalReason = (typeof REFERRAL_REFUSAL_REASONS)[number];

/**
 * A Pôle emploi adviser referred a job seeker (prescription) to a session of the order. The figures the
 * placement was decided on are kept with it: places of the session, trainees in it, referrals holding one.
 */
export type TraineeReferred = {
  type: 'TraineeReferred';
  data: OfOrder & {
    referralId: string;
    traineeId: string;
    sessionId: string;
    referredOn: string;
    publics: TraineePublics;
    placement: ReferralPlacement;
    /** overbookingPlaces: the places an overbooking clause adds to the capacity (absent: no such clause). */
    check: { capacity: number; traineesPresent: number; referralsHoldingPlaces: number; overbookingPlaces?: number };
  };
};
/** The provider turned the referral down; placement: where it stood (a place is freed, or the list shortens). */
export type ReferralRefused = {
  type: 'ReferralRefused';
  data: OfOrder & {
    referralId: string;
    traineeId: string;
    sessionId: string;
    on: string;
    reason: ReferralRefusalReason;
    placement: ReferralPlacement;
  };
};
/** The referred job seeker did not come. */
export type ReferralNoShow = {
  type: 'ReferralNoShow';
  data: OfOrder & { referralId: string; traineeId: string; sessionId: string; on: string; placement: ReferralPlacement };
};

export type DeliveryReportedEvent =
  | SessionStarted
  | SessionEnded
  | TraineeEntered
  | TraineeWaitlisted
  | TraineeAtRiskReported
  | TraineeReferred
  | ReferralRefused
  | ReferralNoShow
  | TraineeLeftEarly
  | TraineeCompleted
  | CertificationObtained
  | OpenDaysDelivered
  | HoursDelivered
  | SubscriptionMonthsDelivered;

export type DeliveryEvent = DeliveryReportedEvent | TraineeOutcomeObserved | ServiceStatementIssued | AttendanceEvent;
