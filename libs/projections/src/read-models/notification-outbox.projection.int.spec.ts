import { EventData } from '@app/event-store';
import { aMetadata } from '@app/event-store/testing/event-store.contract';
import { NotificationEvent, notificationIdOf, notificationStream, providerStream } from '@app/notifications';
import {
  activeContract,
  changeQuantity,
  CONTRACT_ID,
  euros,
  GROUPING_LEAD,
  GROUPING_MEMBER,
  notifyAmendment,
  orderOpenDays,
  orderPathways,
  PATHWAY_LOT,
  PATHWAY_PROVIDER,
  proposeAmendment,
  recorded,
  signAmendment,
  VOLUME_PATHWAY_CLAUSE,
} from '@app/procurement/domain/testing/fixtures';
import { idFromName } from '@app/shared';
import { NotificationOutboxRow } from './notification-outbox.projection';
import { useReadModelWorkbench } from '../testing/read-model-workbench';

describe('the notification outbox', () => {
  const bench = useReadModelWorkbench('outbox');

  const projected = async (generation: string) => {
    const projector = bench.projectorOn(generation);
    await projector.catchUp();
    return projector.database.db.prepare('SELECT * FROM notification_outbox ORDER BY event_position, provider_id').all() as NotificationOutboxRow[];
  };

  const append = (stream: string, type: string, data: EventData, role: 'buyer' | 'provider' | 'system' = 'buyer') =>
    bench.store.appendToStream(stream, [{ id: idFromName(stream, type, JSON.stringify(data)), type, data, metadata: aMetadata({ role }) }], {
      expectedRevision: 'any',
    });

  const registerWebhook = (providerId: string) =>
    append(
      providerStream('ARA', providerId),
      'ProviderWebhookRegistered',
      { providerId, tenant: 'ARA', url: `https://${providerId}.example/hook`, registrationId: `reg-${providerId}`, registeredAt: '2026-01-02T00:00:00.000Z' },
      'provider',
    );

  /** An active contract (pathway lot to one provider, open-day lot to a grouping), two orders, an adjustment, a notified amendment. */
  async function writeContract(): Promise<Array<{ id: string; type: string }>> {
    const history = recorded(
      activeContract(),
      orderPathways('order-1', 40),
      orderOpenDays('order-2', 100),
      changeQuantity('order-1', VOLUME_PATHWAY_CLAUSE, 'PATHWAY', 15),
      proposeAmendment({ amendmentId: 'amendment-1', change: { kind: 'PRICE', lotId: PATHWAY_LOT, unitType: 'PATHWAY', newUnitPriceCents: euros(5_100) } }),
      signAmendment('amendment-1'),
      notifyAmendment('amendment-1'),
    );
    const written = [];
    for (const [index, event] of history.entries()) {
      const id = idFromName('outbox-fixture', String(index));
      await bench.store.appendToStream(`contract-${CONTRACT_ID}`, [{ id, type: event.type, data: event.data as EventData, metadata: aMetadata() }], {
        expectedRevision: index === 0 ? 'no_stream' : index - 1,
      });
      written.push({ id, type: event.type });
    }
    return written;
  }

  const fact = (event: NotificationEvent) => append(notificationStream(event.data.notificationId), event.type, event.data as unknown as EventData, 'system');

  it('holds a pending notice per provider concerned, for providers with a webhook, pointing at the exact event', async () => {
    await registerWebhook(PATHWAY_PROVIDER);
    await registerWebhook(GROUPING_LEAD);
    const written = await writeContract();
    const idOf = (type: string, nth = 0) => written.filter((event) => event.type === type)[nth].id;

    const rows = await projected('g1');

    expect(rows.map((row) => [row.event_type, row.provider_id])).toEqual([
      ['OrderIssued', PATHWAY_PROVIDER],
      ['OrderIssued', GROUPING_LEAD],
      ['OrderQuantityAdjusted', PATHWAY_PROVIDER],
      ['AmendmentNotified', PATHWAY_PROVIDER],
    ]);
    // The grouping's other member registered no webhook: it reads its inbox and gets no notice.
    expect(rows.some((row) => row.provider_id === GROUPING_MEMBER)).toBe(false);
    const adjusted = rows[2];
    expect(adjusted).toMatchObject({
      notification_id: notificationIdOf(idOf('OrderQuantityAdjusted'), PATHWAY_PROVIDER),
      event_id: idOf('OrderQuantityAdjusted'),
      contract_id: CONTRACT_ID,
      tenant: 'ARA',
      status: 'PENDING',
      round: 0,
      attempts: 0,
      queued_position: adjusted.event_position,
    });
    const [event] = await bench.store.readStream(adjusted.stream_id, { fromRevision: adjusted.stream_revision, maxCount: 1 });
    expect(event.id).toBe(adjusted.event_id);
  });

  it('follows the notification facts, and a rebuild ends in the same statuses, so nothing delivered is sent again', async () => {
    await registerWebhook(PATHWAY_PROVIDER);
    await writeContract();
    const [issued, adjusted, notified] = await projected('live');
    const ref = (row: NotificationOutboxRow) => ({ notificationId: row.notification_id, eventId: row.event_id, providerId: row.provider_id });
    const at = '2026-03-02T09:00:00.000Z';

    await fact({ type: 'NotificationDelivered', data: { ...ref(issued), round: 0, attempt: 2, statusCode: 204, deliveredAt: at } });
    await fact({ type: 'NotificationAcknowledged', data: { ...ref(issued), acknowledgedAt: at } });
    await fact({ type: 'NotificationDeadLettered', data: { ...ref(adjusted), round: 0, attempts: 8, lastError: 'webhook answered HTTP 500', deadLetteredAt: at } });
    await fact({ type: 'NotificationDeadLettered', data: { ...ref(notified), round: 0, attempts: 8, lastError: 'webhook answered HTTP 503', deadLetteredAt: at } });
    await fact({ type: 'NotificationRetryRequested', data: { ...ref(notified), round: 1, requestedAt: at } });

    const live = await projected('live');
    expect(live.map((row) => [row.event_type, row.status, row.round, row.attempts])).toEqual([
      ['OrderIssued', 'ACKNOWLEDGED', 0, 2],
      ['OrderQuantityAdjusted', 'DEAD', 0, 8],
      ['AmendmentNotified', 'PENDING', 1, 0],
    ]);
    expect(live[1].last_error).toBe('webhook answered HTTP 500');
    // Re-opened: queued again after everything before the retry request.
    expect(live[2].queued_position).toBeGreaterThan(live[1].event_position);

    expect(await projected('rebuilt')).toEqual(live);
  });

  it('does not replay the past at a provider that registers its webhook later', async () => {
    await writeContract();
    await registerWebhook(PATHWAY_PROVIDER);
    expect(await projected('g1')).toEqual([]);
  });
});
