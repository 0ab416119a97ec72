import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEventStore, EventData } from '@app/event-store';
import { contractStream, DeliveryEvent, deliveredQuantity, deliveryStream, evolveDelivery, initialDeliveryState, ProcurementEvent } from '@app/procurement';
import { activeContract, CONTRACT_ID, issueOrder, PATHWAY_LOT, recorded, TENANT } from '@app/procurement/domain/testing/fixtures';
import { traineeCompleted, traineeEntered } from '@app/procurement/domain/testing/delivery-fixtures';
import { NotFoundError } from '@app/shared';
import { LotSeriesReader } from './lot-series';

/**
 * A lot buying trainee hours and subscription months, and pathways: the delivered units of its series count as
 * service statements count them — a day or month reported again replaces the earlier figure, a trainee
 * completes once — so the last point equals deliveredQuantity over the whole delivery.
 */
describe('lot series (embedded store)', () => {
  let folder: string;
  let store: EmbeddedEventStore;
  const ORDER = 'order-hours-and-months';
  const ALL_TIME = { periodStart: '0000-01-01', periodEnd: '9999-12-31' };
  let minute = 0;
  const metadata = () => {
    minute += 1;
    const commandId = randomUUID();
    const occurredAt = new Date(Date.UTC(2026, 1, 1) + minute * 60_000).toISOString();
    return { actorId: 'someone', role: 'buyer' as const, tenant: TENANT, commandId, correlationId: commandId, causationId: commandId, occurredAt, schemaVersion: 1 };
  };
  const toAppend = (event: ProcurementEvent | DeliveryEvent) => ({ id: randomUUID(), type: event.type, data: event.data as unknown as EventData, metadata: metadata() });
  const of = { contractId: CONTRACT_ID, orderId: ORDER };
  const delivery: DeliveryEvent[] = [
    traineeEntered('trainee-11111111', '2026-03-09'),
    { type: 'HoursDelivered', data: { ...of, traineeId: 'trainee-11111111', date: '2026-03-09', hours: 7 } },
    { type: 'HoursDelivered', data: { ...of, date: '2026-03-10', hours: 4 } },
    // The 9 March corrected: 6 hours, not 7.
    { type: 'HoursDelivered', data: { ...of, traineeId: 'trainee-11111111', date: '2026-03-09', hours: 6 } },
    { type: 'SubscriptionMonthsDelivered', data: { ...of, month: '2026-03', count: 3 } },
    { type: 'SubscriptionMonthsDelivered', data: { ...of, month: '2026-03', count: 2 } },
    { type: 'SubscriptionMonthsDelivered', data: { ...of, month: '2026-04', count: 5 } },
    traineeCompleted('trainee-11111111', '2026-06-26'),
    traineeCompleted('trainee-11111111', '2026-06-26'),
  ].map((event) => ({ ...event, data: { ...event.data, orderId: ORDER } }) as DeliveryEvent);

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'lot-series-'));
    store = EmbeddedEventStore.open({ file: join(folder, 'events.db') });
    const units = (type: 'PATHWAY' | 'TRAINEE_HOUR' | 'SUBSCRIPTION') => ({ type, unitPriceCents: 1_000, initialQuantity: 100, minQuantity: 0, maxQuantity: 500 });
    const history = recorded(
      activeContract({ pathwayLot: { workUnits: [units('PATHWAY'), units('TRAINEE_HOUR'), units('SUBSCRIPTION')] } }),
      issueOrder(ORDER, PATHWAY_LOT, { lines: [{ unitType: 'PATHWAY', quantity: 2 }, { unitType: 'TRAINEE_HOUR', quantity: 100 }, { unitType: 'SUBSCRIPTION', quantity: 12 }] }),
    );
    await store.appendToStream(contractStream(CONTRACT_ID), history.map(toAppend), { expectedRevision: 'no_stream' });
    for (const event of delivery) await store.appendToStream(deliveryStream(ORDER), [toAppend(event)], { expectedRevision: 'any' });
  });
  afterAll(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('ends on the quantities a service statement over the whole delivery counts, for every unit', async () => {
    const series = await new LotSeriesReader(store).of(CONTRACT_ID, PATHWAY_LOT, TENANT);
    const state = delivery.reduce(evolveDelivery, initialDeliveryState());
    const last = Object.fromEntries(series.units.map((unit) => [unit.unitType, unit.points[unit.points.length - 1]]));
    expect(Object.keys(last).sort()).toEqual(['PATHWAY', 'SUBSCRIPTION', 'TRAINEE_HOUR']);
    for (const unitType of ['PATHWAY', 'TRAINEE_HOUR', 'SUBSCRIPTION'] as const) {
      expect({ unitType, delivered: last[unitType].delivered }).toEqual({ unitType, delivered: deliveredQuantity(state, unitType, ALL_TIME) });
    }
    expect(last.TRAINEE_HOUR).toMatchObject({ ordered: 100, delivered: 10, maximum: 500 });
    expect(last.SUBSCRIPTION.delivered).toBe(7);
    expect(last.PATHWAY.delivered).toBe(1);
  });

  it('adds a point only when a figure moved, in the order of the log', async () => {
    const series = await new LotSeriesReader(store).of(CONTRACT_ID, PATHWAY_LOT, TENANT);
    const hours = series.units.find((unit) => unit.unitType === 'TRAINEE_HOUR')!.points;
    expect(hours.map((point) => [point.eventType, point.ordered, point.delivered])).toEqual([
      ['LotDefined', 0, 0],
      ['OrderIssued', 100, 0],
      ['HoursDelivered', 100, 7],
      ['HoursDelivered', 100, 11],
      ['HoursDelivered', 100, 10],
    ]);
    const positions = hours.map((point) => point.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('answers a lot the contract does not have, or another tenant, as missing', async () => {
    const reader = new LotSeriesReader(store);
    await expect(reader.of(CONTRACT_ID, 'lot-9', TENANT)).rejects.toBeInstanceOf(NotFoundError);
    await expect(reader.of(CONTRACT_ID, PATHWAY_LOT, 'IDF')).rejects.toBeInstanceOf(NotFoundError);
  });
});
