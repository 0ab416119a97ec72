import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { handleCommand, idFromName, RuleViolation } from '@app/shared';
import { DeliveryTerms } from '../domain/delivery/delivery-terms';
import { DELIVERY_RULES } from '../domain/delivery/delivery.rule-codes';
import { OutcomeObservation, RecordTraineeOutcomesCommand } from '../domain/delivery/delivery.commands';
import { deliveryDecider, deliveryStream } from '../domain/delivery/delivery.decider';
import { DeliveryState, evolveDelivery } from '../domain/delivery/delivery.state';
import { CommandMeta } from '../domain/terms/command-meta';
import { deliveryOf } from './get-referrals.query';
import { metaOf, orderDeliveryTerms, principalOf } from './order-delivery-terms';
import { OutcomesAnswer, RecordTraineeOutcomes } from './record-trainee-outcomes.command';
import { checkTraineeIdIssued } from './trainee-ids';

/** A line the domain refused, by its place in the request (0-based). */
interface LineRefusal {
  line: number;
  orderId: string;
  code: string;
  message: string;
  details: Record<string, unknown>;
}

/**
 * Records outcomes on the delivery stream of each order they concern, where the trainee's exit is known. Every
 * line is decided first, in order, on the state the lines before it leave (as the import would write them): if
 * any is refused, the answer lists every refused line (422 OUTCOME_LINES_REFUSED) and nothing is written.
 * Then one command per order writes its lines, named after the request's command and the order, so the same
 * request again writes nothing.
 */
@CommandHandler(RecordTraineeOutcomes)
export class RecordTraineeOutcomesHandler implements ICommandHandler<RecordTraineeOutcomes> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ contractId, lines, context }: RecordTraineeOutcomes): Promise<OutcomesAnswer> {
    const meta = metaOf(context);
    const orders = new Map<string, { terms: DeliveryTerms; state: DeliveryState; outcomes: OutcomeObservation[] }>();
    const refusals: LineRefusal[] = [];
    for (const [index, { orderId, ...observation }] of lines.entries()) {
      let order = orders.get(orderId);
      if (!order) {
        // An order the caller may not see (another tenant's, a lot another provider performs) answers 404.
        const terms = await orderDeliveryTerms(this.store, contractId, orderId, principalOf(context));
        order = { terms, state: (await deliveryOf(this.store, orderId)).delivery, outcomes: [] };
        orders.set(orderId, order);
      }
      try {
        checkTraineeIdIssued(observation.traineeId, order.state);
        const decided = deliveryDecider.decide(command(meta, order.terms, [observation]), order.state);
        order.state = decided.reduce(evolveDelivery, order.state);
        order.outcomes.push(observation);
      } catch (error) {
        if (!(error instanceof RuleViolation)) throw error;
        refusals.push({ line: index, orderId, code: error.code, message: error.message, details: error.details ?? {} });
      }
    }
    if (refusals.length > 0) {
      throw new RuleViolation('OUTCOME_LINES_REFUSED', `${refusals.length} of ${lines.length} outcome lines are refused; nothing was recorded`, DELIVERY_RULES.OUTCOME_LINES_REFUSED, {
        refused: refusals,
      });
    }
    const answer: OutcomesAnswer = { contractId, orders: [], recorded: 0 };
    for (const [orderId, { terms, outcomes }] of orders) {
      const commandId = orders.size === 1 ? context.commandId : idFromName('outcomes', context.commandId, orderId);
      const result = await handleCommand(this.store, deliveryDecider, deliveryStream(orderId), command(meta, terms, outcomes), { ...context, commandId }, { retryOnConflict: true });
      answer.orders.push({ orderId, revision: result.revision, events: result.events.map((event) => ({ id: event.id, type: event.type })), replayed: result.replayed });
      answer.recorded += result.events.length;
    }
    return answer;
  }
}

function command(meta: CommandMeta, terms: DeliveryTerms, outcomes: OutcomeObservation[]): RecordTraineeOutcomesCommand {
  return { type: 'RecordTraineeOutcomes', meta, terms, data: { outcomes } };
}
