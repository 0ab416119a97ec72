import {
  activeContract,
  CONTRACT_ID,
  euros,
  notifyAmendment,
  acceptAmendment,
  orderOpenDays,
  orderPathways,
  PATHWAY_LOT,
  PATHWAY_MAX_QUANTITY,
  PATHWAY_PROVIDER,
  proposeAmendment,
  recorded,
  signAmendment,
} from '@app/procurement/domain/testing/fixtures';
import { ALICE, ORDER_ID, sessionStarted, traineeCompleted, traineeEntered } from '@app/procurement/domain/testing/delivery-fixtures';
import { useProjectionScenario } from '../testing/projection-scenario';
import { lotConsumption } from './lot-consumption.queries';

/** Given a contract's history, when orders, deliveries and amendments are recorded, then what lot_consumption answers. */
describe('the lot consumption read model', () => {
  const scenario = useProjectionScenario('lot-consumption');
  const contract = `contract-${CONTRACT_ID}`;
  // The fixture awards the lots on 1 December 2025.
  const TODAY = '2026-01-31';
  const scope = { tenant: 'ARA', contractId: CONTRACT_ID };
  const pathways = (rows: ReturnType<typeof lotConsumption>['rows']) => rows.find((row) => row.lot_id === PATHWAY_LOT && row.unit_type === 'PATHWAY')!;

  it('shows each work unit of the lots awarded with nothing ordered yet and no pace', async () => {
    await scenario.given(contract, activeContract());
    const { rows } = lotConsumption(await scenario.readModels(), scope, TODAY);
    expect(pathways(rows)).toMatchObject({ ordered_quantity: 0, ordered_value_cents: 0, remaining_quantity: PATHWAY_MAX_QUANTITY, delivered_quantity: 0, days_since_award: 61, burn_rate_per_day: 0, forecast_exhaustion_date: null });
  });

  it('counts the units ordered and delivered, and forecasts the day the maximum is reached at the pace of orders', async () => {
    const history = recorded(activeContract(), orderPathways(ORDER_ID, 20), orderOpenDays('order-open-days', 10));
    await scenario.given(contract, history);
    await scenario.when(`delivery-${ORDER_ID}`, [sessionStarted('2026-03-09'), traineeEntered(ALICE, '2026-03-09'), traineeCompleted(ALICE, '2026-06-26')], 'provider');
    const { rows } = lotConsumption(await scenario.readModels(), scope, TODAY);
    // 20 pathways in 61 days: 0.328 a day; the 110 left take 335.5 days, counted 336.
    expect(pathways(rows)).toMatchObject({
      ordered_quantity: 20,
      ordered_value_cents: euros(100_000),
      remaining_quantity: 110,
      delivered_quantity: 1,
      burn_rate_per_day: 0.328,
      forecast_exhaustion_date: '2027-01-02',
    });
    expect(rows.filter((row) => row.unit_type === 'OPEN_DAY')).toEqual([expect.objectContaining({ ordered_quantity: 10, delivered_quantity: 0 })]);
  });

  it('moves the maximum and the price with the amendments in force', async () => {
    const history = recorded(
      activeContract(),
      proposeAmendment({ amendmentId: 'amendment-volume', change: { kind: 'VOLUME', lotId: PATHWAY_LOT, unitType: 'PATHWAY', newMaxQuantity: PATHWAY_MAX_QUANTITY + 5 } }),
      signAmendment('amendment-volume'),
      notifyAmendment('amendment-volume'),
    );
    await scenario.given(contract, history);
    await scenario.when(contract, recorded(history, acceptAmendment('amendment-volume', PATHWAY_PROVIDER)).slice(history.length));
    const { rows } = lotConsumption(await scenario.readModels(), scope, TODAY);
    expect(pathways(rows)).toMatchObject({ max_quantity: PATHWAY_MAX_QUANTITY + 5, remaining_quantity: PATHWAY_MAX_QUANTITY + 5 });
  });

  it('answers the tenant’s lots only', async () => {
    await scenario.given(contract, activeContract());
    expect(lotConsumption(await scenario.readModels(), { tenant: 'IDF', contractId: null }, TODAY).rows).toEqual([]);
  });
});
