import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { DISPUTE_OUTCOMES, DisputeOutcome } from '@app/procurement';
import { IsCalendarDate, IsCents, IsReference } from '../../procurement/dto/validators';

/** A positive amount in cents (a request or a payment of nothing is no request nor payment). */
const IsPositiveCents = () => applyDecorators(IsInt(), Min(1), Max(100_000_000_000_000));

export class RequestPaymentDto {
  /** The provider's invoice number, as printed on its invoice. */
  @IsReference()
  invoiceReference!: string;

  /** Excl. VAT, at most what the statement leaves payable (422 PAYMENT_REQUEST_EXCEEDS_PAYABLE). */
  @IsPositiveCents()
  amountCents!: number;
}

export class InterruptPaymentPeriodDto {
  /** Why the request cannot be paid as it is (CCP R2192-28: the reasons the provider is answerable for). */
  @IsString()
  @Length(1, 2000)
  reason!: string;

  /** The documents or mentions to supply or correct. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  missingDocuments!: string[];
}

export class SupplyMissingDocumentsDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  documents!: string[];
}

export class RecordPaymentDto {
  @IsPositiveCents()
  amountCents!: number;

  /** The day the payment was made (mise en paiement). */
  @IsCalendarDate()
  paidOn!: string;
}

export class ContestStatementDto {
  @IsString()
  @Length(1, 4000)
  reasons!: string;

  /** The total the provider claims for the statement's period. */
  @IsCents()
  claimedTotalCents!: number;
}

export class AnswerStatementDisputeDto {
  @IsIn(DISPUTE_OUTCOMES)
  outcome!: DisputeOutcome;

  @IsString()
  @Length(1, 4000)
  answer!: string;

  /** Required when partly accepted: the total agreed, strictly between the stated and the claimed totals. */
  @IsOptional()
  @IsCents()
  agreedTotalCents?: number;
}
