import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore, RecordedEvent } from '@app/event-store';
import { contractStream, deliveryStream } from '@app/procurement';
import { NotFoundError } from '@app/shared';
import { Decision, decisionOf, DecisionFilter, matches } from './decision-history';
import { EventIndex } from './event-index';

/** Which part of a contract to follow: the whole contract, or one lot, order or amendment of it. */
export interface AggregateFilter {
  lotId?: string;
  orderId?: string;
  amendmentId?: string;
}

export interface DecisionPage {
  decisions: Decision[];
  /** Pass as `cursor` to read on; null when the end of the log was reached. */
  nextCursor: number | null;
}

/** How many events one request examines at most, so a rare filter cannot hold a request for the whole log. */
const MAX_SCANNED = 20_000;
const PAGE = 1000;

/**
 * The decision history as auditors read it. Tenant-wide queries read the global log page by page from the
 * cursor and filter it in memory: simple and exact, fine at the size of a Région's log; a read model indexed
 * by actor, type and time is the next step when it grows.
 */
@Injectable()
export class DecisionLog {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly index: EventIndex,
  ) {}

  /** The decisions of a contract (or of one of its lots, orders or amendments), in decision order. */
  async ofContract(contractId: string, tenant: string, aggregate: AggregateFilter = {}): Promise<Decision[]> {
    const history = await this.store.readStream(contractStream(contractId));
    if (history.length === 0 || history[0].metadata.tenant !== tenant) throw new NotFoundError('Contract', contractId);
    const concerned = concernedEvents(history, aggregate);
    if (aggregate.orderId !== undefined) {
      if (!history.some((event) => event.type === 'OrderIssued' && event.data.orderId === aggregate.orderId)) {
        throw new NotFoundError('Order', aggregate.orderId);
      }
      concerned.push(...(await this.store.readStream(deliveryStream(aggregate.orderId))));
    }
    if (aggregate.amendmentId === undefined) concerned.push(...(await this.overlapsWith(contractId, aggregate)));
    concerned.sort((a, b) => a.position - b.position);
    const lookup = await this.index.lookupFor(tenant);
    return concerned.filter((event) => event.metadata.tenant === tenant).map((event) => decisionOf(event, lookup));
  }

  /** The overlaps of Pôle emploi purchases with the contract's orders (or one lot's or order's), and their resolutions. */
  private async overlapsWith(contractId: string, aggregate: AggregateFilter): Promise<RecordedEvent[]> {
    const found: RecordedEvent[] = [];
    for (const streamId of await this.index.declarationStreamsOverlapping(contractId)) {
      const concerning = new Set<string>();
      for (const event of await this.store.readStream(streamId)) {
        const data = event.data as { overlapId?: string; contractId?: string; lotId?: string; orderId?: string };
        if (event.type === 'PurchaseOverlapDetected') {
          if (data.contractId !== contractId) continue;
          if (aggregate.lotId !== undefined && data.lotId !== aggregate.lotId) continue;
          if (aggregate.orderId !== undefined && data.orderId !== aggregate.orderId) continue;
          concerning.add(data.overlapId ?? '');
          found.push(event);
        } else if (event.type === 'PurchaseOverlapResolved' && concerning.has(data.overlapId ?? '')) {
          found.push(event);
        }
      }
    }
    return found;
  }

  /** Decisions of the tenant matching the filter, after the cursor (a global position), up to `limit`. */
  async acrossTenant(filter: DecisionFilter, cursor: number, limit: number): Promise<DecisionPage> {
    const lookup = await this.index.lookupFor(filter.tenant);
    const decisions: Decision[] = [];
    let after = cursor;
    let scanned = 0;
    for (;;) {
      const page = await this.store.readAll({ afterPosition: after, maxCount: PAGE });
      for (const event of page) {
        after = event.position;
        scanned += 1;
        if (matches(event, filter)) decisions.push(decisionOf(event, lookup));
        if (decisions.length === limit) return { decisions, nextCursor: after };
      }
      if (page.length < PAGE) return { decisions, nextCursor: null };
      if (scanned >= MAX_SCANNED) return { decisions, nextCursor: after };
    }
  }
}

/**
 * The events of a contract's stream that concern one lot, order or amendment (all of them without a filter).
 * An order's decisions include its proposals; a lot's include its clauses, orders and amendments.
 */
function concernedEvents(history: RecordedEvent[], aggregate: AggregateFilter): RecordedEvent[] {
  if (aggregate.lotId === undefined && aggregate.orderId === undefined && aggregate.amendmentId === undefined) return [...history];
  const orderLot = new Map<string, string>();
  const proposalOrder = new Map<string, string>();
  const amendmentLot = new Map<string, string>();
  const found = history.filter((event) => {
    const data = event.data as Record<string, unknown> & { change?: { lotId?: string } };
    const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
    const orderId = text(data.orderId) ?? proposalOrder.get(text(data.proposalId) ?? '');
    const amendmentId = text(data.amendmentId);
    if (event.type === 'OrderIssued' && orderId) orderLot.set(orderId, text(data.lotId) ?? '');
    if (event.type === 'OrderAdjustmentProposed' && orderId) proposalOrder.set(text(data.proposalId) ?? '', orderId);
    if (amendmentId && data.change?.lotId) amendmentLot.set(amendmentId, data.change.lotId);
    const lotId = text(data.lotId) ?? (orderId ? orderLot.get(orderId) : undefined) ?? (amendmentId ? amendmentLot.get(amendmentId) : undefined);
    if (aggregate.orderId !== undefined && orderId !== aggregate.orderId) return false;
    if (aggregate.amendmentId !== undefined && amendmentId !== aggregate.amendmentId) return false;
    if (aggregate.lotId !== undefined && lotId !== aggregate.lotId) return false;
    return true;
  });
  return found;
}
