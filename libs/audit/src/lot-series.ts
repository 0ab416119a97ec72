import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore, RecordedEvent } from '@app/event-store';
import {
  contractFold,
  ContractState,
  contractStream,
  DeliveryEvent,
  DeliveryState,
  deliveryStream,
  evolveDelivery,
  hoursKey,
  initialDeliveryState,
  WORK_UNIT_TYPES,
  WorkUnitType,
} from '@app/procurement';
import { NotFoundError } from '@app/shared';

/** The ordered and delivered quantities of one work unit of a lot just after an event that moved one of them. */
export interface SeriesPoint {
  /** Business time of the event (its occurredAt). */
  at: string;
  position: number;
  eventType: string;
  /** Units ordered on the lot so far, adjustments included. */
  ordered: number;
  /** Units delivered so far, as service statements count them (PATHWAY: completed pathways). */
  delivered: number;
  /** The lot's maximum for the unit (moved by volume amendments in force). */
  maximum: number;
}

export interface UnitSeries {
  unitType: WorkUnitType;
  points: SeriesPoint[];
}

export interface LotSeries {
  contractId: string;
  lotId: string;
  title: string;
  units: UnitSeries[];
}

/**
 * Ordered against delivered units of a lot over time, from the events themselves: the contract's stream
 * folded as the contract view folds it, and the delivery streams of the lot's orders folded as the delivery
 * view does, in the log's global order.
 */
@Injectable()
export class LotSeriesReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async of(contractId: string, lotId: string, tenant: string): Promise<LotSeries> {
    const contractEvents = await this.store.readStream(contractStream(contractId));
    if (contractEvents.length === 0 || contractEvents[0].metadata.tenant !== tenant) throw new NotFoundError('Contract', contractId);
    const defined = contractEvents.find((event) => event.type === 'LotDefined' && event.data.lotId === lotId);
    if (!defined) throw new NotFoundError('Lot', lotId);
    const orderIds = contractEvents.filter((event) => event.type === 'OrderIssued' && event.data.lotId === lotId).map((event) => event.data.orderId as string);
    const deliveryEvents = (await Promise.all(orderIds.map((orderId) => this.store.readStream(deliveryStream(orderId))))).flat();
    const events = [...contractEvents, ...deliveryEvents].sort((a, b) => a.position - b.position);
    return { contractId, lotId, title: String(defined.data.title), units: seriesOf(events, lotId) };
  }
}

function seriesOf(events: RecordedEvent[], lotId: string): UnitSeries[] {
  let contract: ContractState = contractFold.initial();
  const deliveries = new Map<string, DeliveryState>();
  const delivered: Partial<Record<WorkUnitType, number>> = {};
  const series = new Map<WorkUnitType, SeriesPoint[]>();
  for (const event of events) {
    if (event.streamId.startsWith('delivery-')) {
      const orderId = String(event.data.orderId);
      const before = deliveries.get(orderId) ?? initialDeliveryState();
      const after = evolveDelivery(before, { type: event.type, data: event.data } as unknown as DeliveryEvent);
      deliveries.set(orderId, after);
      const change = deliveredChange(before, after, event);
      if (change) delivered[change.unitType] = (delivered[change.unitType] ?? 0) + change.quantity;
    } else {
      contract = contractFold.evolve(contract, event);
    }
    const lot = contract.status === 'EMPTY' ? undefined : contract.lots[lotId];
    if (!lot) continue;
    for (const unitType of WORK_UNIT_TYPES) {
      const terms = lot.workUnits[unitType];
      if (!terms) continue;
      const point = { ordered: lot.ordered[unitType] ?? 0, delivered: delivered[unitType] ?? 0, maximum: terms.maxQuantity };
      const points = series.get(unitType) ?? [];
      series.set(unitType, points);
      const last = points[points.length - 1];
      if (last && last.ordered === point.ordered && last.delivered === point.delivered && last.maximum === point.maximum) continue;
      points.push({ at: event.metadata.occurredAt, position: event.position, eventType: event.type, ...point });
    }
  }
  return [...series].map(([unitType, points]) => ({ unitType, points }));
}

/**
 * The units one delivery event adds (or, for a corrected day, takes away), counted as deliveredQuantity counts
 * them: a pathway when a trainee first completes, open days, hours and subscription months as last reported.
 */
function deliveredChange(before: DeliveryState, after: DeliveryState, event: RecordedEvent): { unitType: WorkUnitType; quantity: number } | undefined {
  const data = event.data as Record<string, string | number | undefined>;
  switch (event.type) {
    case 'TraineeCompleted': {
      const id = String(data.traineeId);
      const completedNow = before.trainees[id]?.completedOn === undefined && after.trainees[id]?.completedOn !== undefined;
      return completedNow ? { unitType: 'PATHWAY', quantity: 1 } : undefined;
    }
    case 'OpenDaysDelivered': {
      const date = String(data.date);
      return { unitType: 'OPEN_DAY', quantity: (after.openDays[date] ?? 0) - (before.openDays[date] ?? 0) };
    }
    case 'HoursDelivered': {
      const key = hoursKey(data.traineeId as string | undefined, String(data.date));
      return { unitType: 'TRAINEE_HOUR', quantity: (after.hours[key]?.hours ?? 0) - (before.hours[key]?.hours ?? 0) };
    }
    case 'SubscriptionMonthsDelivered': {
      const month = String(data.month);
      return { unitType: 'SUBSCRIPTION', quantity: (after.subscriptionMonths[month] ?? 0) - (before.subscriptionMonths[month] ?? 0) };
    }
    default:
      return undefined;
  }
}
