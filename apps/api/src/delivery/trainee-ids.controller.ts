import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { deriveTraineeId, issueTraineeId } from '@app/procurement';
import { CurrentPrincipal, Environment, Principal, Roles } from '@app/shared';

export class IssueTraineeIdDto {
  /** The caller's own reference of the trainee (a file number…): the same one always gives the same id; never stored. */
  @IsOptional()
  @IsString()
  @Length(1, 128)
  reference?: string;
}

/**
 * Trainee ids: pseudonyms issued by the product, the only ids deliveries and referrals accept for a new trainee.
 * Nothing is recorded: an id is random, or derived from the caller's reference with a key the log never holds.
 */
@ApiTags('deliveries')
@ApiBearerAuth()
@Controller('trainee-ids')
export class TraineeIdsController {
  private readonly key: string;

  constructor(config: ConfigService<Environment, true>) {
    this.key = config.get('TRAINEE_ID_KEY', { infer: true });
  }

  @Roles('provider', 'pole_emploi')
  @Post()
  @HttpCode(201)
  issue(@Body() body: IssueTraineeIdDto, @CurrentPrincipal() principal: Principal): { traineeId: string; derived: boolean } {
    if (body.reference === undefined) return { traineeId: issueTraineeId(), derived: false };
    const issuer = principal.providerId ?? principal.role;
    return { traineeId: deriveTraineeId(this.key, { tenant: principal.tenant, issuer }, body.reference), derived: true };
  }
}
