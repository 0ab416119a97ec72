import { Command } from '@nestjs/cqrs';
import { CommandContext } from '@app/shared';
import { OutcomeObservation } from '../domain/delivery/delivery.commands';

/** One outcome, for a trainee of one order of the contract. */
export type OutcomeLine = OutcomeObservation & { orderId: string };

export interface OutcomesAnswer {
  contractId: string;
  /** Per order: the revision of its delivery stream after the command and the events written. */
  orders: Array<{ orderId: string; revision: number; events: Array<{ id: string; type: string }>; replayed: boolean }>;
  /** Outcomes written; an outcome already recorded the same way is not written again. */
  recorded: number;
}

/**
 * Outcomes observed for trainees of a contract's orders: one (POST …/orders/:orderId/outcomes) or the lines of an
 * import. Every line is checked before anything is written: one line refused, none is recorded.
 */
export class RecordTraineeOutcomes extends Command<OutcomesAnswer> {
  constructor(
    readonly contractId: string,
    readonly lines: OutcomeLine[],
    readonly context: CommandContext,
  ) {
    super();
  }
}
