import { activeContract, adjustOrder, CALENDAR_CLAUSE, CONTRACT_ID, orderPathways, PATHWAY_LOT, recorded, session, SESSION_ID } from '@app/procurement/domain/testing/fixtures';
import { useProjectionScenario } from '../testing/projection-scenario';
import { calendarSessions } from './session-calendar.queries';

/** Given a contract's orders, when sessions are added to them, then what the shared session calendar lists. */
describe('the session calendar read model', () => {
  const scenario = useProjectionScenario('session-calendar');
  const contract = `contract-${CONTRACT_ID}`;
  const scope = { tenant: 'ARA', territory: null, from: null, to: null };
  const listed = async () => calendarSessions(await scenario.readModels(), scope).rows.map((row) => [row.order_id, row.session_id, row.lot_id, row.start_date]);

  it('lists a session added to an order on the lot the order was issued on', async () => {
    const history = recorded(activeContract(), orderPathways('order-a', 12));
    await scenario.given(contract, history);
    expect(await listed()).toEqual([['order-a', SESSION_ID, PATHWAY_LOT, session().startDate]]);

    const autumn = session({ sessionId: 'session-autumn', startDate: '2026-05-04', endDate: '2026-07-24' });
    await scenario.when(contract, recorded(history, adjustOrder('order-a', CALENDAR_CLAUSE, { kind: 'ADD_SESSION', session: autumn })).slice(history.length));
    expect(await listed()).toEqual([
      ['order-a', SESSION_ID, PATHWAY_LOT, session().startDate],
      ['order-a', 'session-autumn', PATHWAY_LOT, '2026-05-04'],
    ]);
  });
});
