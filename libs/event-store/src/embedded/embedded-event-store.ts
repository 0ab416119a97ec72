import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import { mkdirSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkExpectedRevision, EventStoreFileError, isStorageFull, PartialDuplicateAppendError, StorageFullError, WrongExpectedRevisionError } from '../event-store.errors';
import {
  AppendOptions,
  AppendResult,
  EventData,
  EventMetadata,
  EventSubscription,
  EventToAppend,
  IntegrityAnchor,
  IntegrityReport,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../event-store.port';
import { ChainHead, ChainKeepingStore, ExportedEvent, exportedEventOf } from '../chain/chain-keeping-store';
import { ChainedEventRow, ChainVerifier } from '../chain/chain-verifier';
import { GENESIS_HASH, globalHash, streamHash } from '../chain/hash-chain';
import { CommitSignal, SubscriptionCursor, subscriptionFrom } from '../subscription/commit-signal';
import { READ_COLUMNS, ReadRow, toRecordedEvent } from '../sql/event-rows';
import { Outcome, PendingAppend } from '../sql/pending-append';

/** Marks a SQLite file as ours (`PRAGMA application_id`): "ATPE". */
const APPLICATION_ID = 0x41545045;
const SCHEMA_VERSION = 1;
const SUBSCRIPTION_PAGE = 512;
/** Free space below which a store that ran out of it is still reported full (a write needs a few pages and the WAL). */
const FREE_SPACE_MARGIN_BYTES = 1024 * 1024;
/** What a replay reads, in this order (as arrays: cheaper than row objects); see ReplayedEvent. */
const REPLAY_COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, recorded_at';
type ReplayRow = [number, string, number, string, string, string, string, string];

const SCHEMA = `
  CREATE TABLE events (
    position     INTEGER PRIMARY KEY,
    stream_id    TEXT    NOT NULL,
    revision     INTEGER NOT NULL,
    event_id     TEXT    NOT NULL,
    type         TEXT    NOT NULL,
    data         TEXT    NOT NULL,
    metadata     TEXT    NOT NULL,
    recorded_at  TEXT    NOT NULL,
    hash         TEXT    NOT NULL,
    global_hash  TEXT    NOT NULL,
    UNIQUE (stream_id, revision),
    UNIQUE (stream_id, event_id)
  );
  -- The head of the global chain: deleting the newest events shows as a mismatch with it.
  CREATE TABLE chain_head (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    position  INTEGER NOT NULL,
    hash      TEXT    NOT NULL
  );
  INSERT INTO chain_head (id, position, hash) VALUES (1, 0, '${GENESIS_HASH}');
`;

type EventRow = ChainedEventRow;


/** One line of an exported history: a stored row, data and metadata as their stored JSON text. */
export interface EmbeddedEventStoreOptions {
  /** Path of the SQLite file; its folder is created when missing. */
  file: string;
  /** How often a live subscription looks for events written by other processes. */
  pollIntervalMs?: number;
}

/**
 * The default event store: one SQLite file, WAL with synchronous=FULL so an acknowledged append survives a
 * process kill or power cut. Appends that arrive while a transaction is being written are grouped into the
 * next transaction (group commit): one fsync for many appends. Every event is chained by hash to the previous
 * one in its stream and in global order.
 */
export class EmbeddedEventStore implements ChainKeepingStore {
  private readonly db: Database.Database;
  private pending: PendingAppend[] = [];
  private flushScheduled = false;
  private flushing: Promise<void> = Promise.resolve();
  private readonly commits: CommitSignal;
  private closed = false;
  /** Set while the disk is full: from the first append that found it full to the next that succeeds. */
  private fullSince?: Date;
  private readonly logger = new Logger('EventStore');

  private readonly statements: {
    streamHead: Database.Statement<[string], { revision: number; hash: string }>;
    eventInStream: Database.Statement<[string, string], { revision: number; position: number }>;
    chainHead: Database.Statement<[], { position: number; hash: string }>;
    insertEvent: Database.Statement<[number, string, number, string, string, string, string, string, string, string]>;
    updateChainHead: Database.Statement<[number, string]>;
    readForwards: Database.Statement<[string, number, number], ReadRow>;
    readBackwards: Database.Statement<[string, number, number], ReadRow>;
    readAll: Database.Statement<[number, number], ReadRow>;
    replayAll: Database.Statement<[number, number], ReplayRow>;
  };

  private constructor(
    readonly file: string,
    db: Database.Database,
    options: EmbeddedEventStoreOptions,
  ) {
    this.db = db;
    this.commits = new CommitSignal(options.pollIntervalMs ?? 200);
    this.statements = {
      streamHead: db.prepare(
        'SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
      ),
      eventInStream: db.prepare('SELECT revision, position FROM events WHERE stream_id = ? AND event_id = ?'),
      chainHead: db.prepare('SELECT position, hash FROM chain_head WHERE id = 1'),
      insertEvent: db.prepare(
        `INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata, recorded_at, hash, global_hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      updateChainHead: db.prepare('UPDATE chain_head SET position = ?, hash = ? WHERE id = 1'),
      readForwards: db.prepare(
        `SELECT ${READ_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
      ),
      readBackwards: db.prepare(
        `SELECT ${READ_COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
      ),
      readAll: db.prepare(`SELECT ${READ_COLUMNS} FROM events WHERE position >= ? ORDER BY position ASC LIMIT ?`),
      replayAll: db
        .prepare<[number, number], ReplayRow>(`SELECT ${REPLAY_COLUMNS} FROM events WHERE position >= ? ORDER BY position ASC LIMIT ?`)
        .raw(true),
    };
  }

  /** Opens (or creates) the store file; refuses a corrupt, foreign or unknown-version file. */
  static open(options: EmbeddedEventStoreOptions): EmbeddedEventStore {
    const { file } = options;
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    let db: Database.Database;
    try {
      db = new Database(file);
      // Before anything that takes a lock: another process may be creating or writing the same file.
      db.pragma('busy_timeout = 10000');
      db.pragma('journal_mode = WAL');
    } catch (error) {
      throw new EventStoreFileError(file, `cannot be opened as a SQLite database (${(error as Error).message})`);
    }
    try {
      EmbeddedEventStore.prepareSchema(db, file);
      db.pragma('synchronous = FULL');
      return new EmbeddedEventStore(file, db, options);
    } catch (error) {
      db.close();
      throw error instanceof EventStoreFileError
        ? error
        : new EventStoreFileError(file, `is not usable (${(error as Error).message})`);
    }
  }

  private static prepareSchema(db: Database.Database, file: string): void {
    // Looked at and created under the write lock: two processes opening a new file create it once.
    const created = db
      .transaction(() => {
        const empty = db.pragma('application_id', { simple: true }) === 0 && (db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n === 0;
        if (!empty) return false;
        db.exec(SCHEMA);
        db.pragma(`application_id = ${APPLICATION_ID}`);
        db.pragma(`user_version = ${SCHEMA_VERSION}`);
        return true;
      })
      .immediate();
    if (created) return;
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    if (applicationId !== APPLICATION_ID) {
      throw new EventStoreFileError(file, 'is a SQLite database of another application; refusing to use it');
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== SCHEMA_VERSION) {
      throw new EventStoreFileError(file, `has schema version ${version}; this build reads version ${SCHEMA_VERSION}`);
    }
    const check = db.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') throw new EventStoreFileError(file, `is corrupt (${check})`);
  }

  appendToStream(streamId: string, events: EventToAppend[], options: AppendOptions): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('Event store is closed'));
    if (events.length === 0) return Promise.reject(new Error('An append needs at least one event'));
    return new Promise<AppendResult>((resolve, reject) => {
      this.pending.push({ streamId, events, expectedRevision: options.expectedRevision, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        // setImmediate runs after pending I/O callbacks: appends from requests that arrived meanwhile join.
        setImmediate(() => {
          this.flushing = this.flush();
        });
      }
    });
  }

  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    let outcomes: Outcome[];
    try {
      outcomes = this.db.transaction(() => this.writeBatch(batch)).immediate();
    } catch (error) {
      const failure = isStorageFull(error) ? this.storageFull(error as Error) : error;
      for (const append of batch) append.reject(failure);
      return;
    }
    if (this.fullSince) this.storageAvailable();
    batch.forEach((append, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) append.resolve(outcome.result);
      else append.reject(outcome.error);
    });
    this.commits.wakeAll();
  }

  /** Runs inside one write transaction: checks every append, writes those that pass. */
  private writeBatch(batch: PendingAppend[]): Outcome[] {
    const head = this.statements.chainHead.get()!;
    let position = head.position;
    let chain = head.hash;
    const recordedAt = new Date().toISOString();
    const outcomes = batch.map((append): Outcome => {
      try {
        const retried = this.alreadyAppended(append);
        if (retried) return { ok: true, result: retried };
        const streamHead = this.statements.streamHead.get(append.streamId);
        checkExpectedRevision(append.streamId, append.expectedRevision, streamHead?.revision);
        let revision = streamHead ? streamHead.revision : -1;
        let previousHash = streamHead ? streamHead.hash : GENESIS_HASH;
        for (const event of append.events) {
          revision += 1;
          position += 1;
          const dataJson = JSON.stringify(event.data);
          const metadataJson = JSON.stringify(event.metadata);
          const hash = streamHash(previousHash, {
            streamId: append.streamId,
            revision,
            position,
            id: event.id,
            type: event.type,
            dataJson,
            metadataJson,
            recordedAt,
          });
          chain = globalHash(chain, hash);
          this.statements.insertEvent.run(
            position,
            append.streamId,
            revision,
            event.id,
            event.type,
            dataJson,
            metadataJson,
            recordedAt,
            hash,
            chain,
          );
          previousHash = hash;
        }
        return { ok: true, result: { revision, position } };
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError || error instanceof PartialDuplicateAppendError) {
          return { ok: false, error };
        }
        throw error;
      }
    });
    if (position !== head.position) this.statements.updateChainHead.run(position, chain);
    return outcomes;
  }

  /** The result of the earlier append when every event of this one is already in the stream (a retry). */
  private alreadyAppended(append: PendingAppend): AppendResult | undefined {
    let last: { revision: number; position: number } | undefined;
    let storedCount = 0;
    for (const event of append.events) {
      const stored = this.statements.eventInStream.get(append.streamId, event.id);
      if (stored) {
        storedCount += 1;
        last = stored;
      }
    }
    if (storedCount === 0) return undefined;
    if (storedCount < append.events.length) throw new PartialDuplicateAppendError(append.streamId);
    return { revision: last!.revision, position: last!.position };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.maxCount ?? -1;
    const rows =
      options.direction === 'backwards'
        ? this.statements.readBackwards.all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, limit)
        : this.statements.readForwards.all(streamId, options.fromRevision ?? 0, limit);
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const from = options.afterPosition === undefined ? (options.fromPosition ?? 0) : options.afterPosition + 1;
    return this.readAllFrom(from, options.maxCount ?? -1);
  }

  async replayAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const from = options.afterPosition === undefined ? (options.fromPosition ?? 0) : options.afterPosition + 1;
    return this.statements.replayAll.all(from, options.maxCount ?? -1).map((row) => new ReplayedEvent(row));
  }

  private readAllFrom(fromPosition: number, maxCount: number): RecordedEvent[] {
    return this.statements.readAll.all(fromPosition, maxCount).map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeToAllOptions): EventSubscription {
    return subscriptionFrom(options, this.commits, (cursor) => this.deliver(cursor));
  }

  /** Pages through everything after the cursor, then waits for the next commit, until stopped. */
  private async *deliver(cursor: SubscriptionCursor): AsyncGenerator<RecordedEvent> {
    while (!cursor.stopped && !this.closed) {
      const page = this.readAllFrom(cursor.last + 1, SUBSCRIPTION_PAGE);
      for (const event of page) {
        if (cursor.stopped) return;
        cursor.last = event.position;
        yield event;
      }
      if (page.length < SUBSCRIPTION_PAGE) await this.commits.next();
    }
  }

  async verifyIntegrity(onProgress?: (checked: number) => void, anchors: IntegrityAnchor[] = []): Promise<IntegrityReport> {
    const verifier = new ChainVerifier(anchors, onProgress);
    // One read transaction: the rows and the chain head of the same moment, whatever other processes append.
    return this.db.transaction(() => {
      for (const row of this.db.prepare('SELECT * FROM events ORDER BY position ASC').iterate() as IterableIterator<EventRow>) {
        const failure = verifier.check(row);
        if (failure) return failure;
      }
      return verifier.finish(this.statements.chainHead.get()!);
    }).deferred();
  }

  /**
   * Every stored row, in global order, exactly as stored (data and metadata as their JSON text): an export an
   * auditor can check the chains of (importHistory) without the api.
   */
  *exportHistory(): IterableIterator<ExportedEvent> {
    for (const row of this.db.prepare('SELECT * FROM events ORDER BY position ASC').iterate() as IterableIterator<EventRow>) {
      yield exportedEventOf(row);
    }
  }

  /** A new store file holding an exported history as it was exported (hashes included, nothing recomputed). */
  static importHistory(file: string, events: Iterable<ExportedEvent>): EmbeddedEventStore {
    const store = EmbeddedEventStore.open({ file });
    const insert = store.statements.insertEvent;
    store.db
      .transaction(() => {
        let last: ExportedEvent | undefined;
        for (const event of events) {
          insert.run(event.position, event.streamId, event.revision, event.eventId, event.type, event.data, event.metadata, event.recordedAt, event.hash, event.globalHash);
          last = event;
        }
        if (last) store.statements.updateChainHead.run(last.position, last.globalHash);
      })
      .immediate();
    return store;
  }

  /** The global chain's head: the position and hash a checkpoint signs. */
  chainHead(): ChainHead {
    return { ...this.statements.chainHead.get()! };
  }

  async headPosition(): Promise<number> {
    return this.statements.chainHead.get()!.position;
  }

  /** The disk is full: logged once per episode (until a write succeeds or space is freed), not once per append. */
  private storageFull(error: Error): StorageFullError {
    if (!this.fullSince) {
      this.fullSince = new Date();
      this.logger.error(`Event store ${this.file}: no space left on its disk (${error.message}); commands are refused with 503 STORAGE_FULL until space is freed`);
    }
    return new StorageFullError(dirname(this.file));
  }

  private storageAvailable(): void {
    const since = this.fullSince!;
    this.fullSince = undefined;
    this.logger.log(`Event store ${this.file}: space available again, after being full since ${since.toISOString()}`);
  }

  /** Bytes free for this process on the store's disk. */
  private freeBytes(): number {
    const stats = statfsSync(dirname(this.file));
    return stats.bavail * stats.bsize;
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
    if (this.fullSince) {
      if (this.freeBytes() < FREE_SPACE_MARGIN_BYTES) throw new StorageFullError(dirname(this.file));
      this.storageAvailable();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Let appends already accepted reach the disk before the file is closed.
    while (this.flushScheduled || this.pending.length > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      await this.flushing;
    }
    await this.flushing;
    this.closed = true;
    this.commits.wakeAll();
    this.db.close();
  }
}


/**
 * An event as a replay reads it: data and metadata stay JSON text until first read, because a rebuild skips
 * many events and reads the metadata of few (parsing is most of the cost of reading the log).
 */
class ReplayedEvent implements RecordedEvent {
  readonly position: number;
  readonly streamId: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly recordedAt: string;
  // Private fields (#): a spread copy of the event carries the port's fields only.
  readonly #dataJson: string;
  readonly #metadataJson: string;
  #data?: EventData;
  #metadata?: EventMetadata;

  constructor(row: ReplayRow) {
    this.position = row[0];
    this.streamId = row[1];
    this.revision = row[2];
    this.id = row[3];
    this.type = row[4];
    this.#dataJson = row[5];
    this.#metadataJson = row[6];
    this.recordedAt = row[7];
  }

  get data(): EventData {
    return (this.#data ??= JSON.parse(this.#dataJson) as EventData);
  }

  get metadata(): EventMetadata {
    return (this.#metadata ??= JSON.parse(this.#metadataJson) as EventMetadata);
  }
}
