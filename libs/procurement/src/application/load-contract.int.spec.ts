import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEventStore, EventStore, ReadStreamOptions, SnapshotStore } from '@app/event-store';
import { CommandContext, handleCommand, newId, NotFoundError } from '@app/shared';
import { activeContract, CONTRACT_ID, orderPathways, TENANT } from '../domain/testing/fixtures';
import { contractStream, procurementDecider } from '../domain/procurement.decider';
import { loadContract, loadExistingContract } from './load-contract';

/** The one loader of a contract: now from the command path's fold, at a point from the snapshots or the events. */
describe('loading a contract', () => {
  let folder: string;
  let store: EmbeddedEventStore;
  let snapshots: SnapshotStore;
  /** The revisions each read of the contract stream started from, as the store was asked. */
  let readsFrom: number[];
  let reading: EventStore;
  const context = (occurredAt: string): CommandContext => {
    const commandId = newId();
    return { actorId: 'buyer-ara-1', role: 'buyer', tenant: TENANT, commandId, correlationId: commandId, causationId: commandId, occurredAt };
  };

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'load-contract-'));
    store = EmbeddedEventStore.open({ file: join(folder, 'events.db') });
    snapshots = SnapshotStore.open(join(folder, 'snapshots.db'));
    const events = activeContract().map((event) => ({ id: newId(), type: event.type, data: event.data as Record<string, unknown>, metadata: { ...context('2026-01-05T08:00:00.000Z'), schemaVersion: 1 } }));
    await store.appendToStream(contractStream(CONTRACT_ID), events, { expectedRevision: 'no_stream' });
    readsFrom = [];
    reading = Object.assign(Object.create(store) as EventStore, {
      readStream: (stream: string, options?: ReadStreamOptions) => {
        if (stream === contractStream(CONTRACT_ID)) readsFrom.push(options?.fromRevision ?? 0);
        return store.readStream(stream, options);
      },
    });
  });
  afterEach(async () => {
    await store.close();
    snapshots.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('reads now only the events appended since the last load or command, and the same state a whole fold gives', async () => {
    const first = await loadContract(reading, CONTRACT_ID);
    const issued = await handleCommand(store, procurementDecider, contractStream(CONTRACT_ID), orderPathways('order-1', 10), context('2026-03-01T08:00:00.000Z'));
    const second = await loadContract(reading, CONTRACT_ID);

    expect(readsFrom).toEqual([0, first.revision + 1]);
    expect(second.revision).toBe(issued.revision);
    const history = await store.readStream(contractStream(CONTRACT_ID));
    const whole = history.reduce(procurementDecider.evolve as never, procurementDecider.initialState());
    expect(second.state).toEqual(whole);
  });

  it('answers as of a revision or a moment, from the snapshots or without them alike', async () => {
    const before = await loadContract(store, CONTRACT_ID);
    await handleCommand(store, procurementDecider, contractStream(CONTRACT_ID), orderPathways('order-1', 10), context('2026-03-01T08:00:00.000Z'));

    for (const cache of [snapshots, undefined]) {
      const atRevision = await loadContract(store, CONTRACT_ID, { revision: before.revision }, cache);
      expect(atRevision).toEqual(before);
      const asOfFebruary = await loadContract(store, CONTRACT_ID, { at: '2026-02-01T00:00:00.000Z' }, cache);
      expect(asOfFebruary).toEqual(before);
      const asOfMarch = await loadContract(store, CONTRACT_ID, { at: '2026-03-02T00:00:00.000Z' }, cache);
      expect(asOfMarch.state.status === 'ACTIVE' && Object.keys(asOfMarch.state.orders)).toEqual(['order-1']);
    }
  });

  it('answers as missing a contract of another tenant, a revision not reached and a moment before the first event', async () => {
    const { revision } = await loadExistingContract(store, TENANT, CONTRACT_ID);
    await expect(loadExistingContract(store, 'OCC', CONTRACT_ID)).rejects.toBeInstanceOf(NotFoundError);
    await expect(loadExistingContract(store, TENANT, CONTRACT_ID, { revision: revision + 1 }, snapshots)).rejects.toBeInstanceOf(NotFoundError);
    await expect(loadExistingContract(store, TENANT, CONTRACT_ID, { at: '2026-01-01T00:00:00.000Z' }, snapshots)).rejects.toBeInstanceOf(NotFoundError);
    await expect(loadExistingContract(store, TENANT, 'no-such-contract')).rejects.toBeInstanceOf(NotFoundError);
  });
});
