/**
 * Rebuild rate of the read models: generates a realistic log (contracts with lots, clauses, awards, orders,
 * adjustments, session moves, amendments, and delivery reports: entries, waiting lists, exits, completions) into an embedded
 * store, then rebuilds every read model from position 0 and reports events/s and peak memory. With BENCH_SOURCE=postgres the
 * rebuild reads the same log copied into a PostgreSQL store.
 *   npm run bench:projections            (1,000,000 events)
 *   BENCH_EVENTS=200000 npm run bench:projections
 *   BENCH_LOG=/tmp/log.db npm run bench:projections   (keeps the generated log there and reuses it next time)
 *   BENCH_ROUNDS=5 BENCH_BREAKDOWN=1 npm run bench:projections   (more rounds; then each read model alone)
 *   BENCH_FLOORS=1 npm run bench:projections   (then what reading the log and writing the rows cost alone)
 *   BENCH_INTERLEAVE=50 BENCH_LOG=/tmp/interleaved.db npm run bench:projections   (a log of 50 contracts at a time, interleaved)
 *   BENCH_LOG=/tmp/log.db BENCH_SOURCE=postgres npm run bench:projections   (rebuilds from the log copied in global order into
 *     schema BENCH_POSTGRES_SCHEMA, default bench_projections, of POSTGRES_URL, default the local test database; kept,
 *     and reused while it holds as many events as the log)
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import type { ChainedEventRow } from '../libs/event-store/src/chain/chain-verifier';
import { EmbeddedEventStore } from '../libs/event-store/src/embedded/embedded-event-store';
import type { EventData, EventMetadata, EventStore, EventToAppend } from '../libs/event-store/src/event-store.port';
import { PostgresEventStore } from '../libs/event-store/src/postgres/postgres-event-store';
import { TEST_POSTGRES_URL } from '../libs/event-store/src/postgres/testing/test-schema';
import { readingCurrentShapes } from '../libs/procurement/src/application/current-shapes';
import { Projection } from '../libs/projections/src/projection';
import { Projector } from '../libs/projections/src/projector';
import { PROJECTIONS } from '../libs/projections/src/read-models';
import { ReadModelFiles } from '../libs/projections/src/sqlite/read-model-database';

const TOTAL = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const EVENTS_PER_CONTRACT = 1_000;
const APPEND_SIZE = 250;
/**
 * Contracts written side by side (BENCH_INTERLEAVE, default 1: one contract after the other), in turns of
 * INTERLEAVED_RUN events of each contract's life, as years of activity on many contracts give a log where the next event
 * of a contract comes after many of others: read models then let go of rows they need again.
 */
const INTERLEAVE = Number(process.env.BENCH_INTERLEAVE ?? 1);
const INTERLEAVED_RUN = 10;
const TARGET_EVENTS_PER_SECOND = 100_000;
/** Where to keep the generated log between runs (generating 1,000,000 events takes about a minute). */
const KEPT_LOG = process.env.BENCH_LOG;
/** Rebuilds measured (the median is reported): other work on the machine moves single runs a lot. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Also rebuild each read model alone, to see what each costs. */
const BREAKDOWN = process.env.BENCH_BREAKDOWN === '1';
/** Also time the parts no read-model code can avoid: reading and parsing the log, and SQLite writing the rows. */
const FLOORS = process.env.BENCH_FLOORS === '1';
/** Where the rebuild reads the log: the embedded file itself, or a copy of it in PostgreSQL. */
const SOURCE = process.env.BENCH_SOURCE ?? 'embedded';
/** POSTGRES_URL, or the local server's `test` database as the local user (trust auth). */
const POSTGRES_URL = TEST_POSTGRES_URL;
/** Kept between runs: copying 1,000,000 events takes minutes. */
const POSTGRES_SCHEMA = process.env.BENCH_POSTGRES_SCHEMA ?? 'bench_projections';
/** Events of one stream appended at a time when copying: the log's runs are at most APPEND_SIZE long anyway. */
const COPY_APPEND_SIZE = 250;
/** Rows of the embedded log read at a time when copying; one page is being written while the next is queued. */
const COPY_PAGE = 10_000;

type Draft = Omit<EventToAppend, 'id' | 'metadata'>;

function metadata(tenant: string, i: number, role: EventMetadata['role'] = 'buyer'): EventMetadata {
  const commandId = randomUUID();
  return {
    actorId: `${role}-${i % 50}`,
    role,
    tenant,
    commandId,
    correlationId: commandId,
    causationId: commandId,
    occurredAt: new Date(Date.UTC(2026, 0, 5) + i * 60_000).toISOString(),
    schemaVersion: 1,
  };
}

/** The opening of a contract: drafted, two lots, clauses, published, awarded, activated. */
function opening(contractId: string, tenant: string): Draft[] {
  const workUnit = (type: string, price: number) => ({ type, unitPriceCents: price, initialQuantity: 500, minQuantity: 100, maxQuantity: 1_000_000 });
  return [
    {
      type: 'ContractDrafted',
      data: { contractId, tenant, buyerId: 'buyer-1', title: 'Parcours qualifiants 2026-2029', mode: 'FRAMEWORK_AGREEMENT', awardProcedure: { procedure: 'OPEN_TENDER' }, cpvCode: '80530000-8', startDate: '2026-01-01', endDate: '2029-12-31', initialValueCents: 500_000_000, maximumValueCents: 900_000_000_000, amendmentResponseDays: 15 },
    },
    { type: 'LotDefined', data: { lotId: 'LOT-1', title: 'Parcours numériques', scope: { domainCode: '31054', territoryCodes: ['69'], targetPublics: ['QPV_RESIDENTS'] }, workUnits: [workUnit('PATHWAY', 300_000)], maximumValueCents: 500_000_000_000 } },
    { type: 'LotDefined', data: { lotId: 'LOT-2', title: 'Entrées permanentes', scope: { domainCode: '15054', territoryCodes: ['38'], targetPublics: ['RURAL_RESIDENTS'] }, workUnits: [workUnit('OPEN_DAY', 80_000)], maximumValueCents: 400_000_000_000 } },
    { type: 'ClauseAdded', data: { clauseId: 'VOL-1', lotId: 'LOT-1', terms: { type: 'VOLUME', unitType: 'PATHWAY', percent: 20 } } },
    { type: 'ClauseAdded', data: { clauseId: 'CAL-1', terms: { type: 'CALENDAR', maxShiftDays: 30 } } },
    { type: 'ContractPublished', data: { contractId, publishedAt: '2025-10-01T09:00:00.000Z' } },
    { type: 'LotAwarded', data: { lotId: 'LOT-1', awardee: { kind: 'PROVIDER', providerId: 'of-a' }, awardedAt: '2025-12-01T09:00:00.000Z' } },
    { type: 'LotAwarded', data: { lotId: 'LOT-2', awardee: { kind: 'PROVIDER', providerId: 'of-b' }, awardedAt: '2025-12-01T09:00:00.000Z' } },
    { type: 'ContractActivated', data: { contractId, activatedAt: '2026-01-02T09:00:00.000Z' } },
  ];
}

const check = { lotOrderedAfter: { PATHWAY: 120 }, lotMaximum: { PATHWAY: 1_000_000 }, lotValueAfterCents: 36_000_000, contractValueAfterCents: 90_000_000, contractMaximumValueCents: 900_000_000_000 };

/** The n-th event of a contract's life after its opening: the mix of an active framework agreement. */
function activity(contractId: string, n: number, orders: string[]): { stream: 'contract' | 'delivery'; event: Draft } {
  const roll = n % 20;
  const session = { sessionId: `S-${n}`, startDate: '2026-04-06', endDate: '2026-07-03', place: 'Lyon 8e', capacity: 12, modality: 'IN_PERSON' };
  if (roll < 2 || orders.length === 0) {
    const orderId = `order-${n}`;
    orders.push(orderId);
    const lotId = n % 2 === 0 ? 'LOT-1' : 'LOT-2';
    const unitType = lotId === 'LOT-1' ? 'PATHWAY' : 'OPEN_DAY';
    return {
      stream: 'contract',
      event: { type: 'OrderIssued', data: { orderId, lotId, lines: [{ unitType, quantity: 12 }], sessions: [session], periodStart: '2026-04-01', periodEnd: '2026-12-31', valueCents: 3_600_000, check } },
    };
  }
  const orderId = orders[n % orders.length];
  if (roll < 9) {
    return {
      stream: 'contract',
      event: { type: 'OrderQuantityAdjusted', data: { orderId, clauseId: 'VOL-1', reason: 'Liste d’attente de 6 personnes', unitType: 'PATHWAY', delta: 1, quantityAfter: 13, valueDeltaCents: 300_000, check } },
    };
  }
  if (roll < 11) {
    return { stream: 'contract', event: { type: 'OrderSessionMoved', data: { orderId, clauseId: 'CAL-1', reason: 'Saison de recrutement', sessionId: `S-${n}`, startDate: '2026-04-20', endDate: '2026-07-17', shiftDays: 14 } } };
  }
  if (roll === 11) {
    const amendmentId = `amendment-${n}`;
    return { stream: 'contract', event: { type: 'AmendmentNotified', data: { amendmentId, providerIds: ['of-a'], notifiedAt: '2026-03-02T09:00:00.000Z', responseDeadline: '2026-03-17' } } };
  }
  if (roll === 12) {
    return { stream: 'contract', event: { type: 'AmendmentAccepted', data: { amendmentId: `amendment-${n - 1}`, providerId: 'of-a', acceptedAt: '2026-03-05T09:00:00.000Z' } } };
  }
  // Delivery reports, half the log: mostly entries, then waiting lists, exits and completions.
  const of = { contractId, orderId, sessionId: orderId.replace('order-', 'S-'), traineeId: `t-${n}` };
  if (roll === 13) return { stream: 'delivery', event: { type: 'TraineeWaitlisted', data: { ...of, traineeId: `w-${n}`, on: '2026-04-06', publics: noPublic } } };
  if (roll === 14) return { stream: 'delivery', event: { type: 'TraineeLeftEarly', data: { ...of, traineeId: `t-${n - 18}`, on: '2026-05-06', reason: 'EMPLOYMENT' } } };
  if (roll === 15) return { stream: 'delivery', event: { type: 'TraineeCompleted', data: { ...of, traineeId: `t-${n - 18}`, on: '2026-07-03' } } };
  return {
    stream: 'delivery',
    event: { type: 'TraineeEntered', data: { ...of, enteredOn: '2026-04-06', publics: { ...noPublic, qpvResident: n % 5 === 0, isolatedParent: n % 7 === 0, youngNeet: n % 3 === 0 } } },
  };
}

const noPublic = { qpvResident: false, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: false };

async function generate(store: EmbeddedEventStore): Promise<number> {
  const contracts = Math.ceil(TOTAL / EVENTS_PER_CONTRACT);
  const tenants = ['ARA', 'BFC', 'BRE', 'HDF', 'IDF', 'NAQ', 'OCC', 'PAC'];
  let written = 0;
  let i = 0;
  for (let c = 0; c < contracts && written < TOTAL; c += INTERLEAVE) {
    // The contracts written side by side, each with its events in the order of its life.
    const lives: Array<{ contractId: string; tenant: string; events: Array<{ stream: 'contract' | 'delivery'; event: Draft }> }> = [];
    for (let k = c; k < Math.min(contracts, c + INTERLEAVE) && written < TOTAL; k++) {
      const contractId = randomUUID();
      const tenant = tenants[k % tenants.length];
      const orders: string[] = [];
      const events: Array<{ stream: 'contract' | 'delivery'; event: Draft }> = opening(contractId, tenant).map((event) => ({ stream: 'contract', event }));
      for (let n = events.length; n < EVENTS_PER_CONTRACT && written + events.length < TOTAL; n++) events.push(activity(contractId, n, orders));
      lives.push({ contractId, tenant, events });
      written += events.length;
    }
    // Appended in this order (the store keeps it). One contract after the other: its whole contract stream, then
    // its delivery stream. Side by side: INTERLEAVED_RUN events of each contract's life in turn, so that a
    // delivery report still comes after the order it reports on.
    const runs: Array<{ stream: string; tenant: string; events: Draft[] }> = [];
    /** Runs of up to `size` events of one stream, from these events of a contract's life, in their order. */
    const addRuns = (contractId: string, tenant: string, part: ReadonlyArray<{ stream: 'contract' | 'delivery'; event: Draft }>, size: number) => {
      let run: (typeof runs)[number] | undefined;
      for (const { stream, event } of part) {
        const name = `${stream}-${contractId}`;
        if (!run || run.stream !== name || run.events.length === size) {
          run = { stream: name, tenant, events: [] };
          runs.push(run);
        }
        run.events.push(event);
      }
    };
    if (INTERLEAVE === 1) {
      for (const { contractId, tenant, events } of lives) {
        for (const stream of ['contract', 'delivery'] as const) addRuns(contractId, tenant, events.filter((e) => e.stream === stream), APPEND_SIZE);
      }
    } else {
      for (let from = 0; lives.some(({ events }) => from < events.length); from += INTERLEAVED_RUN) {
        for (const { contractId, tenant, events } of lives) addRuns(contractId, tenant, events.slice(from, from + INTERLEAVED_RUN), INTERLEAVED_RUN);
      }
    }
    await Promise.all(
      runs.map(({ stream, tenant, events }) =>
        store.appendToStream(stream, events.map((event) => ({ ...event, id: randomUUID(), metadata: metadata(tenant, i++) })), { expectedRevision: 'any' }),
      ),
    );
  }
  return written;
}

interface Rebuild {
  applied: number;
  seconds: number;
  /** CPU time of the process (user + system): less disturbed than the clock by other work on the machine. */
  cpuSeconds: number;
}

/** Rebuilds these read models from position 0 into a new generation, as `npm run projections:rebuild` does. */
async function rebuild(store: EventStore, files: ReadModelFiles, projections: readonly Projection[], keep?: (projector: Projector) => void): Promise<Rebuild> {
  // Through the upcasters, as the rebuild command and the apps read the log.
  const projector = new Projector(readingCurrentShapes(store), files.open(files.newGeneration(), projections), projections);
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const applied = await projector.catchUp();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  keep?.(projector);
  projector.database.close();
  rmSync(projector.database.file, { force: true });
  return { applied, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

/**
 * Lower bounds of a rebuild on this machine: the log read in pages as the projector reads it (rows only, then
 * with every event's data and metadata parsed), and the rows the read models hold once rebuilt, copied by
 * SQLite alone (no JavaScript) into an empty generation, in key order and in random order.
 */
async function floors(store: EventStore, files: ReadModelFiles): Promise<void> {
  for (const parse of [false, true]) {
    const started = process.hrtime.bigint();
    let count = 0;
    let fields = 0;
    for (let after = 0; ; ) {
      const page = await store.replayAll({ afterPosition: after, maxCount: 2000 });
      if (page.length === 0) break;
      if (parse) for (const event of page) fields += Object.keys(event.data).length + Object.keys(event.metadata).length;
      count += page.length;
      after = page[page.length - 1].position;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(`floor: reading ${count.toLocaleString('en-US')} events${parse ? ` and parsing them (${fields.toLocaleString('en-US')} fields)` : ''}: ${seconds.toFixed(2)} s`);
  }
  await rebuild(store, files, PROJECTIONS, (projector) => {
    const source = projector.database.file;
    const tables = projector.database.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[];
    const rows = tables.reduce((sum, table) => sum + (projector.database.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number), 0);
    for (const order of ['key order', 'random order']) {
      const target = files.open(files.newGeneration(), PROJECTIONS);
      target.db.prepare('ATTACH DATABASE ? AS rebuilt').run(source);
      const started = process.hrtime.bigint();
      target.db.transaction(() => {
        for (const table of tables) {
          const columns = (target.db.prepare(`SELECT name FROM pragma_table_xinfo(?, 'main') WHERE hidden = 0`).pluck().all(table) as string[]).join(', ');
          target.db.exec(`DELETE FROM main.${table}; INSERT INTO main.${table} (${columns}) SELECT ${columns} FROM rebuilt.${table}${order === 'random order' ? ' ORDER BY random()' : ''}`);
        }
      })();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      target.db.exec('DETACH DATABASE rebuilt');
      target.close();
      rmSync(target.file, { force: true });
      console.log(`floor: SQLite alone writing the ${rows.toLocaleString('en-US')} rows of the rebuilt read models, ${order}, one transaction: ${seconds.toFixed(2)} s`);
    }
  });
}

/** The columns of an embedded log's row that a copy appends again. */
type CopiedRow = Pick<ChainedEventRow, 'position' | 'stream_id' | 'revision' | 'event_id' | 'type' | 'data' | 'metadata'>;

/**
 * Appends the embedded log to an empty PostgreSQL store in its global order, each run of one stream's events
 * (at most COPY_APPEND_SIZE) in one append with its expected revision, and fails unless every event lands at its
 * position in the log. The file is opened read-only: a kept log is never written by a copy.
 */
async function copyLog(logFile: string, target: PostgresEventStore): Promise<void> {
  const db = new Database(logFile, { readonly: true, fileMustExist: true });
  try {
    const page = db.prepare<[number, number], CopiedRow>(
      'SELECT position, stream_id, revision, event_id, type, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT ?',
    );
    const append = (run: CopiedRow[]): Promise<void> => {
      const last = run[run.length - 1];
      const events = run.map((row) => ({ id: row.event_id, type: row.type, data: JSON.parse(row.data) as EventData, metadata: JSON.parse(row.metadata) as EventMetadata }));
      return target.appendToStream(last.stream_id, events, { expectedRevision: run[0].revision === 0 ? 'no_stream' : run[0].revision - 1 }).then((result) => {
        if (result.position !== last.position) throw new Error(`copy out of order: event ${last.position} of the log landed at ${result.position}`);
      });
    };
    let writing: Promise<unknown> = Promise.resolve();
    for (let after = 0; ; ) {
      const rows = page.all(after, COPY_PAGE);
      if (rows.length === 0) break;
      // Queued in order: the store writes its pending appends in the order they came.
      const appends: Array<Promise<void>> = [];
      let run: CopiedRow[] = [];
      for (const row of rows) {
        if (run.length > 0 && (run[0].stream_id !== row.stream_id || run.length === COPY_APPEND_SIZE)) {
          appends.push(append(run));
          run = [];
        }
        run.push(row);
      }
      appends.push(append(run));
      const queued = Promise.all(appends);
      // Handled here so that a failure of this page while the previous one is awaited is not unhandled.
      queued.catch(() => undefined);
      await writing;
      writing = queued;
      after = rows[rows.length - 1].position;
    }
    await writing;
  } finally {
    db.close();
  }
}

/** The number of events of the embedded log, read without opening it for writing. */
function eventsIn(logFile: string): number {
  const db = new Database(logFile, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT position FROM chain_head WHERE id = 1').get() as { position: number }).position;
  } finally {
    db.close();
  }
}

/**
 * The PostgreSQL store of the bench's schema holding the log: kept from the previous run when it holds as many
 * events, otherwise emptied (a copy stopped half-way, or of another log) and copied again.
 */
async function postgresSource(logFile: string, events: number): Promise<{ store: PostgresEventStore; copySeconds?: number }> {
  const location = { url: POSTGRES_URL, schema: POSTGRES_SCHEMA };
  let store = await PostgresEventStore.open(location);
  const held = await store.headPosition();
  if (held === events) return { store };
  if (held > 0) {
    await store.close();
    const client = new Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA ${POSTGRES_SCHEMA} CASCADE`);
    } finally {
      await client.end();
    }
    store = await PostgresEventStore.open(location);
  }
  const started = process.hrtime.bigint();
  await copyLog(logFile, store);
  const copySeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const copied = await store.headPosition();
  if (copied !== events) throw new Error(`PostgreSQL schema ${POSTGRES_SCHEMA} holds ${copied} events after the copy, the log ${events}`);
  return { store, copySeconds };
}

/** The URL without its password, for the output. */
const redacted = (url: string): string => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const perSecond = (count: number, seconds: number): string => Math.round(count / seconds).toLocaleString('en-US');

async function main(): Promise<void> {
  if (SOURCE !== 'embedded' && SOURCE !== 'postgres') throw new Error(`BENCH_SOURCE must be embedded or postgres, not ${SOURCE}`);
  if (!Number.isInteger(INTERLEAVE) || INTERLEAVE < 1) throw new Error(`BENCH_INTERLEAVE must be a whole number from 1, not ${process.env.BENCH_INTERLEAVE}`);
  const folder = mkdtempSync(join(tmpdir(), 'bench-projections-'));
  try {
    const logFile = KEPT_LOG ?? join(folder, 'events.db');
    const reused = existsSync(logFile);
    // A kept log read from PostgreSQL is only copied: it is not opened for writing.
    const embedded = SOURCE === 'embedded' || !reused ? EmbeddedEventStore.open({ file: logFile }) : undefined;
    const started = process.hrtime.bigint();
    const written = !embedded ? eventsIn(logFile) : reused ? await embedded.headPosition() : await generate(embedded);
    const generateSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(`machine: ${cpus().length} x ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, load average ${loadavg().map((load) => load.toFixed(1)).join(' ')}`);
    console.log(`log: ${written.toLocaleString('en-US')} events ${reused ? `reused from ${logFile}` : `generated in ${generateSeconds.toFixed(1)} s`} (contracts of ${EVENTS_PER_CONTRACT} events: ~45% contract decisions, ~55% delivery reports${reused ? '' : INTERLEAVE > 1 ? `; ${INTERLEAVE} contracts written side by side in turns of ${INTERLEAVED_RUN} events of each` : '; one contract after the other'})`);
    let store: EventStore;
    let copied = false;
    if (SOURCE === 'postgres') {
      await embedded?.close();
      const source = await postgresSource(logFile, written);
      store = source.store;
      copied = source.copySeconds !== undefined;
      const where = `PostgreSQL ${redacted(POSTGRES_URL)}, schema ${POSTGRES_SCHEMA}`;
      console.log(
        `source: ${where}: ${written.toLocaleString('en-US')} events ${
          source.copySeconds === undefined
            ? 'reused (the schema already held as many)'
            : `copied in ${source.copySeconds.toFixed(1)} s = ${perSecond(written, source.copySeconds)} events/s (appends of up to ${COPY_APPEND_SIZE} events of one stream, in the log's global order)`
        }`,
      );
    } else {
      store = embedded!;
    }

    const files = new ReadModelFiles(folder);
    const rssBefore = process.memoryUsage().rss;
    const rounds: Rebuild[] = [];
    let counts: Record<string, number> = {};
    for (let round = 1; round <= ROUNDS; round++) {
      const result = await rebuild(store, files, PROJECTIONS, (projector) => {
        counts = Object.fromEntries(
          ['lot_consumption', 'contract_budget', 'provider_inbox', 'session_fill', 'lot_delivery', 'priority_publics', 'quality_indicators'].map((table) => [
            table,
            (projector.database.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
          ]),
        );
      });
      rounds.push(result);
      console.log(`round ${round}: ${result.applied.toLocaleString('en-US')} events in ${result.seconds.toFixed(2)} s = ${perSecond(result.applied, result.seconds)} events/s (CPU ${result.cpuSeconds.toFixed(2)} s = ${perSecond(result.applied, result.cpuSeconds)} events/s)`);
    }
    const applied = rounds[0].applied;
    const rate = applied / median(rounds.map((round) => round.seconds));
    const peakRssMiB = process.resourceUsage().maxRSS / 1024;
    console.log(`read-model rows: ${JSON.stringify(counts)}`);
    console.log(`rebuild, median of ${ROUNDS}: ${perSecond(applied, median(rounds.map((round) => round.seconds)))} events/s by the clock, ${perSecond(applied, median(rounds.map((round) => round.cpuSeconds)))} events/s of CPU time`);
    console.log(`memory: RSS before the rebuilds ${(rssBefore / 2 ** 20).toFixed(0)} MiB, peak RSS of the process ${peakRssMiB.toFixed(0)} MiB${reused ? (copied ? ' (includes copying the log)' : '') : copied ? ' (includes generating and copying the log)' : ' (includes generating the log)'}`);
    console.log(`target: >= ${TARGET_EVENTS_PER_SECOND.toLocaleString('en-US')} events/s: ${rate >= TARGET_EVENTS_PER_SECOND ? 'MET' : 'NOT MET'}`);

    if (BREAKDOWN) {
      // Reading alone (no read model: rows read, nothing parsed), then the two mappings other read models read
      // (order placements, trainee records), then each read model alone with them; CPU time per 100,000 events.
      const per100k = (result: Rebuild) => ((result.cpuSeconds * 100_000) / result.applied) * 1000;
      const reading = per100k(await rebuild(store, files, []));
      console.log(`breakdown, CPU ms per 100,000 events: reading the log ${reading.toFixed(0)}`);
      const mappings = PROJECTIONS.filter((projection) => projection.name === 'order_placements' || projection.name === 'trainee_records');
      const withMappings = per100k(await rebuild(store, files, mappings));
      console.log(`  ${mappings.map((projection) => projection.name).join(' + ')}: ${(withMappings - reading).toFixed(0)}`);
      for (const projection of PROJECTIONS.filter((candidate) => !mappings.includes(candidate))) {
        const alone = PROJECTIONS.filter((candidate) => candidate === projection || mappings.includes(candidate));
        console.log(`  + ${projection.name}: ${(per100k(await rebuild(store, files, alone)) - withMappings).toFixed(0)}`);
      }
    }
    if (FLOORS) await floors(store, files);
    await store.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
