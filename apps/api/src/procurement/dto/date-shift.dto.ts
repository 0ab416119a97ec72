import { IsString, Length } from 'class-validator';
import { IsCalendarDate, IsNotBefore, IsReference } from './validators';

export class RequestDateShiftDto {
  @IsCalendarDate()
  startDate!: string;

  @IsCalendarDate()
  @IsNotBefore('startDate')
  endDate!: string;

  /** Why the session should move, e.g. the recruitment season of a sector. */
  @IsString()
  @Length(3, 2000)
  reason!: string;
}

export class AcceptDateShiftDto {
  /** The calendar clause of the contract the move relies on. */
  @IsReference()
  clauseId!: string;
}

export class DeclineDateShiftDto {
  @IsString()
  @Length(3, 2000)
  reason!: string;
}
