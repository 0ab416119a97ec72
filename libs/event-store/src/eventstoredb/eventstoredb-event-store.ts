import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
} from '@eventstore/db-client';
import {
  AppendOptions,
  AppendResult,
  EventStore,
  EventSubscription,
  EventToAppend,
  IntegrityReport,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../event-store.port';
import {
  toEsdbEvent,
  toEsdbExpectedRevision,
  toEsdbPosition,
  toPortPosition,
  toRecordedEvent,
  toWrongExpectedRevisionError,
} from './eventstoredb.mapping';

/** The production store: EventStoreDB / KurrentDB through its gRPC client. */
export class EventStoreDbEventStore implements EventStore {
  private constructor(private readonly client: EventStoreDBClient) {}

  /** e.g. `esdb://localhost:2113?tls=false`, or a cluster: `esdb://node1:2113,node2:2113,node3:2113`. */
  static connect(connectionString: string): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString));
  }

  async appendToStream(streamId: string, events: EventToAppend[], options: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new Error('An append needs at least one event');
    try {
      const result = await this.client.appendToStream(streamId, events.map(toEsdbEvent), {
        expectedRevision: toEsdbExpectedRevision(options.expectedRevision),
      });
      return { revision: Number(result.nextExpectedRevision), position: toPortPosition(result.position) };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) throw toWrongExpectedRevisionError(error);
      throw error;
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision === undefined ? (backwards ? END : START) : BigInt(options.fromRevision),
        ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
      });
      for await (const resolved of read) {
        const event = toRecordedEvent(resolved);
        if (event) events.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    // No maxCount for the server: system events are dropped here, so a page would come back short.
    const from = options.afterPosition ?? options.fromPosition;
    const read = this.client.readAll({
      direction: FORWARDS,
      fromPosition: from === undefined ? START : toEsdbPosition(from),
    });
    for await (const resolved of read) {
      if (events.length === options.maxCount) break;
      const event = toRecordedEvent(resolved);
      if (event && event.position === options.afterPosition) continue;
      // System events ($-prefixed) belong to the server, not to the product.
      if (event && !event.type.startsWith('$')) events.push(event);
    }
    return events;
  }

  /** The client hands data and metadata over parsed already: nothing to spare. */
  replayAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readAll(options);
  }

  subscribeToAll(options: SubscribeToAllOptions): EventSubscription {
    const subscription = this.client.subscribeToAll({
      fromPosition: options.fromPosition === 'start' ? START : toEsdbPosition(options.fromPosition),
      filter: excludeSystemEvents(),
    });
    async function* deliver(): AsyncGenerator<RecordedEvent> {
      for await (const resolved of subscription) {
        const event = toRecordedEvent(resolved);
        if (event) yield event;
      }
    }
    const iterator = deliver();
    return Object.assign(iterator, {
      close: async () => {
        await subscription.unsubscribe();
        await iterator.return(undefined);
      },
    });
  }

  /**
   * EventStoreDB keeps no hash chain; what can be checked from outside is that every stream's revisions are
   * contiguous and $all is strictly ordered.
   */
  async verifyIntegrity(onProgress?: (checked: number) => void): Promise<IntegrityReport> {
    const revisions = new Map<string, number>();
    let last = -1;
    let checked = 0;
    for await (const resolved of this.client.readAll({ fromPosition: START })) {
      const event = toRecordedEvent(resolved);
      if (!event || event.type.startsWith('$')) continue;
      const previous = revisions.get(event.streamId) ?? -1;
      if (event.position <= last || event.revision !== previous + 1) {
        return {
          ok: false,
          eventsChecked: checked,
          streamsChecked: revisions.size,
          firstFailure: {
            position: event.position,
            streamId: event.streamId,
            revision: event.revision,
            reason: 'stream revisions or global order are not contiguous',
          },
        };
      }
      revisions.set(event.streamId, event.revision);
      last = event.position;
      checked += 1;
      if (onProgress && checked % 10_000 === 0) onProgress(checked);
    }
    return { ok: true, eventsChecked: checked, streamsChecked: revisions.size };
  }

  async headPosition(): Promise<number> {
    for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: END })) {
      const event = toRecordedEvent(resolved);
      if (event && !event.type.startsWith('$')) return event.position;
    }
    return 0;
  }

  async ping(): Promise<void> {
    for await (const _ of this.client.readAll({ maxCount: 1, direction: BACKWARDS, fromPosition: END })) break;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}
