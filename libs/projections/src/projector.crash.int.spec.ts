import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { EmbeddedEventStore } from '@app/event-store';
import { aMetadata } from '@app/event-store/testing/event-store.contract';
import { readingCurrentShapes } from '@app/procurement';
import { idFromName } from '@app/shared';
import { Projector } from './projector';
import { PROJECTIONS } from './read-models';
import { ReadModelDatabase, ReadModelFiles } from './sqlite/read-model-database';

const CHILD = join(__dirname, 'testing', 'project-until-killed.ts');

/** A log of many small orders on a few contracts, enough for the projection to take several pages. */
async function writeLog(store: EmbeddedEventStore, contracts: number, ordersPerContract: number): Promise<void> {
  for (let c = 0; c < contracts; c++) {
    const contractId = idFromName('crash', String(c));
    const opening = [
      { type: 'ContractDrafted', data: { contractId, tenant: 'ARA', buyerId: 'b', title: `Contract ${c}`, mode: 'FRAMEWORK_AGREEMENT', startDate: '2026-01-01', endDate: '2029-12-31', initialValueCents: 1_000_000, maximumValueCents: 9_000_000_000, amendmentResponseDays: 15 } },
      { type: 'LotDefined', data: { lotId: 'LOT-1', title: 'Lot', scope: { domainCode: 'x', territoryCodes: ['69'], targetPublics: [] }, workUnits: [{ type: 'PATHWAY', unitPriceCents: 1_000, initialQuantity: 10, minQuantity: 0, maxQuantity: 9_000_000 }] } },
    ];
    const orders = Array.from({ length: ordersPerContract }, (_, o) => ({
      type: 'OrderIssued',
      data: { orderId: `o-${o}`, lotId: 'LOT-1', lines: [{ unitType: 'PATHWAY', quantity: 1 + (o % 3) }], sessions: [], periodStart: '2026-02-01', periodEnd: '2026-12-31', valueCents: 1_000 * (1 + (o % 3)), check: {} },
    }));
    const events = [...opening, ...orders].map((event, i) => ({ ...event, id: idFromName(contractId, String(i)), metadata: aMetadata() }));
    for (let start = 0; start < events.length; start += 500) {
      await store.appendToStream(`contract-${contractId}`, events.slice(start, start + 500), { expectedRevision: 'any' });
    }
  }
}

const dump = (database: ReadModelDatabase) =>
  ['lot_consumption', 'order_placements', 'contract_budget', 'provider_inbox'].map((table) =>
    database.db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all(),
  );

describe('read models after a crash', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'projection-crash-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('equal a rebuild from scratch when the projecting process is killed mid-way and restarted', async () => {
    const file = join(folder, 'events.db');
    const store = EmbeddedEventStore.open({ file });
    await writeLog(store, 12, 2_500);
    const head = await store.headPosition();

    // Kill the projecting child after its first committed page, while it is writing the next ones.
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, folder, 'crashed'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const committed: number[] = [];
    await new Promise<void>((resolve) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        const [, , position] = line.split(' ');
        committed.push(Number(position));
        if (committed.length === 2) child.kill('SIGKILL');
      });
      child.on('exit', () => resolve());
    });
    expect(committed.length).toBeGreaterThanOrEqual(2);

    const files = new ReadModelFiles(folder);
    const crashed = files.open('crashed', PROJECTIONS);
    const checkpointAfterCrash = crashed.checkpoint();
    expect(checkpointAfterCrash).toBeGreaterThanOrEqual(committed[committed.length - 1]);
    expect(checkpointAfterCrash).toBeLessThan(head);

    await new Projector(readingCurrentShapes(store), crashed, PROJECTIONS).catchUp();
    const fresh = files.open('fresh', PROJECTIONS);
    await new Projector(readingCurrentShapes(store), fresh, PROJECTIONS).catchUp();

    expect(crashed.checkpoint()).toBe(head);
    expect(dump(crashed)).toEqual(dump(fresh));
    crashed.close();
    fresh.close();
    await store.close();
  });
});
