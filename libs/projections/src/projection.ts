import type Database from 'better-sqlite3';
import type { LabourMarketEvent, PurchaseDeclarationEvent } from '@app/coordination';
import { RecordedEvent } from '@app/event-store';
import type { NotificationEvent, ProviderWebhookEvent } from '@app/notifications';
import type { DeliveryEvent, EvaluationEvent, PaymentEvent, PriceIndexEvent, ProcurementEvent, ProgrammeEvent, ProviderRegisterEvent } from '@app/procurement';

/** Every event type the product records: what a projection may declare it handles (a misspelt one does not compile). */
export type DomainEventType =
  | ProcurementEvent['type']
  | DeliveryEvent['type']
  | PaymentEvent['type']
  | ProgrammeEvent['type']
  | ProviderRegisterEvent['type']
  | PriceIndexEvent['type']
  | EvaluationEvent['type']
  | PurchaseDeclarationEvent['type']
  | LabourMarketEvent['type']
  | NotificationEvent['type']
  | ProviderWebhookEvent['type'];

/**
 * A read model built from the global log. `apply` runs inside the projector's transaction, with the
 * checkpoint, so an event takes effect exactly once; it must be deterministic and use only the event.
 * Tables that many events change are best kept through `buffered` (sqlite/buffered-table.ts): their rows are
 * changed in memory and written once per transaction, before the checkpoint.
 */
export interface Projection {
  /** Table-name prefix and identity of the read model. */
  readonly name: string;
  /** Raise it when the schema or the meaning of the tables change: a rebuild is then needed. */
  readonly version: number;
  /** The SQL creating its tables and indexes. */
  readonly schema: string;
  /** The event types it reads; others are skipped without touching its tables. */
  readonly handles: ReadonlySet<DomainEventType>;
  apply(db: Database.Database, event: RecordedEvent): void;
}

/** The data of a recorded event, typed as the domain event it is (the type was checked by `handles`). */
export function dataOf<Event extends { data: object }>(event: RecordedEvent): Event['data'] {
  return event.data as unknown as Event['data'];
}

/** The contract an event belongs to: its stream's for contract events, the one it names for delivery events. */
export function contractIdOf(event: RecordedEvent): string {
  return event.streamId.startsWith('contract-') ? event.streamId.slice('contract-'.length) : dataOf<{ data: { contractId: string } }>(event).contractId;
}
