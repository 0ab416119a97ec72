import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { dayOf, daysBetween, paymentsDecider, paymentsStream } from '@app/procurement';
import { paymentDeadlinesToWarn, ReadModels } from '@app/projections';
import { Clock, CLOCK, Environment, handleCommand, idFromName, RuleViolation } from '@app/shared';
import { ScheduledCheck, ScheduledCheckProvider } from '../scheduled-check';
import { PAYMENT_DEADLINE_CHECK_EVERY_MS, PAYMENT_DEADLINE_QUEUE } from './payment-deadline-check.job';

/** The actor of the warnings the worker records. */
export const PAYMENT_DEADLINE_CHECK_ACTOR = 'payment-deadline-check';

export interface PaymentDeadlineCheckRun {
  /** Requests the read model gave as due for a warning today. */
  requestsChecked: number;
  warningsRecorded: number;
}

/**
 * CCP R2192-10 and L2192-13: once a day (one job scheduler, whatever the number of workers), the buyer of every
 * tenant is warned of each payment request not paid in full whose deadline falls within
 * PAYMENT_DEADLINE_WARNING_DAYS, and again once the deadline has passed (interest then runs by right). The
 * candidates come from the payment_position read model, not from the log; each warning is a command on the
 * contract's payments stream, named after the request, its deadline and the kind of warning, so a run repeated
 * the same day, by another worker or after a restart writes nothing twice, and the decider refuses a warning
 * already given, not due, or of a period interrupted, whatever the read model said.
 */
@Injectable()
export class PaymentDeadlineCheck extends ScheduledCheckProvider<PaymentDeadlineCheckRun> {
  private readonly logger = new Logger(PaymentDeadlineCheck.name);
  protected readonly scheduled: ScheduledCheck<PaymentDeadlineCheckRun>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readModels: ReadModels,
    private readonly config: ConfigService<Environment, true>,
  ) {
    super();
    this.scheduled = new ScheduledCheck({ queueName: PAYMENT_DEADLINE_QUEUE, everyMs: PAYMENT_DEADLINE_CHECK_EVERY_MS, schedulerId: 'daily', jobName: 'check', owner: PaymentDeadlineCheck.name, run: () => this.run() }, config, this.logger);
  }

  /** Warns the buyers of every deadline within the window today, or passed, not warned of yet. */
  async run(): Promise<PaymentDeadlineCheckRun> {
    const at = this.clock.now().toISOString();
    const today = dayOf(at);
    const windowDays = this.config.get('PAYMENT_DEADLINE_WARNING_DAYS', { infer: true });
    const { rows } = paymentDeadlinesToWarn(this.readModels, today, windowDays);
    let warningsRecorded = 0;
    for (const row of rows) {
      const kind = daysBetween(today, row.due_on) < 0 ? 'PASSED' : 'APPROACHING';
      // One command per request, deadline and kind: the decider's own unit of "once".
      const commandId = idFromName('payment-deadline-warning', row.tenant, row.contract_id, row.request_id, row.due_on, kind);
      try {
        const result = await handleCommand(
          this.store,
          paymentsDecider,
          paymentsStream(row.tenant, row.contract_id),
          { type: 'WarnOfPaymentDeadline', meta: { at, actorId: PAYMENT_DEADLINE_CHECK_ACTOR }, data: { requestId: row.request_id, windowDays } },
          { actorId: PAYMENT_DEADLINE_CHECK_ACTOR, role: 'system', tenant: row.tenant, commandId, correlationId: commandId, causationId: commandId, occurredAt: at },
          { retryOnConflict: true },
        );
        if (result.events.length > 0 && !result.replayed) warningsRecorded += 1;
      } catch (error) {
        // The read model lagged behind the stream (paid, interrupted or warned meanwhile): nothing to warn of.
        if (!(error instanceof RuleViolation)) throw error;
      }
    }
    if (warningsRecorded > 0) this.logger.log(`Payment deadline check: ${warningsRecorded} warning(s) of ${rows.length} request(s) due on or before ${today} + ${windowDays} days`);
    return { requestsChecked: rows.length, warningsRecorded };
  }
}
