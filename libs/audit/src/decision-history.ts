import { LabourMarketEvent, PurchaseDeclarationEvent } from '@app/coordination';
import { RecordedEvent, Role } from '@app/event-store';
import { DeliveryEvent, EvaluationEvent, LotPlacedUnderEvaluation, PaymentEvent, ProcurementEvent, ProgrammeEvent } from '@app/procurement';
import { SameTypes } from '@app/shared/same-types';
import { AMENDMENT_EXPLAIN } from './decision-history/amendment.explain';
import { ATTENDANCE_EXPLAIN } from './decision-history/attendance.explain';
import { CLAUSE_EXPLAIN } from './decision-history/clause.explain';
import { CO_FINANCING_EXPLAIN } from './decision-history/co-financing.explain';
import { COMPENSATION_CLAIM_EXPLAIN } from './decision-history/compensation-claim.explain';
import { CONTRACT_EXPLAIN } from './decision-history/contract.explain';
import { DATE_SHIFT_EXPLAIN } from './decision-history/date-shift.explain';
import { DELIVERY_EXPLAIN } from './decision-history/delivery.explain';
import { EVALUATION_EXPLAIN } from './decision-history/evaluation.explain';
import type { DecisionGrounds } from './decision-history/decision-grounds';
import { byItsType, Explanation, FacetExplain } from './decision-history/facet-explain';
import { LABOUR_MARKET_EXPLAIN } from './decision-history/labour-market.explain';
import { LOT_EXPLAIN } from './decision-history/lot.explain';
import { ORDER_EXPLAIN } from './decision-history/order.explain';
import { PAYMENT_EXPLAIN } from './decision-history/payment.explain';
import { PRICE_REVISION_EXPLAIN } from './decision-history/price-revision.explain';
import { PROGRAMME_EXPLAIN } from './decision-history/programme.explain';
import { PROPOSAL_EXPLAIN } from './decision-history/proposal.explain';
import { PURCHASE_DECLARATION_EXPLAIN } from './decision-history/purchase-declaration.explain';
import { QUALIOPI_EXPIRY_EXPLAIN } from './decision-history/qualiopi-expiry.explain';

export type { DecisionGrounds };

/** Where an event sits in the log. */
export interface EventReference {
  eventId: string;
  streamId: string;
  revision: number;
  position: number;
  type: string;
}

/** One recorded decision, in the words an auditor reads. */
export interface Decision {
  position: number;
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  /** Business time of the decision (from the command), and when the store recorded it. */
  occurredAt: string;
  recordedAt: string;
  tenant: string;
  actor: { id: string; role: Role };
  what: string;
  why: DecisionGrounds;
  causation: {
    commandId: string;
    correlationId: string;
    causationId: string;
    /** The earlier event whose id is the causation id, when the decision was caused by an event. */
    causedByEvent?: EventReference;
  };
}

/** Finds an event by id (for causation chains); undefined when no event has that id. */
export type EventLookup = (eventId: string) => EventReference | undefined;

export function referenceOf(event: RecordedEvent): EventReference {
  return { eventId: event.id, streamId: event.streamId, revision: event.revision, position: event.position, type: event.type };
}

/** A recorded event as a decision: who, when, what, why, and what led to it. */
export function decisionOf(event: RecordedEvent, lookup: EventLookup = () => undefined): Decision {
  const { metadata } = event;
  const causedBy = lookup(metadata.causationId);
  const [what, why] = explain(event);
  return {
    position: event.position,
    streamId: event.streamId,
    revision: event.revision,
    eventId: event.id,
    type: event.type,
    occurredAt: metadata.occurredAt,
    recordedAt: event.recordedAt,
    tenant: metadata.tenant,
    actor: { id: metadata.actorId, role: metadata.role },
    what,
    why,
    causation: {
      commandId: metadata.commandId,
      correlationId: metadata.correlationId,
      causationId: metadata.causationId,
      ...(causedBy ? { causedByEvent: causedBy } : {}),
    },
  };
}

/** Filters of the tenant-wide decision list. Periods are on business time: from included, to excluded. */
export interface DecisionFilter {
  tenant: string;
  actorId?: string;
  types?: string[];
  from?: string;
  to?: string;
}

export function matches(event: RecordedEvent, filter: DecisionFilter): boolean {
  const { metadata } = event;
  if (metadata.tenant !== filter.tenant) return false;
  if (filter.actorId !== undefined && metadata.actorId !== filter.actorId) return false;
  if (filter.types !== undefined && !filter.types.includes(event.type)) return false;
  const at = Date.parse(metadata.occurredAt);
  if (filter.from !== undefined && at < Date.parse(filter.from)) return false;
  if (filter.to !== undefined && at >= Date.parse(filter.to)) return false;
  return true;
}

/** The events the history has a sentence for; any other reads as its type in words (byItsType). */
type Explained =
  | ProcurementEvent
  | DeliveryEvent
  | PaymentEvent
  | PurchaseDeclarationEvent
  | LabourMarketEvent
  | ProgrammeEvent
  | EvaluationEvent
  | LotPlacedUnderEvaluation;

/**
 * The sentence and grounds of each kind of decision, the facets' tables merged (decision-history/<facet>.explain.ts):
 * an event type of the union without its sentence fails to compile, and so does a table of a type outside it.
 */
const EXPLAIN = {
  ...CONTRACT_EXPLAIN,
  ...LOT_EXPLAIN,
  ...QUALIOPI_EXPIRY_EXPLAIN,
  ...CLAUSE_EXPLAIN,
  ...ORDER_EXPLAIN,
  ...AMENDMENT_EXPLAIN,
  ...COMPENSATION_CLAIM_EXPLAIN,
  ...PRICE_REVISION_EXPLAIN,
  ...PROPOSAL_EXPLAIN,
  ...CO_FINANCING_EXPLAIN,
  ...DATE_SHIFT_EXPLAIN,
  ...PURCHASE_DECLARATION_EXPLAIN,
  ...LABOUR_MARKET_EXPLAIN,
  ...DELIVERY_EXPLAIN,
  ...ATTENDANCE_EXPLAIN,
  ...PAYMENT_EXPLAIN,
  ...PROGRAMME_EXPLAIN,
  ...EVALUATION_EXPLAIN,
} satisfies FacetExplain<Explained>;
const _everyTypeExplained: SameTypes<keyof typeof EXPLAIN, Explained['type']> = true;

/** The sentence and grounds of a recorded decision, by its type's table (own keys only: a type is any string). */
function explain(recorded: RecordedEvent): Explanation {
  if (!Object.hasOwn(EXPLAIN, recorded.type)) return byItsType(recorded);
  const explainType = EXPLAIN[recorded.type as Explained['type']] as (event: Explained, recorded: RecordedEvent) => Explanation;
  return explainType({ type: recorded.type, data: recorded.data } as Explained, recorded);
}
