import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { FUNDERS, Funder, OBJECTIVE_INDICATORS, ObjectiveIndicator, SHARE_PUBLICS, SharePublic } from '@app/procurement';
import { DATE_TIME_WITH_ZONE } from './point-in-time.dto';
import { IsCalendarDate, IsCents, IsNotBefore, IsReference } from './validators';

export class ProgrammeIdParam {
  @IsReference()
  programmeId!: string;
}

export class DefineProgrammeDto {
  @IsReference()
  programmeId!: string;

  @IsString()
  @Length(1, 300)
  title!: string;

  @IsCalendarDate()
  startDate!: string;

  @IsCalendarDate()
  @IsNotBefore('startDate')
  endDate!: string;

  /** The Région's own spending on this training before the programme, over an equivalent period (the Pacte's reference level). */
  @IsCents()
  regionReferenceLevelCents!: number;
}

export class AddProjectDto {
  @IsReference()
  projectId!: string;

  @IsString()
  @Length(1, 300)
  title!: string;
}

export class AddFundingLineDto {
  @IsReference()
  fundingLineId!: string;

  @IsIn(FUNDERS)
  funder!: Funder;

  @IsString()
  @Length(1, 300)
  label!: string;

  @IsCents()
  amountCents!: number;

  @IsCalendarDate()
  startDate!: string;

  @IsCalendarDate()
  @IsNotBefore('startDate')
  endDate!: string;
}

export class SetObjectiveDto {
  @IsReference()
  objectiveId!: string;

  @IsReference()
  projectId!: string;

  @IsIn(OBJECTIVE_INDICATORS)
  indicator!: ObjectiveIndicator;

  @IsInt()
  @Min(1)
  @Max(100_000_000_000_000)
  targetValue!: number;

  @IsCalendarDate()
  targetDate!: string;
}

/** The share of a public the programme aims at among its trainees, from a day on. */
export class SetTargetShareDto {
  @IsIn(SHARE_PUBLICS, { message: `$property must be one of ${SHARE_PUBLICS.join(', ')}` })
  targetPublic!: SharePublic;

  /** In percent of the trainees entered, above 0 and up to 100, to the hundredth of a point. */
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(100)
  percent!: number;

  @IsCalendarDate()
  validFrom!: string;
}

export class AttachLotDto {
  @IsReference()
  projectId!: string;

  @IsUUID()
  contractId!: string;

  @IsReference()
  lotId!: string;

  @IsReference()
  fundingLineId!: string;
}

/** `?asOf=`: the figures as they stood at that moment (now when absent). */
export class AsOfQuery {
  @ApiPropertyOptional({ description: 'Figures as of this moment (business time of the decisions)', example: '2026-03-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'asOf must be an ISO 8601 date and time, e.g. 2026-03-01T00:00:00Z' })
  @Matches(DATE_TIME_WITH_ZONE, { message: 'asOf must give the time and its zone, e.g. 2026-03-01T00:00:00Z' })
  asOf?: string;
}
