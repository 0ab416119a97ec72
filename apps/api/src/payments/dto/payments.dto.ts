import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { BUYER_CATEGORIES, BuyerCategory, DISPUTE_OUTCOMES, DisputeOutcome, PaymentDeadlineWarningKind } from '@app/procurement';
import { IsCalendarDate, IsCents, IsDecimal, IsReference } from '../../procurement/dto/validators';

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

/** VAT on training: exempt for a provider with a declaration of activity (CGI art. 261-4-4° a), or the standard 20 % (CGI art. 278). */
export const VAT_RATES = [0, 20] as const;

export class GrantAdvanceDto {
  /** For the SME rates of CCP R2191-7. */
  @IsIn(BUYER_CATEGORIES)
  buyerCategory!: BuyerCategory;

  /** The holder is a small or medium-sized enterprise (R2151-13). */
  @IsBoolean()
  providerIsSme!: boolean;

  /** The rate the contract sets, at least the minimum when the advance is mandatory (422 ADVANCE_RATE_BELOW_MINIMUM). */
  @IsDecimal(2)
  @Min(0.01)
  @Max(100)
  ratePercent!: number;

  @IsIn(VAT_RATES)
  vatRatePercent!: number;
}

export class SetRetentionDto {
  /** At most 5 % (CCP R2191-32; 422 RETENTION_ABOVE_MAXIMUM). */
  @IsDecimal(2)
  @Min(0.01)
  @Max(100)
  retentionPercent!: number;

  /** The term of the guarantee, from which the retention is released. */
  @IsCalendarDate()
  releaseOn!: string;
}

export const PAYMENT_DEADLINE_WARNING_KINDS: readonly PaymentDeadlineWarningKind[] = ['APPROACHING', 'PASSED'];

/** The inbox of payment deadlines, for one contract or all, of one kind of warning or both. */
export class PaymentDeadlinesQueryDto {
  @IsOptional()
  @IsUUID()
  contractId?: string;

  @IsOptional()
  @IsIn(PAYMENT_DEADLINE_WARNING_KINDS)
  kind?: PaymentDeadlineWarningKind;
}
