import { IsCalendarDate, IsNotBefore } from '../../procurement/dto/validators';

export class IssueServiceStatementDto {
  /** First day of the period stated. */
  @IsCalendarDate()
  periodStart!: string;

  /** Last day of the period stated (included). */
  @IsCalendarDate()
  @IsNotBefore('periodStart')
  periodEnd!: string;
}
