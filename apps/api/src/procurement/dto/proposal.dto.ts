import { IsBoolean, IsInt, IsOptional, IsString, Length, Max, Min, ValidateIf } from 'class-validator';
import { IsDecimal, IsListOf } from './validators';

/** A yearly recruitment season: a session is proposed ahead of it on the orders of the lots it concerns. */
export class RecruitmentSeasonDto {
  /** Only this lot; omit (with domainCode) for every lot. */
  @IsOptional()
  @IsString()
  @Length(1, 100)
  lotId?: string;

  /** Only the lots of this training domain. */
  @IsOptional()
  @IsString()
  @Length(1, 32)
  domainCode?: string;

  @IsInt()
  @Min(1)
  @Max(12)
  startMonth!: number;

  /** A month before startMonth means the season runs into the next year. */
  @IsInt()
  @Min(1)
  @Max(12)
  endMonth!: number;

  @IsString()
  @Length(1, 200)
  label!: string;
}

export class AdjustmentPolicyDto {
  /** People waiting for a place from which more volume is proposed. */
  @IsInt()
  @Min(1)
  @Max(10_000)
  waitingListThreshold!: number;

  @IsInt()
  @Min(1)
  @Max(100)
  highFillRatePercent!: number;

  @IsInt()
  @Min(0)
  @Max(99)
  lowFillRatePercent!: number;

  /** Volume changes up to this percentage of the order approve themselves; omit to approve every one by hand. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  autoApprovalMaxPercent?: number;

  /** Recruitment tension from which a waiting list alone justifies more volume; omit to ignore labour-market signals. */
  @IsOptional()
  @IsDecimal(2)
  @Min(0)
  @Max(100)
  tensionIndexThreshold?: number;

  /** Units proposed beyond the waiting list under that rule, in percent of the waiting list. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  tensionExtraPercent?: number;
  /**
   * Remote switches of trainees at risk up to this many weeks approve themselves (the dropout clause bounds
   * them anyway); omit to approve every one by hand.
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(520)
  autoApprovalMaxRemoteWeeks?: number;

  /** Recruitment seasons before which one more session is proposed; omit for none. */
  @IsOptional()
  @IsListOf(() => RecruitmentSeasonDto, { max: 24 })
  recruitmentSeasons?: RecruitmentSeasonDto[];

  /** How many weeks before a season's start its session is proposed; required with recruitmentSeasons. */
  @ValidateIf((policy: AdjustmentPolicyDto) => policy.recruitmentSeasons !== undefined || policy.seasonLeadWeeks !== undefined)
  @IsInt()
  @Min(1)
  @Max(26)
  seasonLeadWeeks?: number;

  /** Sessions proposed before a recruitment season approve themselves; off when omitted. */
  @IsOptional()
  @IsBoolean()
  autoApprovePreSeasonSessions?: boolean;
}

export class RejectProposalDto {
  @IsString()
  @Length(3, 2000)
  reason!: string;
}
