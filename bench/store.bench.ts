/**
 * Event store bench: the embedded adapter (a) against a raw better-sqlite3 loop with the same durability (b, the
 * local ceiling) and Emmett's SQLite event store (c), each on a fresh temp directory, and the PostgreSQL adapter
 * (d) on a throwaway schema of POSTGRES_URL (default postgres://127.0.0.1:5432/test), in one run.
 *
 *   npm run bench:store                              # defaults, about a minute on 2 cores
 *   BENCH_SCALE=0.25 npm run bench:store             # quicker, noisier
 *   BENCH_ONLY=a,b npm run bench:store               # a subset of the candidates
 *   POSTGRES_URL=postgres://me@db:5432/bench npm run bench:store   # (d) on another server
 *   BENCH_EMMETT_PER_WRITER=1 npm run bench:store    # also probe Emmett with one store instance per writer
 *
 * The candidates take turns: every phase is split in rounds and each round runs every candidate once, in a
 * rotated order, so a slow patch of the disk (fsync latency drifts on shared/virtual disks) hits them alike.
 * See bench/README.md for what each row measures and how to read it.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { arch, cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import sqlite3 from 'sqlite3';
import type { Candidate } from './candidate';
import { EmbeddedCandidate } from './embedded.candidate';
import { EmmettCandidate, probeEmmettPerWriterInstances } from './emmett.candidate';
import { eventSizes, makeEvent, makeEvents, type BenchEvent } from './events';
import { PostgresCandidate } from './postgres.candidate';
import { RawSqliteCandidate } from './raw-sqlite.candidate';

// ---------------------------------------------------------------- configuration

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

const SCALE = envNumber('BENCH_SCALE', 1);
const scaled = (name: string, base: number): number => Math.max(1, Math.round(envNumber(name, base * SCALE)));
const int = (name: string, fallback: number): number => Math.max(1, Math.round(envNumber(name, fallback)));

const COUNTS = {
  warmup: 100,
  single: scaled('BENCH_SINGLE', 6_000),
  writers: int('BENCH_WRITERS', 32),
  perWriter: scaled('BENCH_PER_WRITER', 300),
  streamLength: scaled('BENCH_STREAM', 10_000),
  total: scaled('BENCH_TOTAL', 50_000),
  pageSize: int('BENCH_PAGE', 1_000),
  appendRounds: int('BENCH_ROUNDS', 12),
  readRepeats: int('BENCH_READ_REPEATS', 5),
};
const SINGLE_STREAMS = 16;
const FILL_BATCH = 500;
const PROBE_SECONDS = 10;

// ---------------------------------------------------------------- state of one candidate

interface Rate {
  /** Rate of each round, in round order. */
  rounds: number[];
}

interface Slot {
  candidate: Candidate;
  dir: string;
  opened: boolean;
  error?: string;
  notes: string[];
  singleRevisions: number[];
  writerRevisions: number[];
  written: number;
  single: Rate;
  concurrent: Rate;
  latencies: number[];
  streamRead: number[];
  readAll: number[];
}

const newRate = (): Rate => ({ rounds: [] });

function record(rate: Rate, count: number, seconds: number): void {
  if (count > 0) rate.rounds.push(count / seconds);
}

const progress = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function timed(task: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await task();
  return (performance.now() - start) / 1000;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

function median(values: number[]): number {
  return quantile([...values].sort((x, y) => x - y), 0.5);
}

/** Runs `round` `rounds` times over the live candidates, rotating their order; a failure retires a candidate. */
async function inRounds(
  slots: Slot[],
  phase: string,
  rounds: number,
  round: (slot: Slot, r: number) => Promise<void>,
): Promise<void> {
  for (let r = 0; r < rounds; r++) {
    const live = slots.filter((s) => !s.error);
    const order = live.map((_, i) => live[(i + r) % live.length]!);
    for (const slot of order) {
      gc();
      try {
        await round(slot, r);
      } catch (error) {
        slot.error = `${phase}: ${(error as Error).stack ?? String(error)}`;
        progress(`  ${slot.candidate.key} FAILED in ${phase}: ${(error as Error).message}`);
      }
    }
  }
}

function chunk(total: number, rounds: number, r: number): [number, number] {
  const size = Math.ceil(total / rounds);
  return [Math.min(total, r * size), Math.min(total, (r + 1) * size)];
}

// ---------------------------------------------------------------- phases

async function appendSingle(slot: Slot, events: BenchEvent[], r: number): Promise<void> {
  const [from, to] = chunk(events.length, COUNTS.appendRounds, r);
  const { candidate, singleRevisions: revisions, latencies } = slot;
  const seconds = await timed(async () => {
    for (let i = from; i < to; i++) {
      const s = i % SINGLE_STREAMS;
      const start = performance.now();
      await candidate.append(`single-${s}`, events[i]!, revisions[s]!);
      latencies.push(performance.now() - start);
      revisions[s]! += 1;
    }
  });
  slot.written += to - from;
  record(slot.single, to - from, seconds);
}

async function appendConcurrent(slot: Slot, events: BenchEvent[], r: number): Promise<void> {
  const [from, to] = chunk(COUNTS.perWriter, COUNTS.appendRounds, r);
  const { candidate, writerRevisions: revisions } = slot;
  let failure: { error: unknown } | undefined;
  const seconds = await timed(async () => {
    await Promise.all(
      Array.from({ length: COUNTS.writers }, async (_, w) => {
        for (let i = from; i < to && !failure; i++) {
          try {
            await candidate.append(`conc-${w}`, events[w * COUNTS.perWriter + i]!, revisions[w]!);
            revisions[w]! += 1;
          } catch (error) {
            // Stop every writer before the store is closed and its directory removed.
            failure ??= { error };
          }
        }
      }),
    );
  });
  if (failure) throw failure.error;
  slot.written += COUNTS.writers * (to - from);
  record(slot.concurrent, COUNTS.writers * (to - from), seconds);
}

/** Not measured: the long stream, then filler streams up to the readAll total. */
async function load(slot: Slot): Promise<void> {
  const { candidate } = slot;
  let seq = 2_000_000;
  const seconds = await timed(async () => {
    for (let revision = -1; revision + 1 < COUNTS.streamLength; ) {
      const batch = makeEvents(seq, Math.min(FILL_BATCH, COUNTS.streamLength - (revision + 1)));
      seq += batch.length;
      await candidate.fill('big-0', batch, revision);
      revision += batch.length;
      slot.written += batch.length;
    }
    for (let s = 0; slot.written < COUNTS.total; s++) {
      const batch = makeEvents(seq, Math.min(FILL_BATCH, COUNTS.total - slot.written));
      seq += batch.length;
      await candidate.fill(`fill-${s}`, batch, -1);
      slot.written += batch.length;
    }
  });
  progress(`  ${candidate.key} loaded to ${slot.written} events in ${seconds.toFixed(1)} s (not measured)`);
}

async function readRound(
  slot: Slot,
  r: number,
  expected: number,
  into: number[],
  read: () => Promise<number>,
): Promise<void> {
  let count = 0;
  const seconds = await timed(async () => {
    count = await read();
  });
  if (count !== expected) throw new Error(`read ${count} events, expected ${expected}`);
  if (r > 0) into.push(count / seconds); // round 0 is the warm-up
}

// ---------------------------------------------------------------- report

function fmt(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return Math.round(value).toLocaleString('en-US');
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  const line = (row: string[]): string =>
    '| ' + row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ') + ' |';
  const rule = '|' + widths.map((w, c) => (c === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|';
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n');
}

function packageVersion(name: string): string {
  let dir = dirname(require.resolve(name));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version ?? '?';
    } catch {
      // no package.json here: keep walking up
    }
    const parent = dirname(dir);
    if (parent === dir) return '?';
    dir = parent;
  }
}

function machine(): string[] {
  const cpuList = cpus();
  const probe = new Database(':memory:');
  const betterSqliteVersion = (probe.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  probe.close();
  return [
    `machine: ${platform()} ${arch()} ${release()}, ${cpuList.length} x ${cpuList[0]?.model.trim() ?? '?'}, ` +
      `${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, node ${process.version}`,
    `drivers: better-sqlite3 ${packageVersion('better-sqlite3')} (SQLite ${betterSqliteVersion}), ` +
      `sqlite3 ${packageVersion('sqlite3')} (SQLite ${sqlite3.VERSION}), ` +
      `@event-driven-io/emmett-sqlite ${packageVersion('@event-driven-io/emmett-sqlite')}, pg ${packageVersion('pg')}`,
    `temp dir: ${tmpdir()}`,
  ];
}

/** A rate per round (aligned across candidates: round i of each ran back to back) and its median. */
interface Series {
  median: number;
  rounds: number[];
}

interface Metrics {
  single: Series;
  concurrent: Series;
  streamRead: Series;
  readAll: Series;
}

const series = (rounds: number[]): Series => ({ median: median(rounds), rounds });

function metrics(slot: Slot): Metrics {
  return {
    single: series(slot.single.rounds),
    concurrent: series(slot.concurrent.rounds),
    streamRead: series(slot.streamRead),
    readAll: series(slot.readAll),
  };
}

/**
 * Median over rounds of x[i] / y[i]: each pair ran back to back, so disk or CPU drift across the run
 * (other work on the machine) mostly cancels out of the ratio.
 */
function pairedRatio(x: Series, y: Series): number {
  const ratios = x.rounds.map((value, i) => value / (y.rounds[i] ?? NaN)).filter((r) => Number.isFinite(r));
  return ratios.length === 0 ? NaN : median(ratios);
}

function targets(a?: Metrics, b?: Metrics, c?: Metrics): string[] {
  const lines: string[] = [];
  const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;
  const times = (x: number): string => `${x.toFixed(1)}x`;
  const check = (label: string, ratio: number, goal: number, detail: string): void => {
    const status = !Number.isFinite(ratio) ? '  n/a ' : ratio >= goal ? ' MET  ' : 'MISSED';
    lines.push(`  [${status}] ${label}: ${detail}`);
  };
  const vs = (x: Series, y: Series, unit: string): string =>
    `median of ${Math.min(x.rounds.length, y.rounds.length)} paired rounds; medians ${fmt(x.median)} vs ` +
    `${fmt(y.median)} ${unit}`;
  if (a && b) {
    const r = pairedRatio(a.single, b.single);
    check('single writer: (a) >= 50% of (b)', r, 0.5, `${pct(r)} (${vs(a.single, b.single, 'appends/s')})`);
  }
  if (a && c) {
    const r = pairedRatio(a.single, c.single);
    check('single writer: (a) >= 10x (c)', r, 10, `${times(r)} (${vs(a.single, c.single, 'appends/s')})`);
  }
  if (a && b) {
    const r = pairedRatio(a.concurrent, b.concurrent);
    check(
      `${COUNTS.writers} writers: (a) >= 2x (b)'s one-transaction-per-event rate`,
      r,
      2,
      `${times(r)} (${vs(a.concurrent, b.concurrent, 'appends/s')}); ` +
        `${times(a.concurrent.median / b.single.median)} (b)'s single-writer median`,
    );
    const ra = pairedRatio(a.readAll, b.readAll);
    check(
      'readAll: (a) >= 60% of (b) read-and-parse',
      ra,
      0.6,
      `${pct(ra)} (${vs(a.readAll, b.readAll, 'events/s')})`,
    );
  }
  return lines;
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  // Emmett logs failed transactions with console.log: keep stdout for the report.
  console.log = (...args: unknown[]) => console.error(...args);

  const only = (process.env.BENCH_ONLY ?? 'a,b,c,d').split(',').map((s) => s.trim().toLowerCase());
  const all: Candidate[] = [new EmbeddedCandidate(), new RawSqliteCandidate(), new EmmettCandidate(), new PostgresCandidate()];
  const candidates = all.filter((c) => only.includes(c.key.replace(/[()]/g, '')));
  COUNTS.total = Math.max(
    COUNTS.total,
    COUNTS.warmup + COUNTS.single + COUNTS.writers * COUNTS.perWriter + COUNTS.streamLength,
  );
  const singleEvents = makeEvents(0, COUNTS.single);
  const concurrentEvents = makeEvents(COUNTS.single, COUNTS.writers * COUNTS.perWriter);

  const started = performance.now();
  const slots: Slot[] = candidates.map((candidate) => ({
    candidate,
    dir: mkdtempSync(join(tmpdir(), 'store-bench-')),
    opened: false,
    notes: [],
    singleRevisions: new Array<number>(SINGLE_STREAMS).fill(-1),
    writerRevisions: new Array<number>(COUNTS.writers).fill(-1),
    written: 0,
    single: newRate(),
    concurrent: newRate(),
    latencies: [],
    streamRead: [],
    readAll: [],
  }));

  // Should the process die on an error no promise catches, the temp directories still go.
  process.on('exit', () => {
    for (const slot of slots) rmSync(slot.dir, { recursive: true, force: true });
  });

  let probe: string | undefined;
  try {
    for (const slot of slots) progress(`${slot.candidate.key} ${slot.candidate.label}: ${slot.dir}`);
    await inRounds(slots, 'open', 1, async (slot) => {
      await slot.candidate.open(slot.dir);
      slot.opened = true;
      slot.notes.push(...(await slot.candidate.describe()));
      // Warm-up (JIT, file growth, statement caches): not measured.
      for (let i = 0; i < COUNTS.warmup; i++) {
        await slot.candidate.append('warmup-0', makeEvent(1_000_000 + i), i - 1);
      }
      slot.written += COUNTS.warmup;
    });

    progress(`single writer: ${COUNTS.single} appends in ${COUNTS.appendRounds} rounds`);
    await inRounds(slots, 'single writer', COUNTS.appendRounds, (slot, r) => appendSingle(slot, singleEvents, r));
    for (const slot of slots.filter((s) => !s.error)) {
      progress(`  ${slot.candidate.key} ${fmt(metrics(slot).single.median)} appends/s (median round)`);
    }

    progress(`${COUNTS.writers} writers x ${COUNTS.perWriter} appends in ${COUNTS.appendRounds} rounds`);
    await inRounds(slots, 'concurrent writers', COUNTS.appendRounds, (slot, r) =>
      appendConcurrent(slot, concurrentEvents, r),
    );
    for (const slot of slots.filter((s) => !s.error)) {
      progress(`  ${slot.candidate.key} ${fmt(metrics(slot).concurrent.median)} appends/s (median round)`);
    }

    progress(`loading to ${COUNTS.total} events`);
    await inRounds(slots, 'load', 1, (slot) => load(slot));

    progress(`stream read (${COUNTS.streamLength} events) x ${COUNTS.readRepeats} + warm-up`);
    await inRounds(slots, 'stream read', COUNTS.readRepeats + 1, (slot, r) =>
      readRound(slot, r, COUNTS.streamLength, slot.streamRead, () => slot.candidate.readStream('big-0')),
    );
    progress(`readAll (${COUNTS.total} events, pages of ${COUNTS.pageSize}) x ${COUNTS.readRepeats} + warm-up`);
    await inRounds(slots, 'readAll', COUNTS.readRepeats + 1, (slot, r) =>
      readRound(slot, r, slot.written, slot.readAll, () => slot.candidate.readAll(COUNTS.pageSize)),
    );
  } finally {
    for (const slot of slots) {
      slot.notes.push(...(slot.candidate.runNotes?.() ?? []));
      if (slot.opened) await slot.candidate.close().catch(() => undefined);
      rmSync(slot.dir, { recursive: true, force: true });
    }
  }

  if (process.env.BENCH_EMMETT_PER_WRITER === '1' && only.includes('c')) {
    const dir = mkdtempSync(join(tmpdir(), 'store-bench-'));
    progress(`(c) probe: ${COUNTS.writers} Emmett store instances, one per writer, ${PROBE_SECONDS} s, in ${dir}`);
    try {
      const p = await probeEmmettPerWriterInstances(dir, COUNTS.writers, PROBE_SECONDS, (w, i) =>
        makeEvent(3_000_000 + w * 100_000 + i),
      );
      probe =
        `(c) probe, one store instance per writer (${COUNTS.writers} writers, ${PROBE_SECONDS} s box, ran ` +
        `${p.elapsedS.toFixed(1)} s): ${fmt(p.ok / p.elapsedS)} successful appends/s, ${p.ok} ok, ${p.failed} failed` +
        (p.firstError ? ` (first error: ${p.firstError})` : '');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const totalSeconds = (performance.now() - started) / 1000;

  const sizes = eventSizes();
  const out: string[] = [];
  out.push('', `Event store bench, ${new Date().toISOString()} (${totalSeconds.toFixed(0)} s)`);
  out.push(...machine());
  out.push(
    `counts: single writer ${COUNTS.single} appends (round-robin over ${SINGLE_STREAMS} streams, after ${COUNTS.warmup} ` +
      `warm-up); ${COUNTS.writers} writers x ${COUNTS.perWriter} appends (one stream each); appends in ` +
      `${COUNTS.appendRounds} interleaved rounds (rates: median round); stream read ${COUNTS.streamLength} events; readAll ${COUNTS.total} ` +
      `events in pages of ${COUNTS.pageSize}; reads: median of ${COUNTS.readRepeats} after 1 warm-up; BENCH_SCALE=${SCALE}`,
    `event: one event per append, data ${sizes.data} B JSON + metadata ${sizes.metadata} B JSON (the port's metadata fields)`,
    '',
  );
  const done = slots.map((slot) => ({ slot, m: metrics(slot) }));
  const spread = (rate: Rate): string =>
    rate.rounds.length === 0 ? 'n/a' : `${fmt(Math.min(...rate.rounds))} - ${fmt(Math.max(...rate.rounds))}`;
  const latency = (slot: Slot): string => {
    const sorted = [...slot.latencies].sort((x, y) => x - y);
    return sorted.length === 0
      ? 'n/a'
      : `${quantile(sorted, 0.5).toFixed(2)} / ${quantile(sorted, 0.99).toFixed(2)}`;
  };
  const rows = [
    ['', ...slots.map((s) => `${s.candidate.key} ${s.candidate.label}`)],
    ['appends/s, 1 writer (1 event/append)', ...done.map(({ m }) => fmt(m.single.median))],
    ['  slowest - fastest round', ...slots.map((s) => spread(s.single))],
    ['  latency p50 / p99, ms', ...slots.map(latency)],
    [`appends/s, ${COUNTS.writers} concurrent writers`, ...done.map(({ m }) => fmt(m.concurrent.median))],
    ['  slowest - fastest round', ...slots.map((s) => spread(s.concurrent))],
    [`stream read events/s (${COUNTS.streamLength}, parsed)`, ...done.map(({ m }) => fmt(m.streamRead.median))],
    [`readAll replay events/s (${COUNTS.total}, parsed)`, ...done.map(({ m }) => fmt(m.readAll.median))],
  ];
  out.push(table(rows), '');
  for (const slot of slots) {
    for (const note of slot.notes) out.push(`${slot.candidate.key} ${note}`);
    if (slot.error) out.push(`${slot.candidate.key} FAILED in ${slot.error.split('\n')[0]}`);
  }
  if (probe) out.push(probe);

  const ok = (key: string): Metrics | undefined => done.find(({ slot }) => slot.candidate.key === key && !slot.error)?.m;
  const goals = targets(ok('(a)'), ok('(b)'), ok('(c)'));
  if (goals.length > 0) out.push('', 'Targets:', ...goals);
  process.stdout.write(out.join('\n') + '\n');
  if (slots.some((s) => s.error)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
