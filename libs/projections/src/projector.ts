import { Logger } from '@nestjs/common';
import { EventStore, EventSubscription, RecordedEvent } from '@app/event-store';
import { Projection } from './projection';
import { ReadModelDatabase } from './sqlite/read-model-database';

/** Events per catch-up transaction: buffered read-model rows are written once per page. */
const CATCH_UP_PAGE = 2000;
/** Events per catch-up transaction: a row many events change is written once per transaction, not once per page. */
const CATCH_UP_COMMIT = 50_000;
/** Most events applied in one transaction while following the log live (those already at hand). */
const LIVE_BATCH = 1000;

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
    private readonly eventsPerCommit = CATCH_UP_COMMIT,
  ) {
    for (const projection of projections) {
      for (const type of projection.handles) this.projectionsOf.set(type, [...(this.projectionsOf.get(type) ?? []), projection]);
    }
  }

  /**
   * Applies everything after the checkpoint, in large transactions; used by rebuilds and at start. `onProgress`
   * is told after each commit how many events are applied and the position committed.
   */
  async catchUp(onProgress?: (applied: number, position: number) => void): Promise<number> {
    let applied = 0;
    for (let done = false; !done; ) {
      let position: number | undefined;
      await this.database.commitAcross(async () => {
        for (let inTransaction = 0; inTransaction < this.eventsPerCommit; ) {
          const page = await this.store.replayAll({ afterPosition: position ?? this.database.checkpoint(), maxCount: this.pageSize });
          if (page.length === 0) {
            done = true;
            break;
          }
          this.applyEach(page);
          position = page[page.length - 1].position;
          inTransaction += page.length;
          applied += page.length;
        }
        return position;
      });
      if (position !== undefined) onProgress?.(applied, position);
    }
    return applied;
  }

  /** Follows the log live (after a catch-up) until stopped. */
  start(): void {
    this.subscription = this.store.subscribeToAll({ fromPosition: this.database.checkpoint() || 'start' });
    const subscription = this.subscription;
    this.following = (async () => {
      try {
        for await (const events of atHand(subscription, LIVE_BATCH)) this.applyAll(events);
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
    this.database.commit(last, () => this.applyEach(events));
  }

  /** Inside a transaction: applies the events after the checkpoint. */
  private applyEach(events: RecordedEvent[]): void {
    const checkpoint = this.database.checkpoint();
    for (const event of events) {
      if (event.position <= checkpoint) continue;
      for (const projection of this.projectionsOf.get(event.type) ?? []) projection.apply(this.database.db, event);
    }
  }
}

const LATER = Symbol('later');

/**
 * The events of a subscription in groups: each event with those already at hand behind it (the rest of the
 * page the store read, the appends of one group commit), up to `max`. Under load the projector then writes one
 * transaction for many events instead of one each; alone, an event waits one turn of the event loop.
 */
async function* atHand(events: AsyncIterable<RecordedEvent>, max: number): AsyncGenerator<RecordedEvent[]> {
  const iterator = events[Symbol.asyncIterator]();
  let next = iterator.next();
  for (;;) {
    const first = await next;
    if (first.done) return;
    const group = [first.value];
    next = iterator.next();
    while (group.length < max) {
      const result = await Promise.race([next, new Promise<typeof LATER>((resolve) => setImmediate(resolve, LATER))]);
      if (result === LATER) break;
      if (result.done) {
        yield group;
        return;
      }
      group.push(result.value);
      next = iterator.next();
    }
    yield group;
  }
}
