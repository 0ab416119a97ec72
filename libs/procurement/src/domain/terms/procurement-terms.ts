/**
 * The vocabulary of contract terms shared by contracts, lots, clauses, orders and amendments.
 * Money is in integer cents excluding VAT; quantities are integers; dates are ISO strings (YYYY-MM-DD).
 */

export const CONTRACT_MODES = [
  'PUBLIC_CONTRACT',
  'FRAMEWORK_AGREEMENT',
  'PUBLIC_SERVICE_MANDATE',
  'CONCESSION',
  'SUBSCRIPTION',
] as const;
export type ContractMode = (typeof CONTRACT_MODES)[number];

export const WORK_UNIT_TYPES = ['TRAINEE_HOUR', 'PATHWAY', 'OPEN_DAY', 'SUBSCRIPTION'] as const;
export type WorkUnitType = (typeof WORK_UNIT_TYPES)[number];

export const TARGET_PUBLICS = [
  'QPV_RESIDENTS',
  'RURAL_RESIDENTS',
  'ISOLATED_PARENTS',
  'DISABLED_PEOPLE',
  'YOUNG_NEET',
  'LOW_QUALIFIED_JOB_SEEKERS',
] as const;
export type TargetPublic = (typeof TARGET_PUBLICS)[number];

export const QUALITY_INDICATORS = ['COMPLETION_RATE', 'CERTIFICATION_RATE', 'EMPLOYMENT_RATE_6_MONTHS', 'SATISFACTION_RATE'] as const;
export type QualityIndicator = (typeof QUALITY_INDICATORS)[number];

export const MODALITIES = ['IN_PERSON', 'REMOTE', 'BLENDED'] as const;
export type Modality = (typeof MODALITIES)[number];

/** The variable part of a unit price that depends on quality of service. */
export interface QualityPart {
  /** Share of the unit price, in percent (0 to 100). */
  percent: number;
  indicator: QualityIndicator;
}

/** A work unit of a lot: how the provider is paid, and how much may be bought. */
export interface WorkUnitTerms {
  type: WorkUnitType;
  unitPriceCents: number;
  qualityPart?: QualityPart;
  /** Quantity estimated at award: the base of the volume clause's percentages. */
  initialQuantity: number;
  minQuantity: number;
  maxQuantity: number;
  /** TRAINEE_HOUR: the lot's bound on the hours a trainee is credited with on one day (absent: none set). */
  maxDailyHoursPerTrainee?: number;
}

export interface LotScope {
  /** Training domain code (e.g. a Formacode or NSF code). */
  domainCode: string;
  territoryCodes: string[];
  targetPublics: TargetPublic[];
  /** ROME codes of the occupations the training leads to: the labour-market signals the policy reads. */
  occupationCodes?: string[];
}

/** Registers of France compétences a certification is recorded in (art. L6113-1 and L6113-6 Code du travail). */
export const CERTIFICATION_REGISTERS = ['RNCP', 'RS'] as const;
export type CertificationRegister = (typeof CERTIFICATION_REGISTERS)[number];

/** How a training is followed (LHEO parcours-de-formation, dict-parcours: 1 in a group, 2 individualised, 3 modular, 4 mixed). */
export const TRAINING_PATHWAYS = ['GROUP', 'INDIVIDUALISED', 'MODULAR', 'MIXED'] as const;
export type TrainingPathway = (typeof TRAINING_PATHWAYS)[number];

/**
 * The training a lot buys as its specifications describe it, what the offer of training published to the
 * Carif-Oref bases (LHEO 2.3) needs and the product cannot compute. Every field is the buyer's: a lot defined
 * without it (before LotDefined version 2, or left out) has none, and the export leaves it out rather than guess.
 * Modalities come from the sessions ordered (each has its own); places and dates from the orders.
 */
export interface LotTraining {
  /** Formacode codes (Centre Inffo thesaurus, 5 digits), at most 5 as LHEO's domaine-formation carries. */
  formacodes?: string[];
  /** NSF codes (Nomenclature des spécialités de formation, décret n° 94-522 du 21 juin 1994), 3 digits, at most 3. */
  nsfCodes?: string[];
  /**
   * The certification the training leads to, as France compétences numbers its fiche: the register then the
   * number, RNCP34567 or RS5678 (certificationOf reads them apart).
   */
  certification?: string;
  /** Hours of training of the whole course for one trainee. */
  durationHours?: number;
  /** What the training is for (LHEO objectif-formation). */
  objective?: string;
  /** What a trainee knows and can do at the end (LHEO resultats-attendus). */
  expectedResults?: string;
  /** The programme (LHEO contenu-formation). */
  content?: string;
  /** Level required at entry, a code of LHEO's dictionary of levels (LHEO_ENTRY_LEVEL_CODES). */
  entryLevelCode?: string;
  /** Whether that level is required or only advised (LHEO niveau-entree-obligatoire). */
  entryLevelRequired?: boolean;
  /** Publics the action is for, as Formacode codes of LHEO's code-public-vise (5 digits, 1 to 10). */
  publicCodes?: string[];
  pathway?: TrainingPathway;
  /** Weekly rhythm in words (LHEO rythme-formation), e.g. "35 h par semaine, du lundi au vendredi". */
  rhythm?: string;
  /** Work-based periods, in words (LHEO modalites-alternance). */
  workPlacement?: string;
  /** Conditions of access in words (LHEO conditions-specifiques), e.g. prerequisites or a medical certificate. */
  accessConditions?: string;
}

/** The codes LHEO 2.3's code-niveau-entree takes (its XSD's enumeration, dictionary dict-niveaux). */
export const LHEO_ENTRY_LEVEL_CODES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '11', '12', '13', '14', '15', '16', '17', '18'] as const;

export const CERTIFICATION_PATTERN = /^(RNCP|RS)(\d{1,6})$/;

/** The register and number of a certification code (RNCP34567: RNCP, 34567). */
export function certificationOf(code: string): { register: CertificationRegister; number: string } | undefined {
  const match = CERTIFICATION_PATTERN.exec(code);
  return match ? { register: match[1] as CertificationRegister, number: match[2] } : undefined;
}

/** Who performs a lot: one provider, or a grouping of providers with a lead. */
export type Awardee =
  | { kind: 'PROVIDER'; providerId: string }
  | { kind: 'GROUPING'; memberIds: string[]; leadProviderId: string };

export function awardeeProviderIds(awardee: Awardee): string[] {
  return awardee.kind === 'PROVIDER' ? [awardee.providerId] : awardee.memberIds;
}

/** A competence module of the catalogue clause, which orders may add. */
export interface CatalogueModule {
  moduleId: string;
  title: string;
  unitType: WorkUnitType;
  unitPriceCents: number;
}

/** Adaptability clauses, written before publication and immutable after. */
export type ClauseTerms =
  | { type: 'VOLUME'; unitType: WorkUnitType; percent: number }
  | { type: 'MODULE_CATALOGUE'; modules: CatalogueModule[] }
  | { type: 'MODALITY'; allowed: Modality[] }
  | { type: 'CALENDAR'; maxShiftDays: number }
  | PriceRevisionTerms
  | PriceRevisionAsText
  /**
   * minimumGroupSize: the fewest trainees a rate is measured over for it to move a tier (absent: 1); below it the
   * variable part is paid at its base, since a rate over a handful of trainees says little about the service.
   */
  | { type: 'QUALITY_INCENTIVE'; tiers: QualityTier[]; minimumGroupSize?: number }
  | { type: 'DROPOUT'; maxRemoteWeeks: number }
  /** Entries allowed beyond a session's capacity, in percent of it (rounded down to whole places). */
  | { type: 'OVERBOOKING'; percent: number }
  /**
   * Attendance sheets: under attendanceRequired, the trainee hours delivered are those the sheets record (and a
   * report of more is refused); absenceRunDays absent days in a row make a trainee at risk of dropping out.
   */
  | { type: 'ATTENDANCE'; attendanceRequired: boolean; absenceRunDays?: number };
export type ClauseType = ClauseTerms['type'];

/**
 * A price revision clause (CCP R2112-13 and R2112-14: the clause states the revision's formula and its
 * references) as data: P = P0 × (a + b × I/I0), a the fixed part and b the indexed part, in basis points
 * summing to 10,000; I0 the index of the base month, I the index of the month `indexLagMonths` before the
 * month of each revision date; P rounded to the nearest cent, halves up.
 */
export interface PriceRevisionTerms {
  type: 'PRICE_REVISION';
  formula: { fixedPartBasisPoints: number; indexedPartBasisPoints: number };
  /** The published series, e.g. INSEE idbank 010567012 (services to businesses: training). */
  index: { seriesId: string; label: string };
  /** The month of I0 (YYYY-MM), usually the month the prices were set (mois zéro). */
  baseMonth: string;
  /** The days the price is revised (YYYY-MM-DD), in order. */
  revisionDates: string[];
  /** I is the index of the month this many months before the revision's month (the last one published). */
  indexLagMonths: number;
  rounding: 'NEAREST_CENT_HALF_UP';
}

/**
 * A price revision clause recorded before clauses held their formula as data: its text is kept as written and
 * nothing can be computed from it, so no price may be revised under it.
 */
export interface PriceRevisionAsText {
  type: 'PRICE_REVISION';
  recordedAsText: { indexName: string; formula: string; frequencyMonths: number };
}

export interface QualityTier {
  indicator: QualityIndicator;
  /** Indicator value, in percent, from which the tier applies. */
  thresholdPercent: number;
  /** Bonus (positive) or malus (negative), in percent of the quality part. */
  adjustmentPercent: number;
}

export interface Clause {
  clauseId: string;
  /** The lot the clause applies to; a contract-wide clause has none. */
  lotId?: string;
  terms: ClauseTerms;
}

export interface Session {
  sessionId: string;
  startDate: string;
  endDate: string;
  place: string;
  capacity: number;
  modality: Modality;
  /**
   * Hours of training a trainee follows on a day of the session (its daily schedule): hours reported beyond it
   * for one trainee and day are refused. Absent (sessions ordered before it was recorded): 24 hours, the day.
   */
  dailyHours?: number;
  /**
   * Postal code and town of the place, by which the offer of training published to the Carif-Oref bases (LHEO
   * adresse: codepostal, ville) locates the session. Absent (sessions ordered before they were recorded): the
   * session is not published in that offer.
   */
  postalCode?: string;
  city?: string;
}

export interface OrderLine {
  unitType: WorkUnitType;
  quantity: number;
}
