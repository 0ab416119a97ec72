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
  Max,
  Min,
} from 'class-validator';
import { AmendmentKind, TARGET_PUBLICS, TargetPublic, WORK_UNIT_TYPES, WorkUnitType } from '@app/procurement';
import { CatalogueModuleDto } from './clause.dto';
import { IsCalendarDate, IsCents, IsListOf, IsNested, IsQuantity, IsReference, IsSignedCents } from './validators';

const AMENDMENT_KINDS: AmendmentKind[] = ['PRICE', 'DURATION', 'SCOPE', 'NEW_MODULES', 'CONTRACTOR_CHANGE', 'VOLUME'];

/** What the amendment changes; which fields apply depends on `kind`. */
export class AmendmentChangeDto {
  @IsIn(AMENDMENT_KINDS)
  kind!: AmendmentKind;

  @IsOptional()
  @IsReference()
  lotId?: string;

  @IsOptional()
  @IsIn(WORK_UNIT_TYPES)
  unitType?: WorkUnitType;

  @IsOptional()
  @IsCents()
  newUnitPriceCents?: number;

  @IsOptional()
  @IsCalendarDate()
  newEndDate?: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 16, { each: true })
  territoryCodes?: string[];

  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(TARGET_PUBLICS, { each: true })
  targetPublics?: TargetPublic[];

  @IsOptional()
  @IsListOf(() => CatalogueModuleDto, { min: 1, max: 200 })
  modules?: CatalogueModuleDto[];

  /** New contractor: one provider, or several with a lead. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsReference({ each: true })
  providerIds?: string[];

  @IsOptional()
  @IsReference()
  leadProviderId?: string;

  @IsOptional()
  @IsQuantity()
  newMaxQuantity?: number;
}

export class JustificationDto {
  @IsOptional() @IsBoolean() unforeseeableCircumstances?: boolean;
  @IsOptional() @IsBoolean() additionalServicesNeeded?: boolean;
  @IsOptional() @IsBoolean() changeOfContractorImpossible?: boolean;
  @IsOptional() @IsBoolean() contractorRestructuring?: boolean;
  /** L2194-1 5°: relies on the change not being substantial; substantialEffects must then answer each R2194-7 effect. */
  @IsOptional() @IsBoolean() notSubstantial?: boolean;
}

export class SubstantialEffectsDto {
  @IsOptional() @IsBoolean() wouldHaveAttractedOtherBidders?: boolean;
  @IsOptional() @IsBoolean() shiftsEconomicBalanceToContractor?: boolean;
  @IsOptional() @IsBoolean() considerablyExtendsScope?: boolean;
}

/** The terms of a change of the contract, proposed as an amendment or imposed as a unilateral modification. */
export class AmendmentTermsDto {
  @IsString()
  @Length(3, 2000)
  description!: string;

  @IsNested(() => AmendmentChangeDto)
  change!: AmendmentChangeDto;

  /**
   * The buyer's estimate of the change of the contract's amount, excluding VAT: recorded beside the figure the
   * engine computes from the terms changed, which is the one the legal bases are checked on.
   */
  @IsOptional()
  @IsSignedCents()
  declaredAmountChangeCents?: number;

  @IsOptional()
  @IsReference()
  reviewClauseId?: string;

  @IsOptional()
  @IsNested(() => JustificationDto)
  justification?: JustificationDto;

  @IsOptional()
  @IsNested(() => SubstantialEffectsDto)
  substantialEffects?: SubstantialEffectsDto;

  @IsOptional()
  @IsBoolean()
  changesOverallNature?: boolean;
}

export class ProposeAmendmentDto extends AmendmentTermsDto {
  /** The provider's request this proposal answers. */
  @IsOptional()
  @IsReference()
  requestId?: string;
}

export class RequestAmendmentDto {
  @IsReference()
  lotId!: string;

  @IsString()
  @Length(3, 2000)
  description!: string;

  @IsNested(() => AmendmentChangeDto)
  change!: AmendmentChangeDto;
}

export class TenderCommitteeOpinionDto {
  @IsCalendarDate()
  opinionDate!: string;

  @IsBoolean()
  favourable!: boolean;
}

export class DisputeAmendmentDto {
  @IsString()
  @Length(3, 2000)
  reason!: string;
}

export class WithdrawAmendmentDto {
  @IsString()
  @Length(3, 2000)
  reason!: string;
}

/** A unilateral modification (CCP L6 4°): the terms, and the general-interest ground of the buyer's decision. */
export class UnilateralModificationDto extends AmendmentTermsDto {
  @IsString()
  @Length(3, 2000)
  ground!: string;
}

/** A provider's claim for compensation of a unilateral modification: an amount in cents (excl. VAT) and its reasons. */
export class CompensationClaimDto {
  @IsInt()
  @Min(1)
  @Max(100_000_000_000_000)
  amountCents!: number;

  @IsString()
  @Length(3, 2000)
  reasons!: string;
}

export class AcceptCompensationClaimDto {
  @IsInt()
  @Min(1)
  @Max(100_000_000_000_000)
  acceptedAmountCents!: number;

  /** Why less than the amount claimed, when it is. */
  @IsOptional()
  @IsString()
  @Length(3, 2000)
  reason?: string;
}

export class RefuseCompensationClaimDto {
  @IsString()
  @Length(3, 2000)
  reason!: string;
}
