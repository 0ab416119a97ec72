import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEventStore, eventsUpTo, foldAt, PointInTime, RecordedEvent, SNAPSHOT_INTERVAL, SnapshotStore } from '@app/event-store';
import { CONTRACT_EVOLVE, CONTRACT_FOLD_HELPERS, ContractState, evolveContract, initialContractState, ProcurementEvent } from '../domain/contract/contract.state';
import { decideProcurement, ProcurementCommand } from '../domain/procurement.decider';
import { activeContract, CALENDAR_CLAUSE, changeQuantity, meta, orderPathways, SESSION_ID, VOLUME_PATHWAY_CLAUSE } from '../domain/testing/fixtures';
import { CONTRACT_EVENT_UPCASTERS, contractFold, contractFoldVersion } from './contract-fold';

/**
 * Reading a contract from its snapshots gives the very state a fold of the whole history gives, at every
 * revision and moment; a snapshot of another fold version is never used.
 */
describe('contract fold from snapshots (embedded store)', () => {
  const STREAM = 'contract-snapshot-test';
  const EVENTS = 2 * SNAPSHOT_INTERVAL + 450;
  let folder: string;
  let store: EmbeddedEventStore;
  let snapshots: SnapshotStore;
  let history: RecordedEvent[];

  /** An active contract, ten orders, then quantity changes and session moves, one command a minute. */
  async function writeHistory(): Promise<void> {
    let state: ContractState = initialContractState();
    const facts: Array<{ event: ProcurementEvent; at: string }> = activeContract().map((event) => ({ event, at: '2025-12-15T10:00:00.000Z' }));
    for (const { event } of facts) state = evolveContract(state, event);
    let minute = 0;
    const run = (command: (at: string) => ProcurementCommand) => {
      minute += 1;
      // Every 97th command is stamped a day early (another server's clock): business time is not always in order.
      const at = new Date(Date.UTC(2026, 1, 1, 8) + minute * 60_000 - (minute % 97 === 0 ? 86_400_000 : 0)).toISOString();
      for (const event of decideProcurement(command(at), state)) {
        state = evolveContract(state, event);
        facts.push({ event, at });
      }
    };
    for (let o = 0; o < 10; o++) run((at) => ({ ...orderPathways(`order-${o}`, 5), meta: meta(at) }));
    for (let n = 0; facts.length < EVENTS; n++) {
      const orderId = `order-${n % 10}`;
      if (n % 3 === 0) {
        run((at) => ({ ...changeQuantity(orderId, VOLUME_PATHWAY_CLAUSE, 'PATHWAY', Math.floor(n / 10) % 2 === 0 ? 1 : -1), meta: meta(at) }));
      } else {
        const day = String(1 + (n % 20)).padStart(2, '0');
        run((at) => ({
          type: 'AdjustOrder',
          meta: meta(at),
          data: { orderId, clauseId: CALENDAR_CLAUSE, reason: 'Recruitment season', adjustment: { kind: 'MOVE_SESSION', sessionId: SESSION_ID, startDate: `2026-03-${day}`, endDate: '2026-06-26' } },
        }));
      }
    }
    const metadata = (at: string) => ({ actorId: 'buyer-ara-1', role: 'buyer' as const, tenant: 'ARA', commandId: randomUUID(), correlationId: 'c', causationId: 'c', occurredAt: at, schemaVersion: 1 });
    for (let from = 0; from < facts.length; from += 500) {
      const batch = facts.slice(from, from + 500).map(({ event, at }) => ({ id: randomUUID(), type: event.type, data: event.data as unknown as Record<string, unknown>, metadata: metadata(at) }));
      await store.appendToStream(STREAM, batch, { expectedRevision: from === 0 ? 'no_stream' : from - 1 });
    }
  }

  const fullFold = (point: PointInTime) => {
    const events = eventsUpTo(history, point);
    return { state: events.reduce(contractFold.evolve, contractFold.initial()), revision: events.length > 0 ? events[events.length - 1].revision : -1 };
  };

  /** Revisions around every snapshot boundary, and a spread of others. */
  const revisions = (): number[] => {
    const around = [0, 1, 2, 3].flatMap((k) => [k * SNAPSHOT_INTERVAL - 2, k * SNAPSHOT_INTERVAL - 1, k * SNAPSHOT_INTERVAL]);
    const spread = Array.from({ length: 40 }, (_, i) => Math.floor((i * history.length) / 40) + 7);
    return [...new Set([...around, ...spread, history.length - 1])].filter((r) => r >= 0 && r < history.length).sort((a, b) => a - b);
  };

  /** Moments of events (the skewed ones among them), a millisecond around them, before the first and after the last. */
  const moments = (): string[] => {
    const picked = history.filter((event, i) => i % 61 === 0 || event.revision % SNAPSHOT_INTERVAL >= SNAPSHOT_INTERVAL - 2 || i === history.length - 1);
    const shift = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
    return [
      '2020-01-01T00:00:00Z',
      ...picked.flatMap((event) => [shift(event.metadata.occurredAt, -1), event.metadata.occurredAt, shift(event.metadata.occurredAt, 1)]),
      // The same instants written with another zone.
      ...picked.slice(0, 5).map((event) => new Date(Date.parse(event.metadata.occurredAt)).toISOString().replace('Z', '+00:00')),
      '2030-01-01T00:00:00Z',
    ];
  };

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'contract-fold-'));
    store = EmbeddedEventStore.open({ file: join(folder, 'events.db') });
    await writeHistory();
    history = await store.readStream(STREAM);
  });
  beforeEach(() => {
    snapshots = SnapshotStore.open(join(folder, `snapshots-${randomUUID()}.db`));
  });
  afterEach(() => snapshots.close());
  afterAll(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('writes a history long enough to cross several snapshots, with business time out of order now and then', () => {
    expect(history.length).toBeGreaterThanOrEqual(EVENTS);
    const backwards = history.filter((event, i) => i > 0 && Date.parse(event.metadata.occurredAt) < Date.parse(history[i - 1].metadata.occurredAt));
    expect(backwards.length).toBeGreaterThan(5);
  });

  it('keeps a snapshot every SNAPSHOT_INTERVAL events as it folds the whole stream', async () => {
    const now = await foldAt(store, snapshots, STREAM, contractFold);
    expect(now).toEqual(fullFold({ revision: history.length - 1 }));
    const last = snapshots.latest<ContractState>(STREAM, contractFold.version);
    expect(last?.revision).toBe(2 * SNAPSHOT_INTERVAL - 1);
    expect(last?.state).toEqual(fullFold({ revision: 2 * SNAPSHOT_INTERVAL - 1 }).state);
    expect(snapshots.latest(STREAM, contractFold.version, { atOrBeforeRevision: 2 * SNAPSHOT_INTERVAL - 2 })?.revision).toBe(SNAPSHOT_INTERVAL - 1);
  });

  it('gives the state of a full fold at many revisions, with snapshots and without', async () => {
    for (const pass of ['no snapshot yet', 'from snapshots']) {
      if (pass === 'from snapshots') await foldAt(store, snapshots, STREAM, contractFold);
      for (const revision of revisions()) {
        const folded = await foldAt(store, snapshots, STREAM, contractFold, { revision });
        expect({ pass, revision, folded: JSON.stringify(folded) }).toEqual({ pass, revision, folded: JSON.stringify(fullFold({ revision })) });
      }
    }
  });

  it('gives the state of a full fold as of many moments, the skewed ones included', async () => {
    await foldAt(store, snapshots, STREAM, contractFold);
    for (const asOf of moments()) {
      const folded = await foldAt(store, snapshots, STREAM, contractFold, { asOf });
      expect({ asOf, folded: JSON.stringify(folded) }).toEqual({ asOf, folded: JSON.stringify(fullFold({ asOf })) });
    }
  });

  it('stops at the head for a revision the stream has not reached', async () => {
    const beyond = await foldAt(store, snapshots, STREAM, contractFold, { revision: history.length + 5 });
    expect(beyond.revision).toBe(history.length - 1);
  });

  it('starts from a snapshot of its own version (a doctored one shows through)', async () => {
    const revision = SNAPSHOT_INTERVAL - 1;
    const doctored = { ...(fullFold({ revision }).state as object), title: 'Doctored snapshot' } as ContractState;
    snapshots.save([{ streamId: STREAM, foldVersion: contractFold.version, revision, maxOccurredMs: 0, state: doctored }]);
    const folded = await foldAt(store, snapshots, STREAM, contractFold, { revision: revision + 10 });
    expect(folded.state).toMatchObject({ title: 'Doctored snapshot' });
  });

  it('ignores a snapshot of another fold version, and drops it when it keeps a current one', async () => {
    const revision = SNAPSHOT_INTERVAL - 1;
    const stale = { ...(fullFold({ revision }).state as object), title: 'Folded by older code' } as ContractState;
    snapshots.save([{ streamId: STREAM, foldVersion: 'contract-older-code', revision, maxOccurredMs: 0, state: stale }]);
    const folded = await foldAt(store, snapshots, STREAM, contractFold, { revision: revision + 10 });
    expect(JSON.stringify(folded)).toBe(JSON.stringify(fullFold({ revision: revision + 10 })));
    expect(snapshots.latest(STREAM, 'contract-older-code')).toBeUndefined();
    expect(snapshots.latest(STREAM, contractFold.version)?.revision).toBe(revision);
  });

  it('is versioned by the source of every function of the facets\' tables: replacing any one changes the version', () => {
    expect(contractFold.version).toBe(contractFoldVersion(CONTRACT_EVOLVE));
    expect(contractFold.evolve(initialContractState(), history[0])).toEqual(evolveContract(initialContractState(), history[0] as unknown as ProcurementEvent));
    const types = Object.keys(CONTRACT_EVOLVE) as Array<keyof typeof CONTRACT_EVOLVE>;
    expect(types.length).toBeGreaterThan(40);
    const unchanged = types.filter((type) => contractFoldVersion({ ...CONTRACT_EVOLVE, [type]: (state: ContractState) => ({ ...state }) }) === contractFold.version);
    expect(unchanged).toEqual([]);
    // The same functions under other event types fold differently: the version tells them apart too.
    const [first, second] = types;
    expect(contractFoldVersion({ ...CONTRACT_EVOLVE, [first]: CONTRACT_EVOLVE[second], [second]: CONTRACT_EVOLVE[first] })).not.toBe(contractFold.version);
  });

  it('is versioned by the upcasters the contract\'s events are read through before the fold: changing any one changes the version', () => {
    expect(CONTRACT_EVENT_UPCASTERS.map(({ type, fromVersion }) => `${type} ${fromVersion}`)).toEqual(expect.arrayContaining(['AmendmentProposed 1', 'AmendmentProposed 2', 'ClauseAdded 1']));
    expect(CONTRACT_EVENT_UPCASTERS.map(({ type }) => type)).not.toContain('TraineeEntered');
    const unchanged = CONTRACT_EVENT_UPCASTERS.filter(
      (changed) => contractFoldVersion(CONTRACT_EVOLVE, CONTRACT_EVENT_UPCASTERS.map((upcaster) => (upcaster === changed ? { ...upcaster, upcast: (data) => ({ ...data }) } : upcaster))) === contractFold.version,
    );
    expect(unchanged).toEqual([]);
  });

  it('lists every domain function the tables and the upcasters call, so that changing any of them changes the version', () => {
    const domain = join(__dirname, '../domain');
    const declared = new Set<string>();
    for (const file of readdirSync(domain, { recursive: true }) as string[]) {
      if (!file.endsWith('.ts') || file.endsWith('.spec.ts')) continue;
      const source = readFileSync(join(domain, file), 'utf8');
      for (const match of source.matchAll(/(?:^|\n)(?:export )?(?:function (\w+)|const (\w+) = (?:\([^)]*\)|\w+) =>)/g)) declared.add(match[1] ?? match[2]);
    }
    const code: Array<(...args: never[]) => unknown> = [...Object.values(CONTRACT_EVOLVE), ...CONTRACT_FOLD_HELPERS, ...CONTRACT_EVENT_UPCASTERS.map(({ upcast }) => upcast)];
    const listed = new Set(code.map((fn) => fn.name));
    const missing = code.flatMap((fn) =>
      [...String(fn).matchAll(/\b(\w+)\(/g)].map((call) => call[1]).filter((name) => declared.has(name) && !listed.has(name)).map((name) => `${fn.name} calls ${name}`),
    );
    expect(missing).toEqual([]);
    for (const name of ['evolveContract', 'evolveCoFinancing', 'afterReduction', 'evolveDateShiftRequests', 'bringIntoForce', 'withLot']) expect(listed).toContain(name);
  });
});
