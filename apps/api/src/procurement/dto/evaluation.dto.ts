import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ELIGIBILITY_FLAGS, EligibilityFlag } from '@app/procurement';
import { IsListOf, IsNested, IsReference } from './validators';

export class EvaluationParams {
  @IsReference()
  programmeId!: string;

  @IsReference()
  projectId!: string;
}

export class EligibilityDto {
  /** The criteria in words, as the protocol states them. */
  @IsString()
  @Length(1, 2000)
  criteria!: string;

  @IsArray()
  @ArrayMaxSize(ELIGIBILITY_FLAGS.length)
  @ArrayUnique()
  @IsIn(ELIGIBILITY_FLAGS, { each: true })
  requiredFlags!: EligibilityFlag[];

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsReference({ each: true })
  qualificationLevels?: string[];
}

export class ArmDto {
  @IsReference()
  name!: string;

  @IsInt()
  @Min(1)
  @Max(100)
  ratio!: number;

  @IsBoolean()
  receivesAction!: boolean;
}

export class StratificationFactorDto {
  @IsReference()
  factor!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsReference({ each: true })
  levels!: string[];
}

export class EvaluatedLotDto {
  @IsUUID()
  contractId!: string;

  @IsReference()
  lotId!: string;
}

export class DeclareExperimentalProjectDto {
  @IsNested(() => EligibilityDto)
  eligibility!: EligibilityDto;

  @IsListOf(() => ArmDto, { min: 2, max: 10 })
  arms!: ArmDto[];

  @IsListOf(() => StratificationFactorDto, { max: 4 })
  strata!: StratificationFactorDto[];

  /** SHA-256 of the secret seed, in lowercase hexadecimal; the seed itself is revealed at the draw only. */
  @Matches(/^[0-9a-f]{64}$/, { message: 'seedCommitment must be the SHA-256 of the seed in 64 lowercase hexadecimal digits' })
  seedCommitment!: string;

  /** The lots delivering the experimental action, attached to the project in the programme. */
  @IsListOf(() => EvaluatedLotDto, { max: 50 })
  lots!: EvaluatedLotDto[];
}

/** A candidate's level for one stratification factor of the protocol. */
export class StratumLevelDto {
  @IsReference()
  factor!: string;

  @IsReference()
  level!: string;
}

export class CandidateDto {
  /** The pseudonymous trainee id (POST /trainee-ids) the candidate will be entered with. */
  @Matches(/^[A-Za-z0-9_-]{8,64}$/, { message: 'candidateId must be a pseudonymous trainee id' })
  candidateId!: string;

  /** One level per factor of the protocol. */
  @IsArray()
  @ArrayMaxSize(4)
  @ArrayUnique((stratum: StratumLevelDto) => stratum?.factor)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => StratumLevelDto)
  strata!: StratumLevelDto[];

  @IsArray()
  @ArrayMaxSize(ELIGIBILITY_FLAGS.length)
  @ArrayUnique()
  @IsIn(ELIGIBILITY_FLAGS, { each: true })
  flags!: EligibilityFlag[];

  @IsOptional()
  @IsReference()
  qualificationLevel?: string;
}

export class RegisterCandidatesDto {
  @IsListOf(() => CandidateDto, { min: 1, max: 500 })
  candidates!: CandidateDto[];
}

export class DrawDto {
  /** The secret seed, revealed: it must hash to the commitment. */
  @IsString()
  @Length(16, 256)
  seed!: string;
}

export class CohortQuery {
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
