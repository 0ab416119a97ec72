import {
  AppendOptions,
  AppendResult,
  EventStore,
  EventSubscription,
  EventToAppend,
  IntegrityAnchor,
  IntegrityReport,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../event-store.port';
import { Upcasters } from './upcasters';

/**
 * The store as every reader sees it: each event read (by stream, in global order, replayed or subscribed) comes
 * out in its current shape, through the upcasters. Applied here, around the port, rather than in each fold or
 * projection, so that no reader (deciders' folds, projections, verification, exports) can see an old shape or
 * forget to upcast one. The log itself is never rewritten: the hash chains are checked by the adapter on the
 * rows as stored (verifyIntegrity goes straight through), and what must leave as stored (the history export,
 * the raw event log, checkpoint signing) reads `eventsAsStored(store)`.
 */
export class UpcastingEventStore implements EventStore {
  constructor(
    readonly stored: EventStore,
    private readonly upcasters: Upcasters,
  ) {}

  appendToStream(stream: string, events: EventToAppend[], options: AppendOptions): Promise<AppendResult> {
    return this.stored.appendToStream(stream, events, options);
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.current(await this.stored.readStream(stream, options));
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.current(await this.stored.readAll(options));
  }

  async replayAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.current(await this.stored.replayAll(options));
  }

  subscribeToAll(options: SubscribeToAllOptions): EventSubscription {
    const subscription = this.stored.subscribeToAll(options);
    const upcasters = this.upcasters;
    return {
      close: () => subscription.close(),
      async *[Symbol.asyncIterator]() {
        for await (const event of subscription) yield upcasters.upcast(event);
      },
    };
  }

  headPosition(): Promise<number> {
    return this.stored.headPosition();
  }

  verifyIntegrity(onProgress?: (checked: number) => void, anchors?: IntegrityAnchor[]): Promise<IntegrityReport> {
    return this.stored.verifyIntegrity(onProgress, anchors);
  }

  ping(): Promise<void> {
    return this.stored.ping();
  }

  close(): Promise<void> {
    return this.stored.close();
  }

  private current(events: RecordedEvent[]): RecordedEvent[] {
    return events.map((event) => this.upcasters.upcast(event));
  }
}

/** The store whose reads come out in the current shape (the same store when it already does). */
export function withUpcasters(store: EventStore, upcasters: Upcasters): EventStore {
  return store instanceof UpcastingEventStore ? store : new UpcastingEventStore(store, upcasters);
}

/** The adapter under the upcasting: its events exactly as stored, for what must leave or be signed as stored. */
export function eventsAsStored(store: EventStore): EventStore {
  return store instanceof UpcastingEventStore ? store.stored : store;
}
