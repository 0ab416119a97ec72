import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore, LogFollower, RecordedEvent } from '@app/event-store';
import { EventReference, referenceOf } from './decision-history';

/**
 * Events by id, to follow causation chains (a causation id names the command or the event that led to a
 * decision). Kept in memory and brought up to date from the global log before each use, like the contract
 * directory; about a hundred bytes an event. A read model can take its place when the log outgrows memory.
 */
@Injectable()
export class EventIndex {
  private readonly events = new Map<string, EventReference & { tenant: string }>();
  /** Purchase-declaration streams by the contracts whose orders they overlap. */
  private readonly declarationStreams = new Map<string, Set<string>>();
  private readonly log: LogFollower;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.log = new LogFollower(store, (event) => this.index(event));
  }

  /** A lookup of the events of one tenant, current as of this call. */
  async lookupFor(tenant: string): Promise<(eventId: string) => EventReference | undefined> {
    await this.log.catchUp();
    return (eventId) => {
      const found = this.events.get(eventId);
      if (!found || found.tenant !== tenant) return undefined;
      const { tenant: _tenant, ...reference } = found;
      return reference;
    };
  }

  /** The purchase-declaration streams that recorded an overlap with an order of the contract, current as of this call. */
  async declarationStreamsOverlapping(contractId: string): Promise<string[]> {
    await this.log.catchUp();
    return [...(this.declarationStreams.get(contractId) ?? [])];
  }

  private index(event: RecordedEvent): void {
    this.events.set(event.id, { ...referenceOf(event), tenant: event.metadata.tenant });
    const contractId = event.type === 'PurchaseOverlapDetected' ? event.data.contractId : undefined;
    if (typeof contractId === 'string') {
      const streams = this.declarationStreams.get(contractId) ?? new Set<string>();
      this.declarationStreams.set(contractId, streams.add(event.streamId));
    }
  }
}
