import { IsInt, IsNumber, IsOptional, IsString, Length, Max, Min } from 'class-validator';

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
  @IsNumber({ maxDecimalPlaces: 2 })
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
}

export class RejectProposalDto {
  @IsString()
  @Length(3, 2000)
  reason!: string;
}
