import { IsIn, IsInt, IsOptional, IsString, Length } from 'class-validator';
import { IsCents, IsDecimal, IsOneOf } from './validators';

const SHARE_KINDS = ['PERCENT', 'AMOUNT'] as const;

export abstract class CoFinancingShareDto {
  @IsIn(SHARE_KINDS)
  kind!: (typeof SHARE_KINDS)[number];
}

/** The range (above 0, at most 100) is a business rule, answered 422 CO_FINANCING_SHARE_INVALID. */
export class PercentShareDto extends CoFinancingShareDto {
  declare kind: 'PERCENT';

  @IsDecimal(2)
  percent!: number;
}

/** Positive and at most the order's value: business rules, answered 422. */
export class AmountShareDto extends CoFinancingShareDto {
  declare kind: 'AMOUNT';

  @IsInt()
  amountCents!: number;
}

export class OfferCoFinancingDto {
  @IsOneOf(() => CoFinancingShareDto, 'kind', {
    PERCENT: PercentShareDto,
    AMOUNT: AmountShareDto,
  })
  share!: PercentShareDto | AmountShareDto;

  /** The agreement in force this offer changes, when there is one. */
  @IsOptional()
  @IsString()
  @Length(1, 128)
  replacesAgreementId?: string;

  @IsString()
  @Length(3, 2000)
  reason!: string;
}

export class OfferCoFinancingTerminationDto {
  @IsString()
  @Length(1, 128)
  agreementId!: string;

  @IsString()
  @Length(3, 2000)
  reason!: string;
}

export class CoFinancingOfferAnswerDto {
  @IsString()
  @Length(1, 128)
  offerId!: string;
}

export class DeclineCoFinancingOfferDto extends CoFinancingOfferAnswerDto {
  @IsString()
  @Length(3, 2000)
  reason!: string;
}

export class ReductionConsentDto {
  /** The lowest value, in cents, the order may be reduced to by the next reduction. */
  @IsCents()
  floorValueCents!: number;

  @IsString()
  @Length(3, 2000)
  reason!: string;
}
