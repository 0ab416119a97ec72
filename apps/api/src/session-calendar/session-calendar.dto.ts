import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { IsCalendarDate, IsNotBefore } from '../procurement/dto/validators';

/** A territory code as lots state them (département, commune INSEE code, …). */
const TERRITORY = /^[A-Za-z0-9]{1,10}$/;

export class CalendarQuery {
  @IsOptional()
  @Matches(TERRITORY, { message: 'territory must be 1 to 10 letters or digits' })
  territory?: string;

  /** Sessions ending on or after this day. */
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  /** Sessions starting on or before this day. */
  @IsOptional()
  @IsCalendarDate()
  @IsNotBefore('from')
  to?: string;
}

export class IcsQuery {
  @Matches(TERRITORY, { message: 'territory must be 1 to 10 letters or digits' })
  territory!: string;
}

const STATUSES = ['PENDING', 'ACCEPTED', 'DECLINED'] as const;

export class DateShiftRequestsQuery {
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];

  @IsOptional()
  @IsUUID()
  contractId?: string;
}
