import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEventStore, SnapshotStore } from '@app/event-store';
import { CommandContext, handleCommand, newId, Principal } from '@app/shared';
import { activeContract, CONTRACT_ID, orderPathways, TENANT } from '../domain/testing/fixtures';
import { contractStream, procurementDecider } from '../domain/procurement.decider';
import { GetContract, GetContractHandler } from './get-contract.query';

/** Two stores on one file stand for two api processes: one writes, the other reads. */
describe('reading a contract now', () => {
  let folder: string;
  let reader: EmbeddedEventStore;
  let writer: EmbeddedEventStore;
  let snapshots: SnapshotStore;
  const buyer: Principal = { sub: 'buyer-ara-1', role: 'buyer', tenant: TENANT };
  const context = (): CommandContext => {
    const commandId = newId();
    return { actorId: buyer.sub, role: 'buyer', tenant: TENANT, commandId, correlationId: commandId, causationId: commandId, occurredAt: '2026-03-01T08:00:00.000Z' };
  };

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'get-contract-'));
    reader = EmbeddedEventStore.open({ file: join(folder, 'events.db') });
    writer = EmbeddedEventStore.open({ file: join(folder, 'events.db') });
    snapshots = SnapshotStore.open(join(folder, 'snapshots.db'));
    const events = activeContract().map((event) => ({ id: newId(), type: event.type, data: event.data as Record<string, unknown>, metadata: { ...context(), schemaVersion: 1 } }));
    await writer.appendToStream(contractStream(CONTRACT_ID), events, { expectedRevision: 'no_stream' });
  });
  afterEach(async () => {
    await reader.close();
    await writer.close();
    snapshots.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('sees what another process decided since the last read, and still answers as of an earlier revision', async () => {
    const handler = new GetContractHandler(reader, snapshots);
    const before = await handler.execute(new GetContract(CONTRACT_ID, buyer));
    expect(before.contract.status).toBe('ACTIVE');
    expect(before.contract.orders).toEqual({});

    const issued = await handleCommand(writer, procurementDecider, contractStream(CONTRACT_ID), orderPathways('order-1', 10), context());

    const after = await handler.execute(new GetContract(CONTRACT_ID, buyer));
    expect(after.revision).toBe(issued.revision);
    expect(after.contract.orders['order-1']).toMatchObject({ quantities: { PATHWAY: 10 } });
    const earlier = await handler.execute(new GetContract(CONTRACT_ID, buyer, { revision: before.revision }));
    expect(earlier.contract.orders).toEqual({});
  });
});
