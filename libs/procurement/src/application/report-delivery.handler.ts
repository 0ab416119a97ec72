import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { CommandOptions, CommandResult, handleCommand, PersonalDataVault } from '@app/shared';
import { DeliveryReport, ReportDeliveryCommand } from '../domain/delivery/delivery.commands';
import { deliveryDecider, deliveryStream } from '../domain/delivery/delivery.decider';
import { DeliveryEvent } from '../domain/delivery/delivery.events';
import { metaOf, orderDeliveryTerms, principalOf } from './order-delivery-terms';
import { deliveryOf } from './get-referrals.query';
import { ReportDelivery } from './report-delivery.command';
import { checkTraineeIdIssued } from './trainee-ids';
import { checkEntryAgainstDraw } from './evaluation-entry';

/**
 * Checks a report against the order's terms as the contract's stream gives them, on the order's delivery
 * stream; the rules live in the delivery decider only.
 */
@CommandHandler(ReportDelivery)
export class ReportDeliveryHandler implements ICommandHandler<ReportDelivery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly vault: PersonalDataVault,
  ) {}

  async execute({ contractId, orderId, report, context, expectedRevision, personalData }: ReportDelivery): Promise<CommandResult<DeliveryEvent>> {
    const terms = await orderDeliveryTerms(this.store, contractId, orderId, principalOf(context));
    if ('traineeId' in report) checkTraineeIdIssued(report.traineeId, (await deliveryOf(this.store, orderId)).delivery);
    if (report.kind === 'TRAINEE_ENTERED') await checkEntryAgainstDraw(this.store, context.tenant, contractId, terms.lotId, report.traineeId);
    // Sealed once the caller may report on the order: the key is kept even if the decider then refuses.
    const data: DeliveryReport =
      report.kind === 'TRAINEE_ENTERED' && personalData.surveyContact !== undefined
        ? { ...report, surveyContact: await this.vault.seal(context.tenant, report.traineeId, 'surveyContact', personalData.surveyContact, context.occurredAt) }
        : report;
    const command: ReportDeliveryCommand = { type: 'ReportDelivery', meta: metaOf(context), terms, data };
    return handleCommand(this.store, deliveryDecider, deliveryStream(orderId), command, context, deliveryOptions(expectedRevision));
  }
}

/**
 * Reports of one order arrive concurrently (several trainers of a provider): a report that lost the race is
 * decided again once on the new state, unless the caller sent the revision it saw (If-Match).
 */
export function deliveryOptions(expectedRevision: number | undefined): CommandOptions {
  return expectedRevision === undefined ? { retryOnConflict: true } : { expectedRevision };
}
