import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { handleCommand } from '@app/shared';
import { ReferTraineeCommand } from '../domain/delivery/delivery.commands';
import { deliveryDecider, deliveryStream } from '../domain/delivery/delivery.decider';
import { openReferralOf } from '../domain/delivery/delivery.state';
import { deliveryOf, referralView } from './get-referrals.query';
import { metaOf, orderDeliveryTerms, principalOf } from './order-delivery-terms';
import { ReferralAnswer, ReferTrainee } from './refer-trainee.command';
import { checkTraineeIdIssued } from './trainee-ids';
import { deliveryOptions } from './report-delivery.handler';

/**
 * Places a referral on the order's delivery stream, where the session's capacity, entries and waiting list
 * are known. Answers with the referral as it stands: the new one, or the open one it repeats.
 */
@CommandHandler(ReferTrainee)
export class ReferTraineeHandler implements ICommandHandler<ReferTrainee> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(request: ReferTrainee): Promise<ReferralAnswer> {
    const { contractId, orderId, referralId, traineeId, sessionId, publics, context, expectedRevision } = request;
    const terms = await orderDeliveryTerms(this.store, contractId, orderId, principalOf(context));
    checkTraineeIdIssued(traineeId, (await deliveryOf(this.store, orderId)).delivery);
    const command: ReferTraineeCommand = { type: 'ReferTrainee', meta: metaOf(context), terms, data: { referralId, traineeId, sessionId, publics } };
    const result = await handleCommand(this.store, deliveryDecider, deliveryStream(orderId), command, context, deliveryOptions(expectedRevision));
    const { delivery } = await deliveryOf(this.store, orderId);
    const referral = delivery.referrals[referralId] ?? openReferralOf(delivery, traineeId)!;
    return {
      revision: result.revision,
      events: result.events.map((event) => ({ id: event.id, type: event.type })),
      replayed: result.replayed,
      referral: referralView(referral),
    };
  }
}
