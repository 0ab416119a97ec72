import { EventData } from '@app/event-store';
import { aMetadata } from '@app/event-store/testing/event-store.contract';
import { ProcurementEvent } from '@app/procurement';
import {
  activeContract,
  adjustOrder,
  CALENDAR_CLAUSE,
  changeQuantity,
  CONTRACT_ID,
  euros,
  meta,
  orderPathways,
  recorded,
  session,
  VOLUME_PATHWAY_CLAUSE,
} from '@app/procurement/domain/testing/fixtures';
import { idFromName } from '@app/shared';
import { useReadModelWorkbench } from '../testing/read-model-workbench';

const OFFICER = 'officer-pe-ara-1';
const ORDER = 'order-1';

/** An order of 10 pathways (50,000 €) with two sessions; Pôle emploi co-finances 30,000 € of it. */
function coFinancedOrder(): ProcurementEvent[] {
  return recorded(
    activeContract(),
    orderPathways(ORDER, 10, { sessions: [session(), session({ sessionId: 'session-lyon-autumn', startDate: '2026-05-04', endDate: '2026-07-17' })] }),
    {
      type: 'OfferCoFinancing',
      meta: meta('2026-02-02T09:00:00.000Z', OFFICER),
      data: { orderId: ORDER, offerId: 'offer-1', share: { kind: 'AMOUNT', amountCents: euros(30_000) }, reason: 'AFC complement' },
    },
    { type: 'AcceptCoFinancingOffer', meta: meta('2026-02-03T09:00:00.000Z'), data: { orderId: ORDER, offerId: 'offer-1' } },
  );
}

describe('coordination read models', () => {
  const bench = useReadModelWorkbench('coordination');
  let written = 0;

  async function write(stream: string, events: Array<{ type: string; data: object }>): Promise<void> {
    for (const event of events) {
      const id = idFromName('coordination-fixture', String(written++));
      await bench.store.appendToStream(stream, [{ id, type: event.type, data: event.data as EventData, metadata: aMetadata() }], { expectedRevision: 'any' });
    }
  }

  async function query<Row>(sql: string): Promise<Row[]> {
    const projector = bench.projectorOn('g1');
    await projector.catchUp();
    return projector.database.db.prepare(sql).all() as Row[];
  }

  it('splits what an order commits and consumes between the Région and Pôle emploi', async () => {
    await write(`contract-${CONTRACT_ID}`, coFinancedOrder());
    // 12,000 € stated: 30,000 / 50,000 of it is Pôle emploi's.
    await write(`delivery-${ORDER}`, [{ type: 'ServiceStatementIssued', data: { contractId: CONTRACT_ID, orderId: ORDER, statementId: 's-1', totalCents: euros(12_000) } }]);
    const [funding] = await query<Record<string, number>>('SELECT * FROM order_funding');
    expect(funding).toMatchObject({
      value_cents: euros(50_000),
      co_financed_cents: euros(30_000),
      committed_pole_emploi_cents: euros(30_000),
      consumed_cents: euros(12_000),
      consumed_pole_emploi_cents: euros(7_200),
    });
  });

  it('brings Pôle emploi’s part down with a reduction it consented to, and to nothing when the agreement ends', async () => {
    const reduced = recorded(
      coFinancedOrder(),
      {
        type: 'ConsentToCoFinancedReduction',
        meta: meta('2026-03-01T09:00:00.000Z', OFFICER),
        data: { orderId: ORDER, consentId: 'consent-1', floorValueCents: euros(25_000), reason: 'Fewer job seekers' },
      },
      changeQuantity(ORDER, VOLUME_PATHWAY_CLAUSE, 'PATHWAY', -5),
    );
    await write(`contract-${CONTRACT_ID}`, reduced);
    expect(await query('SELECT value_cents, committed_pole_emploi_cents FROM order_funding')).toEqual([
      { value_cents: euros(25_000), committed_pole_emploi_cents: euros(25_000) },
    ]);
    const ended = recorded(
      reduced,
      {
        type: 'OfferCoFinancingTermination',
        meta: meta('2026-04-02T09:00:00.000Z', OFFICER),
        data: { orderId: ORDER, offerId: 'offer-end', agreementId: 'offer-1', reason: 'Moved to individual aids' },
      },
      { type: 'AcceptCoFinancingOffer', meta: meta('2026-04-03T09:00:00.000Z'), data: { orderId: ORDER, offerId: 'offer-end' } },
    ).slice(reduced.length);
    await write(`contract-${CONTRACT_ID}`, ended);
    expect(await query('SELECT committed_pole_emploi_cents, agreement_id FROM order_funding')).toEqual([{ committed_pole_emploi_cents: 0, agreement_id: null }]);
  });

  it('lists every session with its lot’s domain and territories, its moves and cancellations, each change raising its sequence', async () => {
    const history = recorded(
      activeContract(),
      orderPathways(ORDER, 10, { sessions: [session(), session({ sessionId: 'session-lyon-autumn', startDate: '2026-05-04', endDate: '2026-07-17' })] }),
      {
        type: 'RequestSessionDateShift',
        meta: meta('2026-02-10T09:00:00.000Z', OFFICER),
        data: { requestId: 'shift-1', orderId: ORDER, sessionId: 'session-lyon-spring', startDate: '2026-03-30', endDate: '2026-07-17', reason: 'Season' },
      },
      { type: 'AcceptSessionDateShift', meta: meta('2026-02-12T09:00:00.000Z'), data: { requestId: 'shift-1', clauseId: CALENDAR_CLAUSE } },
      adjustOrder(ORDER, CALENDAR_CLAUSE, { kind: 'CANCEL_SESSION', sessionId: 'session-lyon-autumn' }),
    );
    await write(`contract-${CONTRACT_ID}`, history);
    const rows = await query<Record<string, unknown>>(
      `SELECT s.session_id, s.start_date, s.end_date, s.original_start_date, s.cancelled, s.sequence, l.domain_code, l.territory_codes
       FROM session_calendar s JOIN session_calendar_lots l USING (contract_id, lot_id) ORDER BY s.session_id`,
    );
    expect(rows).toEqual([
      { session_id: 'session-lyon-autumn', start_date: '2026-05-04', end_date: '2026-07-17', original_start_date: '2026-05-04', cancelled: 1, sequence: 1, domain_code: '31054', territory_codes: ',69123,' },
      { session_id: 'session-lyon-spring', start_date: '2026-03-30', end_date: '2026-07-17', original_start_date: '2026-03-09', cancelled: 0, sequence: 1, domain_code: '31054', territory_codes: ',69123,' },
    ]);
    expect(await query('SELECT request_id, status, clause_id, answered_by FROM date_shift_requests')).toEqual([
      { request_id: 'shift-1', status: 'ACCEPTED', clause_id: CALENDAR_CLAUSE, answered_by: 'buyer-ara-1' },
    ]);
  });
});
