import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import {
  AWARD_PROCEDURES,
  AwardProcedureKind,
  CERTIFICATION_PATTERN,
  LHEO_ENTRY_LEVEL_CODES,
  CONTRACT_MODES,
  CPV_CODE_PATTERN,
  NO_COMPETITION_GROUNDS,
  NoCompetitionGround,
  ContractMode,
  MODALITIES,
  Modality,
  QUALITY_INDICATORS,
  QualityIndicator,
  TARGET_PUBLICS,
  TargetPublic,
  TRAINING_PATHWAYS,
  TrainingPathway,
  WORK_UNIT_TYPES,
  WorkUnitType,
} from '@app/procurement';
import { IsAfter, IsCalendarDate, IsCents, IsDecimal, IsListOf, IsNested, IsNotBefore, IsQuantity, IsReference } from './validators';

export class AwardProcedureDto {
  @IsIn(AWARD_PROCEDURES)
  procedure!: AwardProcedureKind;

  /** The article relied on to award without publication or competition (CCP R2122-1 to R2122-11). */
  @IsOptional()
  @IsIn(NO_COMPETITION_GROUNDS)
  ground?: NoCompetitionGround;
}

export class DraftContractDto {
  @IsString()
  @Length(3, 300)
  title!: string;

  @IsIn(CONTRACT_MODES)
  mode!: ContractMode;

  @IsCalendarDate()
  startDate!: string;

  @IsCalendarDate()
  @IsAfter('startDate')
  endDate!: string;

  @IsCents()
  initialValueCents!: number;

  /** How the contract is awarded: the tender committee's role (CGCT L1414-2, L1414-4) follows from it. */
  @IsNested(() => AwardProcedureDto)
  awardProcedure!: AwardProcedureDto;

  /** The main CPV code (e.g. 80530000-8, vocational training): it sets the kind of service and its thresholds. */
  @IsString()
  @Matches(CPV_CODE_PATTERN, { message: 'cpvCode must be a CPV code: eight digits, a dash and the check digit' })
  cpvCode!: string;

  @IsOptional()
  @IsCents()
  maximumValueCents?: number;

  @IsOptional()
  @IsCalendarDate()
  priorInformationNoticeDate?: string;

  @IsOptional()
  @IsString()
  @Length(10, 2000)
  singleLotJustification?: string;

  /** Why a framework agreement lasts more than four years (CCP L2125-1 1°); required beyond them. */
  @IsOptional()
  @IsString()
  @Length(10, 2000)
  durationJustification?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(90)
  amendmentResponseDays?: number;

  /** Days past the end an order issued while the framework is in force may run (CCP R2162-5); none unless set. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(730)
  orderRunPastEndDays?: number;
}

export class CloseContractDto {
  /** Why a framework agreement is closed below its minimum (CCP R2162-4); without it, such a closing is refused. */
  @IsOptional()
  @IsString()
  @Length(10, 2000)
  minimumShortfallReason?: string;
}

export class TerminateContractDto {
  @IsString()
  @Length(3, 2000)
  reason!: string;
}

export class QualityPartDto {
  @IsDecimal(2)
  @Min(0)
  @Max(100)
  percent!: number;

  @IsIn(QUALITY_INDICATORS)
  indicator!: QualityIndicator;
}

export class WorkUnitDto {
  @IsIn(WORK_UNIT_TYPES)
  type!: WorkUnitType;

  @IsCents()
  unitPriceCents!: number;

  @IsOptional()
  @IsNested(() => QualityPartDto)
  qualityPart?: QualityPartDto;

  @IsQuantity()
  initialQuantity!: number;

  @IsQuantity()
  minQuantity!: number;

  @IsQuantity()
  maxQuantity!: number;

  /** TRAINEE_HOUR: hours a trainee may be credited with on one day, in every session of the lot. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24)
  maxDailyHoursPerTrainee?: number;
}

export class LotScopeDto {
  @IsString()
  @Length(1, 32)
  domainCode!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 16, { each: true })
  territoryCodes!: string[];

  @IsArray()
  @ArrayMaxSize(TARGET_PUBLICS.length)
  @ArrayUnique()
  @IsIn(TARGET_PUBLICS, { each: true })
  targetPublics!: TargetPublic[];

  /** ROME codes of the occupations the lot leads to (e.g. M1805), for the labour-market signals. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(/^[A-N]\d{4}$/, { each: true, message: 'each value of $property must be a ROME code: a letter A to N and four digits' })
  occupationCodes?: string[];
}

/** The lot's training as the offer of training (LHEO 2.3) publishes it; each length is LHEO's bound. */
export class LotTrainingDto {
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ArrayUnique()
  @Matches(/^\d{5}$/, { each: true, message: 'each value of $property must be a Formacode code: five digits' })
  formacodes?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ArrayUnique()
  @Matches(/^\d{3}$/, { each: true, message: 'each value of $property must be an NSF code: three digits' })
  nsfCodes?: string[];

  @IsOptional()
  @Matches(CERTIFICATION_PATTERN, { message: '$property must be an RNCP or RS fiche: RNCP or RS then its number (RNCP34567, RS5678)' })
  certification?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  durationHours?: number;

  @IsOptional()
  @IsString()
  @Length(1, 3000)
  objective?: string;

  @IsOptional()
  @IsString()
  @Length(1, 3000)
  expectedResults?: string;

  @IsOptional()
  @IsString()
  @Length(1, 3000)
  content?: string;

  @IsOptional()
  @IsIn(LHEO_ENTRY_LEVEL_CODES, { message: `$property must be a code of LHEO's dictionary of levels: ${LHEO_ENTRY_LEVEL_CODES.join(', ')}` })
  entryLevelCode?: string;

  @IsOptional()
  @IsBoolean()
  entryLevelRequired?: boolean;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @Matches(/^\d{5}$/, { each: true, message: 'each value of $property must be a Formacode code of a public: five digits' })
  publicCodes?: string[];

  @IsOptional()
  @IsIn(TRAINING_PATHWAYS)
  pathway?: TrainingPathway;

  @IsOptional()
  @IsString()
  @Length(1, 3000)
  rhythm?: string;

  @IsOptional()
  @IsString()
  @Length(1, 3000)
  workPlacement?: string;

  @IsOptional()
  @IsString()
  @Length(1, 3000)
  accessConditions?: string;
}

export class DefineLotDto {
  @IsReference()
  lotId!: string;

  @IsString()
  @Length(3, 300)
  title!: string;

  @IsNested(() => LotScopeDto)
  scope!: LotScopeDto;

  @IsListOf(() => WorkUnitDto, { min: 1, max: WORK_UNIT_TYPES.length })
  workUnits!: WorkUnitDto[];

  @IsOptional()
  @IsCents()
  maximumValueCents?: number;

  @IsOptional()
  @IsNested(() => LotTrainingDto)
  training?: LotTrainingDto;
}

export class AwardLotDto {
  /** A single provider, or several for a grouping (with `leadProviderId`). */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsReference({ each: true })
  providerIds!: string[];

  @IsOptional()
  @IsReference()
  leadProviderId?: string;

  /**
   * Bids received for the lot, irregular, unacceptable and abnormally low ones included: published as DECP's
   * offresRecues (arrêté du 22 décembre 2022, annexe 2).
   */
  @IsInt()
  @Min(1)
  @Max(100_000)
  bidsReceived!: number;
}

export class SessionDto {
  @IsReference()
  sessionId!: string;

  @IsCalendarDate()
  startDate!: string;

  @IsCalendarDate()
  @IsNotBefore('startDate')
  endDate!: string;

  @IsString()
  @Length(1, 200)
  place!: string;

  @IsInt()
  @Min(1)
  @Max(10_000)
  capacity!: number;

  @IsIn(MODALITIES)
  modality!: Modality;

  /** Hours a trainee follows on a day of the session: hours reported beyond it for a trainee and day are refused. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24)
  dailyHours?: number;

  /** Postal code of the place (5 digits, LHEO codepostal): the offer of training locates the session by it. */
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'postalCode must be a French postal code of 5 digits' })
  postalCode?: string;

  /** Town of the place (LHEO ville: 1 to 50 characters). */
  @IsOptional()
  @IsString()
  @Length(1, 50)
  city?: string;
}

