import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Job } from 'bullmq';
import { verifyChain } from '@app/audit';
import { ChainCheckpoints, EVENT_STORE, EventStore, IntegrityReport } from '@app/event-store';
import { Environment } from '@app/shared';
import { ScheduledCheck, ScheduledCheckProvider } from '../scheduled-check';
import { INTEGRITY_CHECK_EVERY_MS, INTEGRITY_QUEUE, IntegrityCheckJobData } from './integrity-check.job';

/**
 * Runs the integrity check hourly (one repeatable job, whatever the number of workers) and on demand.
 * A failed verification fails the job, so it shows in the queue's failed set with the first bad event.
 */
@Injectable()
export class IntegrityCheckProcessor extends ScheduledCheckProvider<IntegrityReport> {
  private readonly logger = new Logger(IntegrityCheckProcessor.name);
  protected readonly scheduled: ScheduledCheck<IntegrityReport>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    config: ConfigService<Environment, true>,
    @Optional() private readonly checkpoints?: ChainCheckpoints,
  ) {
    super();
    this.scheduled = new ScheduledCheck(
      { queueName: INTEGRITY_QUEUE, everyMs: INTEGRITY_CHECK_EVERY_MS, schedulerId: 'hourly', jobName: 'verify', owner: IntegrityCheckProcessor.name, run: (job) => this.process(job) },
      config,
      this.logger,
    );
  }

  async process(job: Job<IntegrityCheckJobData>): Promise<IntegrityReport> {
    // Progress is for display only: losing it (Redis restarted meanwhile) must not become an unhandled rejection.
    const report = await verifyChain(this.store, this.checkpoints?.check(), (checked) => void job.updateProgress(checked).catch(() => undefined));
    if (!report.ok) {
      const at = report.firstFailure;
      throw new Error(
        `Integrity check failed at position ${at?.position ?? '?'} (stream ${at?.streamId ?? '?'}, revision ${at?.revision ?? '?'}): ${at?.reason}`,
      );
    }
    this.logger.log(`Integrity verified: ${report.eventsChecked} events in ${report.streamsChecked} streams`);
    return report;
  }
}
