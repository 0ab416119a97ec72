import { ALICE, BAPTISTE, CHLOE, deliveryStateOf, ORDER_ID, sessionStarted, traineeCompleted, traineeEntered, traineeLeftEarly } from '../testing/delivery-fixtures';
import { CONTRACT_ID } from '../testing/fixtures';
import { WORK_UNIT_TYPES } from '../terms/procurement-terms';
import { DeliveryEvent } from './delivery.events';
import { DeliveredOnDay, unitsAddedBy, unitsDeliveredBy, unitsDeliveredIn } from './units-delivered';

const of = { contractId: CONTRACT_ID, orderId: ORDER_ID };
const openDays = (date: string, count: number): DeliveryEvent => ({ type: 'OpenDaysDelivered', data: { ...of, date, count } });
const hours = (traineeId: string | undefined, date: string, delivered: number): DeliveryEvent => ({
  type: 'HoursDelivered',
  data: { ...of, ...(traineeId === undefined ? {} : { traineeId }), date, hours: delivered },
});
const months = (month: string, count: number): DeliveryEvent => ({ type: 'SubscriptionMonthsDelivered', data: { ...of, month, count } });

const byDay = (deliveries: DeliveredOnDay[]) => [...deliveries].sort((a, b) => a.day.localeCompare(b.day) || a.quantity - b.quantity);

describe('the units delivered per work unit', () => {
  it('counts a pathway per completion, open days, hours and subscription months, each on its day', () => {
    expect(unitsDeliveredBy(traineeCompleted(ALICE, '2026-06-26'))).toMatchObject({ unitType: 'PATHWAY', day: '2026-06-26', quantity: 1 });
    expect(unitsDeliveredBy(openDays('2026-05-12', 3))).toMatchObject({ unitType: 'OPEN_DAY', day: '2026-05-12', quantity: 3 });
    expect(unitsDeliveredBy(hours(ALICE, '2026-05-12', 7))).toMatchObject({ unitType: 'TRAINEE_HOUR', day: '2026-05-12', quantity: 7 });
    // A month counts on its first day, so that statements over periods that do not overlap count it once.
    expect(unitsDeliveredBy(months('2026-05', 12))).toMatchObject({ unitType: 'SUBSCRIPTION', day: '2026-05-01', quantity: 12 });
  });

  it('counts nothing for the facts that deliver no unit: an entry, an early exit, a session started', () => {
    expect(unitsDeliveredBy(traineeEntered(ALICE, '2026-03-09'))).toBeUndefined();
    expect(unitsDeliveredBy(traineeLeftEarly(ALICE, '2026-04-01'))).toBeUndefined();
    expect(unitsDeliveredBy(sessionStarted('2026-03-09'))).toBeUndefined();
  });

  it('reads from an order’s delivery state the units its reports delivered, unit by unit', () => {
    const history = [
      sessionStarted('2026-03-09'),
      traineeEntered(ALICE, '2026-03-09'),
      traineeEntered(BAPTISTE, '2026-03-09'),
      traineeEntered(CHLOE, '2026-03-09'),
      hours(ALICE, '2026-03-10', 7),
      hours(BAPTISTE, '2026-03-10', 6),
      hours(undefined, '2026-03-11', 2),
      traineeLeftEarly(CHLOE, '2026-04-01'),
      traineeCompleted(ALICE, '2026-06-26'),
      traineeCompleted(BAPTISTE, '2026-06-27'),
      openDays('2026-05-12', 3),
      openDays('2026-05-13', 1),
      months('2026-05', 12),
      months('2026-06', 10),
    ];
    const state = deliveryStateOf(history);
    for (const unitType of WORK_UNIT_TYPES) {
      const reported = history.flatMap((event) => {
        const units = unitsDeliveredBy(event);
        return units?.unitType === unitType ? [{ day: units.day, quantity: units.quantity }] : [];
      });
      expect(byDay(unitsDeliveredIn(state, unitType))).toEqual(byDay(reported));
    }
    expect(byDay(unitsDeliveredIn(state, 'PATHWAY'))).toEqual([
      { day: '2026-06-26', quantity: 1 },
      { day: '2026-06-27', quantity: 1 },
    ]);
    expect(byDay(unitsDeliveredIn(state, 'SUBSCRIPTION'))).toEqual([
      { day: '2026-05-01', quantity: 12 },
      { day: '2026-06-01', quantity: 10 },
    ]);
  });

  it('adds what a report delivers less what an earlier report of the same fact did, order by order', () => {
    const reported = new Map<string, number>();
    const added = (event: DeliveryEvent, orderId = ORDER_ID) => unitsAddedBy(event, orderId, reported);
    expect(added(hours(ALICE, '2026-03-09', 7))).toEqual({ unitType: 'TRAINEE_HOUR', quantity: 7 });
    // The same day for another trainee, or for no one, is another fact.
    expect(added(hours(BAPTISTE, '2026-03-09', 5))).toEqual({ unitType: 'TRAINEE_HOUR', quantity: 5 });
    expect(added(hours(undefined, '2026-03-09', 2))).toEqual({ unitType: 'TRAINEE_HOUR', quantity: 2 });
    // Corrected down, then up.
    expect(added(hours(ALICE, '2026-03-09', 6))).toEqual({ unitType: 'TRAINEE_HOUR', quantity: -1 });
    expect(added(hours(ALICE, '2026-03-09', 8))).toEqual({ unitType: 'TRAINEE_HOUR', quantity: 2 });
    expect(added(traineeCompleted(ALICE, '2026-06-26'))).toMatchObject({ unitType: 'PATHWAY', quantity: 1 });
    expect(added(traineeCompleted(ALICE, '2026-06-26'))).toMatchObject({ unitType: 'PATHWAY', quantity: 0 });
    expect(added(months('2026-03', 3))).toEqual({ unitType: 'SUBSCRIPTION', quantity: 3 });
    expect(added(months('2026-03', 3), 'another-order')).toEqual({ unitType: 'SUBSCRIPTION', quantity: 3 });
    expect(added(openDays('2026-05-12', 2))).toEqual({ unitType: 'OPEN_DAY', quantity: 2 });
    expect(added(traineeEntered(CHLOE, '2026-03-09'))).toBeUndefined();
  });
});
