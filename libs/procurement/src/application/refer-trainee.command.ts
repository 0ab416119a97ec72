import { Command } from '@nestjs/cqrs';
import { CommandContext } from '@app/shared';
import { TraineePublics } from '../domain/delivery/delivery.events';
import { ReferralView } from './get-referrals.query';

/** The answer to a referral: the command's result on the delivery stream, and the referral as it stands. */
export interface ReferralAnswer {
  revision: number;
  events: Array<{ id: string; type: string }>;
  replayed: boolean;
  referral: ReferralView;
}

/** A Pôle emploi adviser refers a job seeker (pseudonymous id) to a session of an order. */
export class ReferTrainee extends Command<ReferralAnswer> {
  constructor(
    readonly contractId: string,
    readonly orderId: string,
    readonly referralId: string,
    readonly traineeId: string,
    readonly sessionId: string,
    readonly publics: TraineePublics,
    readonly context: CommandContext,
    readonly expectedRevision?: number,
  ) {
    super();
  }
}
