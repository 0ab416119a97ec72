import { DeliveryEvent } from '@app/procurement/domain/delivery/delivery.events';
import { activeContract, CONTRACT_ID, GROUPING_LEAD, GROUPING_MEMBER, OPEN_DAY_LOT, orderOpenDays, recorded } from '@app/procurement/domain/testing/fixtures';
import { useProjectionScenario } from '../testing/projection-scenario';
import { lotConsumption } from './lot-consumption.queries';
import { lotDelivery } from './lot-delivery.queries';

/** Given an open-day order, when open days are reported (and, in an older log, a day reported again), then what is delivered. */
describe('the units delivered in the lot delivery read model', () => {
  const scenario = useProjectionScenario('lot-delivery');
  const ORDER = 'order-isere-open-days';
  const openDays = (date: string, count: number): DeliveryEvent => ({ type: 'OpenDaysDelivered', data: { contractId: CONTRACT_ID, orderId: ORDER, date, count } });
  const everyone = { tenant: 'ARA', contractId: null, providerId: null };
  const openDayLot = (rows: ReturnType<typeof lotDelivery>['rows']) => rows.filter((row) => row.lot_id === OPEN_DAY_LOT);

  beforeEach(async () => {
    await scenario.given(`contract-${CONTRACT_ID}`, recorded(activeContract(), orderOpenDays(ORDER, 100)));
  });

  it('adds the open days of each day to the lead of the grouping performing the lot, and shows them to its members', async () => {
    await scenario.when(`delivery-${ORDER}`, [openDays('2026-03-02', 1), openDays('2026-03-03', 2)], 'provider');
    const readModels = await scenario.readModels();
    expect(openDayLot(lotDelivery(readModels, everyone).rows)).toEqual([expect.objectContaining({ provider_id: GROUPING_LEAD, delivered: { OPEN_DAY: 3 } })]);
    expect(lotDelivery(readModels, { ...everyone, providerId: GROUPING_MEMBER }).rows.map((row) => row.lot_id)).toEqual([OPEN_DAY_LOT]);
    expect(lotDelivery(readModels, { ...everyone, providerId: 'another-provider' }).rows).toEqual([]);
  });

  it('counts a day reported again at its last figure, as service statements do', async () => {
    // Logs written before a different report of a day was refused (CONFLICTS_WITH_EARLIER_REPORT) hold corrections.
    await scenario.when(`delivery-${ORDER}`, [openDays('2026-03-02', 3), openDays('2026-03-03', 2), openDays('2026-03-02', 1)], 'provider');
    const readModels = await scenario.readModels();
    expect(openDayLot(lotDelivery(readModels, everyone).rows)).toEqual([expect.objectContaining({ delivered: { OPEN_DAY: 3 } })]);
    expect(lotConsumption(readModels, { tenant: 'ARA', contractId: CONTRACT_ID }, '2026-03-31').rows.find((row) => row.lot_id === OPEN_DAY_LOT)).toMatchObject({ delivered_quantity: 3 });
  });
});
