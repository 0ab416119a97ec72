import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Candidate } from './candidate';
import { touch } from './candidate';
import { syncName } from './embedded.candidate';
import type { BenchEvent } from './events';

interface RawRow {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

const COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, recorded_at';

/**
 * (b) The local ceiling: better-sqlite3 with the adapter's durability (WAL, synchronous=FULL) and nothing else.
 * One autocommit INSERT per event = one transaction and one WAL fsync per event, no grouping, no hashing;
 * the writer's revision is enforced by UNIQUE (stream_id, revision) only. Reads are a SELECT plus JSON.parse of
 * data and metadata into the same object shape as the port's RecordedEvent.
 */
export class RawSqliteCandidate implements Candidate {
  readonly key = '(b)';
  readonly label = 'raw better-sqlite3';
  private db!: Database.Database;
  private insert!: Database.Statement<[string, number, string, string, string, string, string]>;
  private selectStream!: Database.Statement<[string], RawRow>;
  private selectAll!: Database.Statement<[number, number], RawRow>;
  sink = 0;

  async open(dir: string): Promise<void> {
    const db = new Database(join(dir, 'raw.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(`
      CREATE TABLE events (
        position    INTEGER PRIMARY KEY,
        stream_id   TEXT    NOT NULL,
        revision    INTEGER NOT NULL,
        event_id    TEXT    NOT NULL,
        type        TEXT    NOT NULL,
        data        TEXT    NOT NULL,
        metadata    TEXT    NOT NULL,
        recorded_at TEXT    NOT NULL,
        UNIQUE (stream_id, revision)
      );
    `);
    this.db = db;
    this.insert = db.prepare(
      'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.selectStream = db.prepare(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? ORDER BY revision ASC`);
    this.selectAll = db.prepare(`SELECT ${COLUMNS} FROM events WHERE position >= ? ORDER BY position ASC LIMIT ?`);
  }

  async describe(): Promise<string[]> {
    const journal = this.db.pragma('journal_mode', { simple: true }) as string;
    const sync = this.db.pragma('synchronous', { simple: true }) as number;
    return [
      `better-sqlite3: journal_mode=${journal}, synchronous=${syncName(sync)}, one autocommit INSERT (= one ` +
        'transaction, one fsync) per event even with 32 writers; UNIQUE (stream_id, revision); no hashing',
    ];
  }

  async append(streamId: string, event: BenchEvent, currentRevision: number): Promise<void> {
    this.insertOne(streamId, event, currentRevision + 1, new Date().toISOString());
  }

  async fill(streamId: string, events: BenchEvent[], currentRevision: number): Promise<void> {
    const recordedAt = new Date().toISOString();
    this.db.transaction(() => {
      events.forEach((event, i) => this.insertOne(streamId, event, currentRevision + 1 + i, recordedAt));
    })();
  }

  private insertOne(streamId: string, event: BenchEvent, revision: number, recordedAt: string): void {
    this.insert.run(
      streamId,
      revision,
      event.id,
      event.type,
      JSON.stringify(event.data),
      JSON.stringify(event.metadata),
      recordedAt,
    );
  }

  async readStream(streamId: string): Promise<number> {
    const events = this.selectStream.all(streamId).map(toEvent);
    for (const event of events) this.sink += touch(event.data);
    return events.length;
  }

  async readAll(pageSize: number): Promise<number> {
    let read = 0;
    let from = 0;
    for (;;) {
      const page = this.selectAll.all(from, pageSize).map(toEvent);
      for (const event of page) this.sink += touch(event.data);
      read += page.length;
      if (page.length < pageSize) return read;
      from = page[page.length - 1]!.position + 1;
    }
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

function toEvent(row: RawRow) {
  return {
    id: row.event_id,
    type: row.type,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as unknown,
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    recordedAt: row.recorded_at,
  };
}
