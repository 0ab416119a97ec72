import { Matches } from 'class-validator';
import { IsCalendarDate, IsReference } from './validators';

export class RevisePricesDto {
  /** The contract's price revision clause. */
  @IsReference()
  clauseId!: string;

  /** One of the clause's revision dates. */
  @IsCalendarDate()
  revisionDate!: string;
}

export class SeriesIdParam {
  @Matches(/^[A-Za-z0-9._-]{1,32}$/, { message: 'seriesId must be 1 to 32 letters, digits, . _ -' })
  seriesId!: string;
}
