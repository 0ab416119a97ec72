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
  ClauseType,
  MODALITIES,
  Modality,
  QUALITY_INDICATORS,
  QualityIndicator,
  WORK_UNIT_TYPES,
  WorkUnitType,
} from '@app/procurement';
import { IsCalendarDate, IsCents, IsDecimal, IsListOf, IsNested, IsOneOf, IsReference } from './validators';

const CLAUSE_TYPES: ClauseType[] = ['VOLUME', 'MODULE_CATALOGUE', 'MODALITY', 'CALENDAR', 'PRICE_REVISION', 'QUALITY_INCENTIVE', 'DROPOUT', 'OVERBOOKING', 'ATTENDANCE'];

export abstract class ClauseTermsDto {
  @IsIn(CLAUSE_TYPES)
  type!: ClauseType;
}

export class VolumeClauseDto extends ClauseTermsDto {
  declare type: 'VOLUME';

  @IsIn(WORK_UNIT_TYPES)
  unitType!: WorkUnitType;

  @IsInt()
  @Min(1)
  @Max(100)
  percent!: number;
}

export class CatalogueModuleDto {
  @IsReference()
  moduleId!: string;

  @IsString()
  @Length(3, 300)
  title!: string;

  @IsIn(WORK_UNIT_TYPES)
  unitType!: WorkUnitType;

  @IsCents()
  unitPriceCents!: number;
}

export class ModuleCatalogueClauseDto extends ClauseTermsDto {
  declare type: 'MODULE_CATALOGUE';

  @IsListOf(() => CatalogueModuleDto, { min: 1, max: 200 })
  modules!: CatalogueModuleDto[];
}

export class ModalityClauseDto extends ClauseTermsDto {
  declare type: 'MODALITY';

  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(MODALITIES, { each: true })
  allowed!: Modality[];
}

export class CalendarClauseDto extends ClauseTermsDto {
  declare type: 'CALENDAR';

  @IsInt()
  @Min(1)
  @Max(366)
  maxShiftDays!: number;
}

export class RevisionFormulaDto {
  /** a: the part of the price that does not move, in basis points (1,500 = 15%). */
  @IsInt()
  @Min(0)
  @Max(10_000)
  fixedPartBasisPoints!: number;

  /** b: the part that follows the index, in basis points; a + b = 10,000. */
  @IsInt()
  @Min(0)
  @Max(10_000)
  indexedPartBasisPoints!: number;
}

export class RevisionIndexDto {
  /** The series' identifier where it is published, e.g. INSEE idbank 010567012. */
  @Matches(/^[A-Za-z0-9._-]{1,32}$/, { message: 'seriesId must be 1 to 32 letters, digits, . _ -' })
  seriesId!: string;

  @IsString()
  @Length(2, 200)
  label!: string;
}

/** P = P0 × (a + b × I/I0), I0 the index of the base month, I the index `indexLagMonths` before each revision date. */
export class PriceRevisionClauseDto extends ClauseTermsDto {
  declare type: 'PRICE_REVISION';

  @IsNested(() => RevisionFormulaDto)
  formula!: RevisionFormulaDto;

  @IsNested(() => RevisionIndexDto)
  index!: RevisionIndexDto;

  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'baseMonth must be a month YYYY-MM' })
  baseMonth!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(60)
  @ArrayUnique()
  @IsCalendarDate({ each: true })
  revisionDates!: string[];

  @IsInt()
  @Min(0)
  @Max(24)
  indexLagMonths!: number;

  @IsIn(['NEAREST_CENT_HALF_UP'])
  rounding!: 'NEAREST_CENT_HALF_UP';
}

export class QualityTierDto {
  @IsIn(QUALITY_INDICATORS)
  indicator!: QualityIndicator;

  @IsDecimal(2)
  @Min(0)
  @Max(100)
  thresholdPercent!: number;

  @IsDecimal(2)
  @Min(-100)
  @Max(100)
  adjustmentPercent!: number;
}

export class QualityIncentiveClauseDto extends ClauseTermsDto {
  declare type: 'QUALITY_INCENTIVE';

  @IsListOf(() => QualityTierDto, { min: 1, max: 20 })
  tiers!: QualityTierDto[];

  /** The fewest trainees a rate is measured over for it to move a tier (absent: 1). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000)
  minimumGroupSize?: number;
}

export class DropoutClauseDto extends ClauseTermsDto {
  declare type: 'DROPOUT';

  @IsInt()
  @Min(1)
  @Max(104)
  maxRemoteWeeks!: number;
}

export class OverbookingClauseDto extends ClauseTermsDto {
  declare type: 'OVERBOOKING';

  /** Places beyond each session's capacity, in percent of it (rounded down). */
  @IsInt()
  @Min(1)
  @Max(50)
  percent!: number;
}

export class AttendanceClauseDto extends ClauseTermsDto {
  declare type: 'ATTENDANCE';

  /** The lot's trainee hours are those its attendance sheets record: hours reported beyond them are refused. */
  @IsBoolean()
  attendanceRequired!: boolean;

  /** Absent days in a row that make a trainee at risk of dropping out (absent: DEFAULT_ABSENCE_RUN_DAYS, 3). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(30)
  absenceRunDays?: number;
}

export class AddClauseDto {
  @IsReference()
  clauseId!: string;

  /** The lot the clause applies to; omit for a contract-wide clause. */
  @IsOptional()
  @IsReference()
  lotId?: string;

  @IsOneOf(() => ClauseTermsDto, 'type', {
    VOLUME: VolumeClauseDto,
    MODULE_CATALOGUE: ModuleCatalogueClauseDto,
    MODALITY: ModalityClauseDto,
    CALENDAR: CalendarClauseDto,
    PRICE_REVISION: PriceRevisionClauseDto,
    QUALITY_INCENTIVE: QualityIncentiveClauseDto,
    DROPOUT: DropoutClauseDto,
    OVERBOOKING: OverbookingClauseDto,
    ATTENDANCE: AttendanceClauseDto,
  })
  terms!: VolumeClauseDto | ModuleCatalogueClauseDto | ModalityClauseDto | CalendarClauseDto | PriceRevisionClauseDto | QualityIncentiveClauseDto | DropoutClauseDto | OverbookingClauseDto | AttendanceClauseDto;
}
