import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { purchaseDeclarationDecider, purchaseDeclarationStream } from '@app/coordination';
import { pendingOverlaps, ReadModels } from '@app/projections';
import { Clock, CLOCK, handleCommand, idFromName } from '@app/shared';

/** How often the check looks for overlaps found in the read model and not recorded yet. */
const CHECK_EVERY_MS = 500;
const BATCH = 100;
/** The actor of the overlaps the worker records. */
export const OVERLAP_CHECK_ACTOR = 'purchase-overlap-check';

/**
 * Records the overlaps between Pôle emploi declarations and Région orders issued after them. The
 * purchase_coordination read model compares every pair in log order and keeps an overlap PENDING until its
 * PurchaseOverlapDetected event is projected, so a check lost with a process is found again at the next
 * start; the command is named after the overlap and the declaration's decider records an overlap once, so
 * checking again (or in two processes) records nothing twice.
 */
@Injectable()
export class PurchaseOverlapCheck implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PurchaseOverlapCheck.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  /** Overlaps this process sent and the decider found nothing new in: not sent again until a restart. */
  private readonly settled = new Set<string>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readModels: ReadModels,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.recordPending()
        .catch((error: Error) => {
          this.logger.error(`Purchase overlap check failed: ${error.message}`);
          return 0;
        })
        .finally(() => (this.running = undefined));
    }, CHECK_EVERY_MS);
    this.timer.unref();
  }

  /** Records the overlaps pending in the read model; returns how many it recorded. */
  async recordPending(): Promise<number> {
    let recorded = 0;
    for (const row of pendingOverlaps(this.readModels, BATCH)) {
      if (this.settled.has(row.overlap_id)) continue;
      const at = this.clock.now().toISOString();
      const commandId = idFromName('purchase-overlap-check', row.overlap_id);
      const result = await handleCommand(
        this.store,
        purchaseDeclarationDecider,
        purchaseDeclarationStream(row.declaration_id),
        { type: 'CheckRegionOrder', meta: { at, actorId: OVERLAP_CHECK_ACTOR, role: 'system' }, data: { regionOrder: row.region_order } },
        { actorId: OVERLAP_CHECK_ACTOR, role: 'system', tenant: row.tenant, commandId, correlationId: commandId, causationId: commandId, occurredAt: at },
        { retryOnConflict: true },
      );
      if (result.events.length > 0 && !result.replayed) recorded += 1;
      else this.settled.add(row.overlap_id);
    }
    return recorded;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
