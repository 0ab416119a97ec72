import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore, RecordedEvent } from '@app/event-store';
import {
  contractFold,
  ContractState,
  contractStream,
  deliveryStream,
  unitsAddedBy,
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
  /** Units delivered so far, as service statements count them (UNITS_DELIVERED; PATHWAY: completed pathways). */
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
 * folded as the contract view folds it, and the units each report of the lot's orders delivered (UNITS_DELIVERED),
 * in the log's global order.
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
  const reported = new Map<string, number>();
  const delivered: Partial<Record<WorkUnitType, number>> = {};
  const series = new Map<WorkUnitType, SeriesPoint[]>();
  for (const event of events) {
    if (event.streamId.startsWith('delivery-')) {
      const units = unitsAddedBy(event, String(event.data.orderId), reported);
      if (units) delivered[units.unitType] = (delivered[units.unitType] ?? 0) + units.quantity;
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
