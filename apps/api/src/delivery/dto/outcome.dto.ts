import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { OUTCOME_HORIZONS, OUTCOME_SITUATIONS, OUTCOME_SOURCES, OutcomeHorizon, OutcomeSituation, OutcomeSource } from '@app/procurement';
import { IsCalendarDate, IsListOf, IsNested } from '../../procurement/dto/validators';
import { EmploymentContractDto } from './delivery-report.dto';

/** What became of a trainee, without its source: an import's lines are Pôle emploi's data by construction. */
export class OutcomeFieldsDto {
  /** A pseudonymous id (checked by the domain: 422 if it looks like a NIR, or was not issued). */
  @IsString()
  @MaxLength(128)
  traineeId!: string;

  @IsIn(OUTCOME_HORIZONS)
  horizonMonths!: OutcomeHorizon;

  @IsIn(OUTCOME_SITUATIONS)
  situation!: OutcomeSituation;

  /** When employed: the contract (a CDD with its duration in months). */
  @IsOptional()
  @IsNested(() => EmploymentContractDto)
  employment?: EmploymentContractDto;

  @IsCalendarDate()
  observedOn!: string;
}

/** One outcome recorded for a trainee of an order: by the buyer from a survey, Pôle emploi, or the provider's report. */
export class RecordOutcomeDto extends OutcomeFieldsDto {
  @IsIn(OUTCOME_SOURCES)
  source!: OutcomeSource;

  /** The trainee's answer to the survey's satisfaction question (source SURVEY only). */
  @IsOptional()
  @IsBoolean()
  satisfied?: boolean;
}

export class OutcomeImportLineDto extends OutcomeFieldsDto {
  @IsUUID()
  orderId!: string;
}

/** Pôle emploi's outcomes at 6 or 12 months for trainees of a contract, as JSON lines; every line is checked. */
export class ImportOutcomesDto {
  @IsListOf(() => OutcomeImportLineDto, { min: 1, max: 5_000 })
  lines!: OutcomeImportLineDto[];
}
