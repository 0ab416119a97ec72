import { Logger } from '@nestjs/common';
import { EventStore, EventSubscription, RecordedEvent } from '@app/event-store';
import { Projection } from './projection';
import { ReadModelDatabase } from './sqlite/read-model-database';

/** Events per catch-up transaction: buffered read-model rows are written once per page. */
const CATCH_UP_PAGE = 2000;

/**
 * Applies the global log to read models, one event at a time and in order, saving the checkpoint in the same
 * transaction as the read-model writes. An event at or before the checkpoint is skipped, so replays and
 * several projector processes on one file are harmless.
 */
export class Projector {
  private readonly logger = new Logger(Projector.name);
  /** The projections of each event type, in their order: most events concern two or three of them. */
  private readonly projectionsOf = new Map<string, Projection[]>();
  private subscription?: EventSubscription;
  private following?: Promise<void>;
  /** Why the live projection stopped, if it did. */
  failure?: Error;

  constructor(
    private readonly store: EventStore,
    readonly database: ReadModelDatabase,
    projections: readonly Projection[],
    private readonly pageSize = CATCH_UP_PAGE,
  ) {
    for (const projection of projections) {
      for (const type of projection.handles) this.projectionsOf.set(type, [...(this.projectionsOf.get(type) ?? []), projection]);
    }
  }

  /** Applies everything after the checkpoint, in large transactions; used by rebuilds and at start. */
  async catchUp(onProgress?: (applied: number, position: number) => void): Promise<number> {
    let applied = 0;
    for (;;) {
      const page = await this.store.replayAll({ afterPosition: this.database.checkpoint(), maxCount: this.pageSize });
      if (page.length === 0) return applied;
      this.applyAll(page);
      applied += page.length;
      onProgress?.(applied, page[page.length - 1].position);
    }
  }

  /** Follows the log live (after a catch-up) until stopped. */
  start(): void {
    this.subscription = this.store.subscribeToAll({ fromPosition: this.database.checkpoint() || 'start' });
    const subscription = this.subscription;
    this.following = (async () => {
      try {
        for await (const event of subscription) this.applyAll([event]);
      } catch (error) {
        // The checkpoint did not move past the failing event: a restart resumes from there.
        this.failure = error as Error;
        this.logger.error(`Read models stopped at position ${this.database.checkpoint()}: ${this.failure.message}`);
      }
    })();
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    await this.following?.catch(() => undefined);
  }

  private applyAll(events: RecordedEvent[]): void {
    const last = events[events.length - 1].position;
    this.database.commit(last, () => {
      const checkpoint = this.database.checkpoint();
      for (const event of events) {
        if (event.position <= checkpoint) continue;
        for (const projection of this.projectionsOf.get(event.type) ?? []) projection.apply(this.database.db, event);
      }
    });
  }
}
