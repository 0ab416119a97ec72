import { Logger } from '@nestjs/common';
import { Client, Pool, PoolClient } from 'pg';
import { ChainHead, ChainKeepingStore, ExportedEvent, exportedEventOf } from '../chain/chain-keeping-store';
import { ChainedEventRow, ChainVerifier } from '../chain/chain-verifier';
import { GENESIS_HASH, globalHash, streamHash } from '../chain/hash-chain';
import { CommitSignal, SubscriptionCursor, subscriptionFrom } from '../subscription/commit-signal';
import { READ_COLUMNS, ReadRow, toRecordedEvent } from '../sql/event-rows';
import { Outcome, PendingAppend } from '../sql/pending-append';
import { checkExpectedRevision, PartialDuplicateAppendError, WrongExpectedRevisionError } from '../event-store.errors';
import {
  AppendOptions,
  AppendResult,
  EventSubscription,
  EventToAppend,
  IntegrityAnchor,
  IntegrityReport,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../event-store.port';
import { inTransaction, migrate, Migration, openPool, PostgresLocation } from './postgres-connection';

const SUBSCRIPTION_PAGE = 512;
/** Appends written in one transaction at most (group commit). */
const MAX_BATCH = 256;
const CHAINED_COLUMNS = `${READ_COLUMNS}, global_hash`;
/** Rows read at a time by the integrity check and the history export. */
const CHAIN_PAGE = 10_000;

/**
 * The event tables. data and metadata are text, not jsonb: the hash chain commits to their exact stored text,
 * which jsonb would reorder. transaction_id is the writer's transaction, for the subscription's snapshot check.
 */
const MIGRATIONS: Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE events (
        position       bigint  PRIMARY KEY,
        stream_id      text    NOT NULL,
        revision       integer NOT NULL,
        event_id       text    NOT NULL,
        type           text    NOT NULL,
        data           text    NOT NULL,
        metadata       text    NOT NULL,
        recorded_at    text    NOT NULL,
        hash           text    NOT NULL,
        global_hash    text    NOT NULL,
        transaction_id xid8    NOT NULL DEFAULT pg_current_xact_id(),
        UNIQUE (stream_id, revision),
        UNIQUE (stream_id, event_id)
      );
      -- The head of the global chain, and the lock every append takes first.
      CREATE TABLE chain_head (
        id        integer PRIMARY KEY CHECK (id = 1),
        position  bigint  NOT NULL,
        hash      text    NOT NULL
      );
      INSERT INTO chain_head (id, position, hash) VALUES (1, 0, '${GENESIS_HASH}');
    `,
  },
];


export interface PostgresEventStoreOptions extends PostgresLocation {
  /** How often a live subscription reads again when no notification came (LISTEN/NOTIFY is the fast path). */
  pollIntervalMs?: number;
}

/**
 * The event store on PostgreSQL, for several api and worker processes on separate machines.
 *
 * Every append takes the chain head's row lock first (`SELECT … FOR UPDATE`), reads the stream heads and the
 * event ids already stored, and writes its events at the positions after the head: the global hash chain needs
 * one order, so appends are serialised on that row, and appends waiting in this process meanwhile go in the
 * next transaction together (group commit: one commit for many appends).
 *
 * A subscription never jumps a gap left by a transaction still in flight. Positions are handed out under the
 * head's lock, which is held until commit, so they follow commit order; and, as Emmett's PostgreSQL store does
 * (the transaction-id snapshot check), a subscription delivers only events written by transactions older than
 * every transaction still running (`transaction_id < pg_snapshot_xmin(pg_current_snapshot())`) and stops at the
 * first event that is not, so an event committed late at a lower position is waited for, never skipped. Live
 * subscriptions are woken by LISTEN/NOTIFY (sent in the append's transaction, so on commit) and read again
 * every `pollIntervalMs` in case a notification was lost or an older transaction held them back.
 */
export class PostgresEventStore implements ChainKeepingStore {
  private readonly pool: Pool;
  private readonly channel: string;
  private readonly migrated: Promise<void>;
  private pending: PendingAppend[] = [];
  private writing?: Promise<void>;
  private listener?: Promise<Client | undefined>;
  private readonly commits: CommitSignal;
  private closed = false;
  private readonly logger = new Logger('EventStore');

  private constructor(private readonly options: PostgresEventStoreOptions) {
    this.pool = openPool(options, 10);
    // A lost connection of an idle pooled client must not crash the process: the pool replaces it.
    this.pool.on('error', (error) => this.logger.warn(`PostgreSQL connection lost: ${error.message}`));
    this.channel = `events_${options.schema}`;
    this.commits = new CommitSignal(options.pollIntervalMs ?? 500);
    this.migrated = migrate(this.pool, options.schema, 'event_store_migrations', MIGRATIONS);
    // Awaited by every operation; here only so that a failed migration is not an unhandled rejection.
    this.migrated.catch(() => undefined);
  }

  /** Connects and brings the schema up to date; rejects when the server cannot be reached or migrated. */
  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const store = PostgresEventStore.connect(options);
    try {
      await store.migrated;
    } catch (error) {
      await store.pool.end();
      throw error;
    }
    return store;
  }

  /** The store at once, its migrations under way: every operation waits for them (and fails with them). */
  static connect(options: PostgresEventStoreOptions): PostgresEventStore {
    return new PostgresEventStore(options);
  }

  appendToStream(streamId: string, events: EventToAppend[], options: AppendOptions): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('Event store is closed'));
    if (events.length === 0) return Promise.reject(new Error('An append needs at least one event'));
    return new Promise<AppendResult>((resolve, reject) => {
      this.pending.push({ streamId, events, expectedRevision: options.expectedRevision, resolve, reject });
      // setImmediate: appends from requests that arrived meanwhile join the same transaction.
      this.writing ??= new Promise<void>((done) => setImmediate(done)).then(() => this.writeAll());
    });
  }

  /** One transaction at a time, each with every append waiting when it starts. */
  private async writeAll(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_BATCH);
      let outcomes: Outcome[];
      try {
        await this.migrated;
        outcomes = await this.writeBatch(batch);
      } catch (error) {
        for (const append of batch) append.reject(error);
        continue;
      }
      batch.forEach((append, i) => {
        const outcome = outcomes[i];
        if (outcome.ok) append.resolve(outcome.result);
        else append.reject(outcome.error);
      });
      this.commits.wakeAll();
    }
    this.writing = undefined;
  }

  private async writeBatch(batch: PendingAppend[]): Promise<Outcome[]> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      return await inTransaction(client, async () => {
        const head = (await client.query<{ position: number; hash: string }>('SELECT position, hash FROM chain_head WHERE id = 1 FOR UPDATE')).rows[0];
        const streamIds = [...new Set(batch.map((append) => append.streamId))];
        const heads = new Map<string, { revision: number; hash: string }>();
        for (const row of (
          await client.query<{ stream_id: string; revision: number; hash: string }>(
            `SELECT s.stream_id, h.revision, h.hash FROM unnest($1::text[]) AS s(stream_id)
             CROSS JOIN LATERAL (SELECT revision, hash FROM events e WHERE e.stream_id = s.stream_id ORDER BY revision DESC LIMIT 1) h`,
            [streamIds],
          )
        ).rows) {
          heads.set(row.stream_id, { revision: row.revision, hash: row.hash });
        }
        const keys = batch.flatMap((append) => append.events.map((event) => [append.streamId, event.id] as const));
        const stored = new Map<string, { revision: number; position: number }>();
        for (const row of (
          await client.query<{ stream_id: string; event_id: string; revision: number; position: number }>(
            `SELECT e.stream_id, e.event_id, e.revision, e.position FROM events e
             JOIN unnest($1::text[], $2::text[]) AS k(stream_id, event_id) ON e.stream_id = k.stream_id AND e.event_id = k.event_id`,
            [keys.map((key) => key[0]), keys.map((key) => key[1])],
          )
        ).rows) {
          stored.set(eventKey(row.stream_id, row.event_id), { revision: row.revision, position: row.position });
        }

        const rows: ChainedEventRow[] = [];
        let position = head.position;
        let chain = head.hash;
        const recordedAt = new Date().toISOString();
        const outcomes = batch.map((append): Outcome => {
          try {
            const retried = alreadyAppended(append, stored);
            if (retried) return { ok: true, result: retried };
            const streamHead = heads.get(append.streamId);
            checkExpectedRevision(append.streamId, append.expectedRevision, streamHead?.revision);
            let revision = streamHead ? streamHead.revision : -1;
            let previousHash = streamHead ? streamHead.hash : GENESIS_HASH;
            for (const event of append.events) {
              revision += 1;
              position += 1;
              const row = { position, stream_id: append.streamId, revision, event_id: event.id, type: event.type, data: JSON.stringify(event.data), metadata: JSON.stringify(event.metadata), recorded_at: recordedAt };
              const hash = streamHash(previousHash, { streamId: row.stream_id, revision, position, id: event.id, type: event.type, dataJson: row.data, metadataJson: row.metadata, recordedAt });
              chain = globalHash(chain, hash);
              rows.push({ ...row, hash, global_hash: chain });
              // Later appends of the batch see this one, as they would after its commit.
              stored.set(eventKey(append.streamId, event.id), { revision, position });
              previousHash = hash;
            }
            heads.set(append.streamId, { revision, hash: previousHash });
            return { ok: true, result: { revision, position } };
          } catch (error) {
            if (error instanceof WrongExpectedRevisionError || error instanceof PartialDuplicateAppendError) return { ok: false, error };
            throw error;
          }
        });
        if (rows.length > 0) {
          const column = <K extends keyof ChainedEventRow>(name: K) => rows.map((row) => row[name]);
          await client.query(
            `INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata, recorded_at, hash, global_hash)
             SELECT * FROM unnest($1::bigint[], $2::text[], $3::integer[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])`,
            [column('position'), column('stream_id'), column('revision'), column('event_id'), column('type'), column('data'), column('metadata'), column('recorded_at'), column('hash'), column('global_hash')],
          );
          // NOTIFY is delivered on commit, to every process listening.
          await client.query('UPDATE chain_head SET position = $1, hash = $2 WHERE id = 1', [position, chain]);
          await client.query('SELECT pg_notify($1, $2)', [this.channel, String(position)]);
        }
        return outcomes;
      });
    } catch (error) {
      broken = error as Error;
      throw error;
    } finally {
      // A client whose transaction failed (rule refusals are outcomes, not failures) is dropped, not reused.
      client.release(broken);
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    await this.migrated;
    const limit = options.maxCount ?? null;
    const { rows } =
      options.direction === 'backwards'
        ? await this.pool.query<ReadRow>(
            `SELECT ${READ_COLUMNS} FROM events WHERE stream_id = $1 AND revision <= $2 ORDER BY revision DESC LIMIT $3`,
            [streamId, options.fromRevision ?? 2_147_483_647, limit],
          )
        : await this.pool.query<ReadRow>(
            `SELECT ${READ_COLUMNS} FROM events WHERE stream_id = $1 AND revision >= $2 ORDER BY revision ASC LIMIT $3`,
            [streamId, options.fromRevision ?? 0, limit],
          );
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    await this.migrated;
    const from = options.afterPosition === undefined ? (options.fromPosition ?? 0) : options.afterPosition + 1;
    const { rows } = await this.pool.query<ReadRow>(`SELECT ${READ_COLUMNS} FROM events WHERE position >= $1 ORDER BY position ASC LIMIT $2`, [
      from,
      options.maxCount ?? null,
    ]);
    return rows.map(toRecordedEvent);
  }

  /** The rows come parsed from the server in one piece: nothing to spare by parsing lazily. */
  replayAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readAll(options);
  }

  /**
   * The events after `last` that no running transaction can precede: those of transactions older than the
   * snapshot's xmin, up to the first one that is not (see the class comment).
   */
  private async readSettled(last: number): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<ReadRow & { settled: boolean }>(
      `SELECT ${READ_COLUMNS}, transaction_id < pg_snapshot_xmin(pg_current_snapshot()) AS settled
       FROM events WHERE position > $1 ORDER BY position ASC LIMIT $2`,
      [last, SUBSCRIPTION_PAGE],
    );
    const unsettled = rows.findIndex((row) => !row.settled);
    return (unsettled < 0 ? rows : rows.slice(0, unsettled)).map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeToAllOptions): EventSubscription {
    return subscriptionFrom(options, this.commits, (cursor) => this.deliver(cursor));
  }

  private async *deliver(cursor: SubscriptionCursor): AsyncGenerator<RecordedEvent> {
    await this.migrated;
    while (!cursor.stopped && !this.closed) {
      await this.listen();
      const page = await this.readSettled(cursor.last);
      for (const event of page) {
        if (cursor.stopped) return;
        cursor.last = event.position;
        yield event;
      }
      if (page.length < SUBSCRIPTION_PAGE && !cursor.stopped) await this.commits.next();
    }
  }

  /** One LISTEN connection per store, opened by the first subscription, opened again after it was lost. */
  private listen(): Promise<Client | undefined> {
    this.listener ??= (async () => {
      const client = new Client({ connectionString: this.options.url });
      client.on('notification', () => this.commits.wakeAll());
      client.on('error', (error) => {
        this.logger.warn(`PostgreSQL notifications lost (${error.message}); subscriptions poll until they are back`);
        this.listener = undefined;
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${this.channel}`);
        return client;
      } catch (error) {
        this.logger.warn(`PostgreSQL notifications unavailable (${(error as Error).message}); subscriptions poll`);
        this.listener = undefined;
        await client.end().catch(() => undefined);
        return undefined;
      }
    })();
    return this.listener;
  }

  async verifyIntegrity(onProgress?: (checked: number) => void, anchors: IntegrityAnchor[] = []): Promise<IntegrityReport> {
    await this.migrated;
    const verifier = new ChainVerifier(anchors, onProgress);
    const client = await this.pool.connect();
    try {
      // One snapshot for the rows and the head, whatever is appended meanwhile.
      return await inTransaction(
        client,
        async () => {
          for await (const rows of chainedPages(client)) {
            for (const row of rows) {
              const failure = verifier.check(row);
              if (failure) return failure;
            }
          }
          return verifier.finish((await client.query<ChainHead>('SELECT position, hash FROM chain_head WHERE id = 1')).rows[0]);
        },
        'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
      );
    } finally {
      client.release();
    }
  }

  /** The global chain's head: the position and hash a checkpoint signs. */
  async chainHead(): Promise<ChainHead> {
    await this.migrated;
    return (await this.pool.query<ChainHead>('SELECT position, hash FROM chain_head WHERE id = 1')).rows[0];
  }

  /**
   * Every stored row, in global order, exactly as stored (data and metadata as their JSON text), read in one
   * snapshot page by page: an export an auditor checks the chains of (EmbeddedEventStore.importHistory).
   */
  async *exportHistory(): AsyncGenerator<ExportedEvent> {
    await this.migrated;
    const client = await this.pool.connect();
    let committed = false;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      for await (const rows of chainedPages(client)) {
        for (const row of rows) {
          yield exportedEventOf(row);
        }
      }
      await client.query('COMMIT');
      committed = true;
    } finally {
      // An export stopped half-way leaves its read-only transaction open: that client is dropped, not reused.
      client.release(!committed);
    }
  }

  async headPosition(): Promise<number> {
    return (await this.chainHead()).position;
  }

  async ping(): Promise<void> {
    await this.migrated;
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Let appends already accepted be committed before the connections close.
    while (this.writing) await this.writing;
    this.closed = true;
    this.commits.wakeAll();
    const listener = await this.listener;
    await listener?.end().catch(() => undefined);
    await this.pool.end();
  }
}

/** The stored rows with both chains' hashes, in global order, a page at a time, in the client's transaction. */
async function* chainedPages(client: PoolClient): AsyncGenerator<ChainedEventRow[]> {
  let last = 0;
  for (;;) {
    const { rows } = await client.query<ChainedEventRow>(`SELECT ${CHAINED_COLUMNS} FROM events WHERE position > $1 ORDER BY position ASC LIMIT $2`, [last, CHAIN_PAGE]);
    if (rows.length > 0) yield rows;
    if (rows.length < CHAIN_PAGE) return;
    last = rows[rows.length - 1].position;
  }
}

const eventKey = (streamId: string, eventId: string): string => `${streamId}\u0000${eventId}`;

/** The result of the earlier append when every event of this one is already in the stream (a retry). */
function alreadyAppended(append: PendingAppend, stored: Map<string, { revision: number; position: number }>): AppendResult | undefined {
  const found = append.events.map((event) => stored.get(eventKey(append.streamId, event.id))).filter((hit) => hit !== undefined);
  if (found.length === 0) return undefined;
  if (found.length < append.events.length) throw new PartialDuplicateAppendError(append.streamId);
  const last = found[found.length - 1];
  return { revision: last.revision, position: last.position };
}

