import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { OVERLAP_DECISIONS, OverlapDecision } from '@app/coordination';
import { WORK_UNIT_TYPES, WorkUnitType } from '@app/procurement';
import { IsCalendarDate, IsNested, IsNotBefore, IsQuantity, IsReference } from '../../procurement/dto/validators';

export class PlannedVolumeDto {
  @IsIn(WORK_UNIT_TYPES)
  unitType!: WorkUnitType;

  @IsQuantity()
  @Min(1)
  quantity!: number;
}

export class DeclarePurchaseDto {
  /** Training domain code, in the nomenclature of the Région's lots (e.g. a Formacode). */
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

  @IsCalendarDate()
  periodStart!: string;

  @IsCalendarDate()
  @IsNotBefore('periodStart')
  periodEnd!: string;

  @IsInt()
  @Min(0)
  @Max(10_000)
  plannedSessions!: number;

  @IsNested(() => PlannedVolumeDto)
  volume!: PlannedVolumeDto;

  @IsOptional()
  @IsString()
  @Length(3, 300)
  title?: string;

  @IsOptional()
  @IsString()
  @Length(1, 2000)
  notes?: string;
}

export class ResolveOverlapDto {
  @IsIn(OVERLAP_DECISIONS)
  decision!: OverlapDecision;

  /** With CO_FINANCE only: the Région order Pôle emploi co-finances (the order of the overlap). */
  @IsOptional()
  @IsReference()
  coFinancedOrderId?: string;

  @IsString()
  @Length(3, 2000)
  reason!: string;
}

export class WithdrawDeclarationDto {
  @IsString()
  @Length(3, 2000)
  reason!: string;
}

export const OVERLAP_STATUSES = ['unresolved', 'resolved', 'all'] as const;

export class OverlapQuery {
  @IsOptional()
  @IsIn(OVERLAP_STATUSES)
  status?: (typeof OVERLAP_STATUSES)[number];

  @IsOptional()
  @IsReference()
  declarationId?: string;

  @IsOptional()
  @IsReference()
  contractId?: string;
}

export class LabourMarketQuery {
  @IsOptional()
  @IsString()
  @Length(1, 16)
  occupationCode?: string;

  @IsOptional()
  @IsString()
  @Length(1, 16)
  territoryCode?: string;

  @IsOptional()
  @IsString()
  @Length(7, 7)
  period?: string;
}
