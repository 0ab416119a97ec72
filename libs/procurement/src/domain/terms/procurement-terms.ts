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
}

export interface LotScope {
  /** Training domain code (e.g. a Formacode or NSF code). */
  domainCode: string;
  territoryCodes: string[];
  targetPublics: TargetPublic[];
  /** ROME codes of the occupations the training leads to: the labour-market signals the policy reads. */
  occupationCodes?: string[];
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
  | { type: 'PRICE_REVISION'; indexName: string; formula: string; frequencyMonths: number }
  | { type: 'QUALITY_INCENTIVE'; tiers: QualityTier[] }
  | { type: 'DROPOUT'; maxRemoteWeeks: number };
export type ClauseType = ClauseTerms['type'];

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
}

export interface OrderLine {
  unitType: WorkUnitType;
  quantity: number;
}
