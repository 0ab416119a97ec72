import { DeliveryEvent } from '@app/procurement/domain/delivery/delivery.events';
import { ALICE, BAPTISTE, CHLOE, ORDER_ID, sessionStarted, traineeEntered, traineeLeftEarly, traineeWaitlisted } from '@app/procurement/domain/testing/delivery-fixtures';
import { activeContract, adjustOrder, CALENDAR_CLAUSE, CONTRACT_ID, orderPathways, PATHWAY_PROVIDER, recorded, session, SESSION_ID } from '@app/procurement/domain/testing/fixtures';
import { useProjectionScenario } from '../testing/projection-scenario';
import { placesTaken, sessionFill, traineesAtRisk } from './session-fill.queries';

/** Given an order with two sessions, when trainees enter, wait, are reported at risk and leave, then what the session fill answers. */
describe('the session fill read model', () => {
  const scenario = useProjectionScenario('session-fill');
  const AUTUMN = 'session-lyon-autumn';
  const STARTED_ON = '2026-03-09';
  const atRisk = (traineeId: string): DeliveryEvent => ({
    type: 'TraineeAtRiskReported',
    data: { contractId: CONTRACT_ID, orderId: ORDER_ID, traineeId, sessionId: SESSION_ID, on: '2026-04-10', reason: 'EMPLOYMENT' },
  });

  beforeEach(async () => {
    await scenario.given(
      `contract-${CONTRACT_ID}`,
      recorded(
        activeContract(),
        orderPathways(ORDER_ID, 20, { sessions: [session({ capacity: 4 })] }),
        adjustOrder(ORDER_ID, CALENDAR_CLAUSE, { kind: 'ADD_SESSION', session: session({ sessionId: AUTUMN, capacity: 3, startDate: '2026-05-04', endDate: '2026-07-24' }) }),
      ),
    );
    await scenario.when(
      `delivery-${ORDER_ID}`,
      [sessionStarted(STARTED_ON), traineeEntered(ALICE, STARTED_ON), traineeEntered(BAPTISTE, STARTED_ON), traineeWaitlisted(CHLOE, '2026-03-10'), atRisk(ALICE), atRisk(BAPTISTE), traineeLeftEarly(BAPTISTE, '2026-04-12')],
      'provider',
    );
  });

  it('gives the adjustment policy the places taken and waiting lists of each order and session', async () => {
    const readModels = await scenario.readModels();
    expect(placesTaken(readModels, CONTRACT_ID)).toEqual({ orders: { [ORDER_ID]: { entries: 1, waitingList: 1 } }, sessions: { [ORDER_ID]: { [SESSION_ID]: 1, [AUTUMN]: 0 } } });
    expect(placesTaken(readModels, 'another-contract')).toEqual({ orders: {}, sessions: {} });
  });

  it('lists the trainees at risk still in their pathway', async () => {
    expect(traineesAtRisk(await scenario.readModels(), CONTRACT_ID)).toEqual([{ orderId: ORDER_ID, traineeId: ALICE, sessionId: SESSION_ID, reportedOn: '2026-04-10', reason: 'EMPLOYMENT' }]);
  });

  it('answers each session and the order’s totals, to the tenant and to the provider performing the lot only', async () => {
    const readModels = await scenario.readModels();
    const everyone = { tenant: 'ARA', contractId: null, providerId: null, orderId: null };
    const fill = sessionFill(readModels, everyone);
    expect(fill.rows.map((row) => [row.session_id, row.capacity, row.entries, row.waiting_list, row.fill_rate_percent])).toEqual([
      [AUTUMN, 3, 0, 0, 0],
      [SESSION_ID, 4, 1, 1, 25],
    ]);
    expect(fill.orders).toEqual([expect.objectContaining({ order_id: ORDER_ID, sessions: 2, capacity: 7, entries: 1, waiting_list: 1 })]);
    expect(sessionFill(readModels, { ...everyone, providerId: PATHWAY_PROVIDER }).rows).toHaveLength(2);
    expect(sessionFill(readModels, { ...everyone, providerId: 'another-provider' })).toMatchObject({ rows: [], orders: [] });
    expect(sessionFill(readModels, { ...everyone, tenant: 'IDF' })).toMatchObject({ rows: [], orders: [] });
  });
});
