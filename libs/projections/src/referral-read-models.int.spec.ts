import { aMetadata } from '@app/event-store/testing/event-store.contract';
import { ProcurementEvent } from '@app/procurement';
import { DeliveryEvent } from '@app/procurement/domain/delivery/delivery.events';
import {
  ALICE,
  BAPTISTE,
  CHLOE,
  DAVID,
  enteredThroughReferral,
  ORDER_ID,
  referralNoShow,
  referralRefused,
  sessionStarted,
  traineeEntered,
  traineeLeftEarly,
  traineeReferred,
} from '@app/procurement/domain/testing/delivery-fixtures';
import { activeContract, CONTRACT_ID, orderPathways, recorded, session, SESSION_ID } from '@app/procurement/domain/testing/fixtures';
import { idFromName } from '@app/shared';
import { ReadModelDatabase } from './sqlite/read-model-database';
import { useReadModelWorkbench } from './testing/read-model-workbench';

const STARTED_ON = '2026-03-09';
const EVE = 'trainee-e5a0c4d2';

describe('referrals and trainees at risk in the session-fill read model', () => {
  const bench = useReadModelWorkbench('referral-read-models');
  const revisions: Record<string, number> = {};

  async function write(stream: string, events: Array<ProcurementEvent | DeliveryEvent>, role: 'buyer' | 'provider' | 'pole_emploi' = 'buyer'): Promise<void> {
    for (const event of events) {
      const revision = revisions[stream] ?? -1;
      await bench.store.appendToStream(
        stream,
        [{ id: idFromName('fixture', `${stream}/${revision + 1}`), type: event.type, data: event.data as Record<string, unknown>, metadata: aMetadata({ role }) }],
        { expectedRevision: revision < 0 ? 'no_stream' : revision },
      );
      revisions[stream] = revision + 1;
    }
  }
  beforeEach(() => {
    for (const stream of Object.keys(revisions)) delete revisions[stream];
  });

  const delivery = `delivery-${ORDER_ID}`;
  const row = (database: ReadModelDatabase) =>
    database.db.prepare('SELECT entries, referred, waiting_list, referrals_waiting, fill_rate_percent FROM session_fill WHERE session_id = ?').get(SESSION_ID);

  it('counts referrals holding places in the fill, waiting referrals in the waiting list, and follows their outcomes', async () => {
    await write(`contract-${CONTRACT_ID}`, recorded(activeContract(), orderPathways(ORDER_ID, 20, { sessions: [session({ capacity: 2 })] })));
    await write(
      delivery,
      [
        traineeReferred(ALICE, 'SESSION', { present: 0, holding: 0 }),
        traineeReferred(BAPTISTE, 'SESSION', { present: 0, holding: 1 }),
        traineeReferred(CHLOE, 'WAITING_LIST', { present: 0, holding: 2 }),
        traineeReferred(DAVID, 'WAITING_LIST', { present: 0, holding: 2 }),
      ],
      'pole_emploi',
    );
    const projector = bench.projectorOn('g1');
    await projector.catchUp();
    expect(row(projector.database)).toEqual({ entries: 0, referred: 2, waiting_list: 2, referrals_waiting: 2, fill_rate_percent: 100 });

    // Alice enters on her place, Baptiste does not show, Chloé enters from the list, David is turned down.
    await write(
      delivery,
      [
        sessionStarted(STARTED_ON),
        enteredThroughReferral(ALICE, STARTED_ON),
        referralNoShow(BAPTISTE, STARTED_ON, 'SESSION'),
        enteredThroughReferral(CHLOE, STARTED_ON),
        referralRefused(DAVID, STARTED_ON, 'WAITING_LIST'),
      ],
      'provider',
    );
    await projector.catchUp();
    expect(row(projector.database)).toEqual({ entries: 2, referred: 0, waiting_list: 0, referrals_waiting: 0, fill_rate_percent: 100 });
    expect(projector.database.db.prepare('SELECT COUNT(*) AS waiting FROM session_fill_waiting').get()).toEqual({ waiting: 0 });
  });

  it('lists trainees at risk until they leave or complete', async () => {
    await write(`contract-${CONTRACT_ID}`, recorded(activeContract(), orderPathways(ORDER_ID, 20, { sessions: [session({ capacity: 3 })] })));
    const atRisk = (traineeId: string): DeliveryEvent => ({
      type: 'TraineeAtRiskReported',
      data: { contractId: CONTRACT_ID, orderId: ORDER_ID, traineeId, sessionId: SESSION_ID, on: '2026-04-10', reason: 'EMPLOYMENT' },
    });
    await write(
      delivery,
      [sessionStarted(STARTED_ON), traineeEntered(ALICE, STARTED_ON), traineeEntered(EVE, STARTED_ON), atRisk(ALICE), atRisk(EVE), traineeLeftEarly(EVE, '2026-04-12')],
      'provider',
    );
    const projector = bench.projectorOn('g1');
    await projector.catchUp();
    expect(projector.database.db.prepare('SELECT order_id, trainee_id, session_id, tenant, reported_on, reason FROM session_fill_at_risk').all()).toEqual([
      { order_id: ORDER_ID, trainee_id: ALICE, session_id: SESSION_ID, tenant: 'ARA', reported_on: '2026-04-10', reason: 'EMPLOYMENT' },
    ]);
  });
});
