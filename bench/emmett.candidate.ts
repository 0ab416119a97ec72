import {
  getSQLiteEventStore,
  readMessagesBatch,
  sqliteConnection,
  type SQLiteEventStore,
} from '@event-driven-io/emmett-sqlite';
import { join } from 'node:path';
import type { Candidate } from './candidate';
import { touch } from './candidate';
import { syncName } from './embedded.candidate';
import type { BenchEvent, LotAwardedData } from './events';

type EmmettEvent = {
  type: 'LotAwarded';
  data: LotAwardedData;
  metadata: Record<string, unknown>;
};

function toEmmett(event: BenchEvent): EmmettEvent {
  // Emmett generates its own message id; ours travels in the metadata so the stored bytes stay comparable.
  return { type: event.type, data: event.data, metadata: { ...event.metadata, eventId: event.id } };
}

/**
 * (c) Emmett's SQLite event store (`@event-driven-io/emmett-sqlite`, on the `sqlite3` driver), used through its
 * public API: getSQLiteEventStore({ fileName }).appendToStream / readStream, and the exported
 * readMessagesBatch (what its consumers use) for the global-order replay, since its EventStore has no readAll.
 *
 * Emmett 0.38.5 opens a new sqlite3 connection for every operation and closes it afterwards; one store instance
 * therefore cannot take overlapping appends (a finishing call closes the connection under the others:
 * SQLITE_MISUSE), so appends go through a promise-chain mutex here. With 32 writers the appends are serialized
 * by that mutex (see `probeEmmettPerWriterInstances` for the alternative of one instance per writer).
 */
export class EmmettCandidate implements Candidate {
  readonly key = '(c)';
  readonly label = 'emmett-sqlite 0.38.5';
  private store!: SQLiteEventStore;
  private fileName!: string;
  private queue: Promise<unknown> = Promise.resolve();
  sink = 0;

  async open(dir: string): Promise<void> {
    this.fileName = join(dir, 'emmett.db');
    this.store = getSQLiteEventStore({ fileName: this.fileName });
  }

  async describe(): Promise<string[]> {
    const connection = sqliteConnection({ fileName: this.fileName });
    try {
      const journal = await connection.querySingle<{ journal_mode: string }>('PRAGMA journal_mode');
      const sync = await connection.querySingle<{ synchronous: number }>('PRAGMA synchronous');
      const timeout = await connection.querySingle<{ timeout: number }>('PRAGMA busy_timeout');
      return [
        `getSQLiteEventStore({ fileName }) on sqlite3: journal_mode=${journal?.journal_mode} (set by Emmett), ` +
          `synchronous=${syncName(sync?.synchronous ?? -1)} (driver default; Emmett exposes no option), ` +
          `busy_timeout=${timeout?.timeout} ms; a new connection per operation; BEGIN IMMEDIATE per append`,
        '32 writers: appends serialized by a bench mutex (one store instance breaks under overlapping appends; ' +
          'BENCH_EMMETT_PER_WRITER=1 also probes one instance per writer)',
        'readAll: readMessagesBatch({ from, batchSize }) on its own connection (Emmett has no readAll on the store)',
      ];
    } finally {
      connection.close();
    }
  }

  private busyRetries = 0;
  private firstBusyError?: string;

  /**
   * Runs appends one at a time; retries an append that failed with SQLITE_BUSY (seen intermittently as
   * "cannot commit transaction - SQL statements in progress": Emmett rolls the transaction back, so a retry
   * cannot double-write; if it had been committed, the retry would fail on the expected version instead).
   */
  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const attempt = async (): Promise<T> => {
      for (let tries = 1; ; tries++) {
        try {
          return await task();
        } catch (error) {
          if (tries >= 5 || (error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
          this.busyRetries += 1;
          this.firstBusyError ??= (error as Error).message;
        }
      }
    };
    const run = this.queue.then(attempt, attempt);
    this.queue = run.catch(() => undefined);
    return run;
  }

  runNotes(): string[] {
    return this.busyRetries === 0
      ? ['no append needed a retry']
      : [`${this.busyRetries} append(s) retried after SQLITE_BUSY (first: ${this.firstBusyError})`];
  }

  async append(streamId: string, event: BenchEvent, currentRevision: number): Promise<void> {
    await this.serialized(() =>
      this.store.appendToStream(streamId, [toEmmett(event)], { expectedStreamVersion: BigInt(currentRevision + 1) }),
    );
  }

  async fill(streamId: string, events: BenchEvent[], currentRevision: number): Promise<void> {
    await this.serialized(() =>
      this.store.appendToStream(streamId, events.map(toEmmett), {
        expectedStreamVersion: BigInt(currentRevision + 1),
      }),
    );
  }

  async readStream(streamId: string): Promise<number> {
    const result = await this.store.readStream<EmmettEvent>(streamId);
    for (const event of result.events) this.sink += touch(event.data);
    return result.events.length;
  }

  async readAll(pageSize: number): Promise<number> {
    const connection = sqliteConnection({ fileName: this.fileName });
    try {
      let read = 0;
      let from = 1n;
      for (;;) {
        const batch = await readMessagesBatch<EmmettEvent>(connection, { from, batchSize: pageSize });
        for (const message of batch.messages) this.sink += touch(message.data);
        read += batch.messages.length;
        if (!batch.areEventsLeft || batch.messages.length === 0) return read;
        from = batch.currentGlobalPosition + 1n;
      }
    } finally {
      connection.close();
    }
  }

  async close(): Promise<void> {
    await this.queue;
  }
}

/**
 * Opt-in probe: 32 writers, each with its own Emmett store instance (own connections) on the same file,
 * time-boxed. They contend on BEGIN IMMEDIATE; sqlite3 waits out busy_timeout inside its libuv worker threads.
 */
export async function probeEmmettPerWriterInstances(
  dir: string,
  writers: number,
  seconds: number,
  events: (writer: number, i: number) => BenchEvent,
): Promise<{ ok: number; failed: number; elapsedS: number; firstError?: string }> {
  const fileName = join(dir, 'emmett-per-writer.db');
  await getSQLiteEventStore({ fileName }).appendToStream('setup-0', [toEmmett(events(0, 0))]);
  let ok = 0;
  let failed = 0;
  let firstError: string | undefined;
  const log = console.log;
  console.log = () => undefined; // Emmett logs every failed transaction with console.log.
  const start = performance.now();
  const deadline = start + seconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        const store = getSQLiteEventStore({ fileName });
        for (let i = 0; performance.now() < deadline; i++) {
          try {
            // No expected version: after a failed append the stream's version is not known for sure.
            await store.appendToStream(`probe-${w}`, [toEmmett(events(w, i))]);
            ok += 1;
          } catch (error) {
            failed += 1;
            firstError ??= (error as Error).message;
          }
        }
      }),
    );
  } finally {
    console.log = log;
  }
  return { ok, failed, elapsedS: (performance.now() - start) / 1000, firstError };
}
