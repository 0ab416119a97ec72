import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EVENT_STORE, EventStore } from '@app/event-store';
import {
  awardeeProviderIds,
  ContractDirectory,
  contractStream,
  loadContract,
  procurementDecider,
  registerFacts,
} from '@app/procurement';
import { Clock, CLOCK, Environment, handleCommand, idFromName } from '@app/shared';
import { ScheduledCheck, ScheduledCheckProvider } from '../scheduled-check';
import { QUALIOPI_EXPIRY_CHECK_EVERY_MS, QUALIOPI_EXPIRY_QUEUE } from './qualiopi-expiry-check.job';

const ACTOR = 'qualiopi-expiry-check';

export interface ExpiryCheckRun {
  contractsChecked: number;
  expiriesRecorded: number;
}

/**
 * Art. L6316-1 Code du travail: once a day (one repeatable job, whatever the number of workers), every provider
 * performing lots of an active contract whose certificate in the register has ended is recorded on that contract
 * (QualiopiCertificateExpired), which notifies the provider through its webhook and shows on the contract and in
 * its decision history for the buyer. A second run the same day records nothing: one expiry per certificate.
 */
@Injectable()
export class QualiopiExpiryCheck extends ScheduledCheckProvider<ExpiryCheckRun> {
  private readonly logger = new Logger(QualiopiExpiryCheck.name);
  protected readonly scheduled: ScheduledCheck<ExpiryCheckRun>;
  private readonly directory: ContractDirectory;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {
    super();
    this.directory = new ContractDirectory(store);
    this.scheduled = new ScheduledCheck({ queueName: QUALIOPI_EXPIRY_QUEUE, everyMs: QUALIOPI_EXPIRY_CHECK_EVERY_MS, schedulerId: 'daily', jobName: 'check', owner: QualiopiExpiryCheck.name, run: () => this.run() }, config, this.logger);
  }

  /** Records every certificate found ended today on the active contracts whose lots its provider performs. */
  async run(): Promise<ExpiryCheckRun> {
    const at = this.clock.now().toISOString();
    const today = at.slice(0, 10);
    let contractsChecked = 0;
    let expiriesRecorded = 0;
    for (const summary of await this.directory.everyContract()) {
      const { state } = await loadContract(this.store, summary.contractId);
      if (state.status !== 'ACTIVE') continue;
      contractsChecked += 1;
      const performing = [...new Set(Object.values(state.lots).flatMap((lot) => (lot.awardee ? awardeeProviderIds(lot.awardee) : [])))];
      for (const register of await registerFacts(this.store, state.tenant, performing)) {
        const certificate = register.certificate;
        // A provider awarded before the register was consulted may have none: nothing has ended.
        if (!certificate || today <= certificate.validUntil) continue;
        const recorded = state.qualiopiExpiries?.[register.providerId]?.certificate;
        if (recorded?.number === certificate.number && recorded.validUntil === certificate.validUntil) continue;
        // One command per certificate and contract: a run repeated (another worker, a retry) writes nothing new.
        const commandId = idFromName('qualiopi-expiry', summary.contractId, register.providerId, certificate.number, certificate.validUntil);
        const result = await handleCommand(
          this.store,
          procurementDecider,
          contractStream(summary.contractId),
          { type: 'RecordQualiopiExpiry', meta: { at, actorId: ACTOR }, data: { providerId: register.providerId, register } },
          { actorId: ACTOR, role: 'system', tenant: state.tenant, commandId, correlationId: commandId, causationId: commandId, occurredAt: at },
          { retryOnConflict: true },
        );
        if (result.events.length > 0 && !result.replayed) expiriesRecorded += 1;
      }
    }
    if (expiriesRecorded > 0) this.logger.log(`Qualiopi expiry check: ${expiriesRecorded} certificate(s) found ended on ${contractsChecked} active contract(s)`);
    return { contractsChecked, expiriesRecorded };
  }
}
