import { IsString, MaxLength } from 'class-validator';
import { IsNested } from '../../procurement/dto/validators';
import { TraineePublicsDto } from './delivery-report.dto';

/** A job seeker referred to a session: a pseudonymous id (checked by the domain: 422 if it looks like a NIR). */
export class ReferTraineeDto {
  @IsString()
  @MaxLength(128)
  traineeId!: string;

  /** Priority publics of the job seeker, as the adviser knows them: all five are stated. */
  @IsNested(() => TraineePublicsDto)
  publics!: TraineePublicsDto;
}
