import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** The folded state of a stream after one of its revisions, as the fold of that code version left it. */
export interface Snapshot<State> {
  streamId: string;
  /** Which fold produced the state: a snapshot of another version is never used. */
  foldVersion: string;
  revision: number;
  /** The latest business time (`occurredAt`, in epoch ms) of the events folded into it. */
  maxOccurredMs: number;
  state: State;
}

/** Which snapshot a fold may start from: at or before a revision, and/or made only of events up to a moment. */
export interface SnapshotLimit {
  atOrBeforeRevision?: number;
  occurredAtOrBeforeMs?: number;
}

interface SnapshotRow {
  revision: number;
  max_occurred_ms: number;
  state: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS snapshots (
    stream_id        TEXT    NOT NULL,
    fold_version     TEXT    NOT NULL,
    revision         INTEGER NOT NULL,
    max_occurred_ms  INTEGER NOT NULL,
    state            TEXT    NOT NULL,
    PRIMARY KEY (stream_id, fold_version, revision)
  );`;

/**
 * Folded states kept beside the streams so that reading a long stream as of a point folds only its tail.
 * A cache, never a source of truth: losing the file (or every row) only makes reads slower again, and the
 * verification re-folds from the events. Its own SQLite file, whichever event-store adapter is configured.
 */
export class SnapshotStore {
  private readonly statements: {
    latest: Database.Statement<[string, string, number, number], SnapshotRow>;
    insert: Database.Statement<[string, string, number, number, string]>;
    dropOtherVersions: Database.Statement<[string, string]>;
  };

  private constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
    this.statements = {
      latest: db.prepare(
        `SELECT revision, max_occurred_ms, state FROM snapshots
         WHERE stream_id = ? AND fold_version = ? AND revision <= ? AND max_occurred_ms <= ?
         ORDER BY revision DESC LIMIT 1`,
      ),
      insert: db.prepare(
        'INSERT OR IGNORE INTO snapshots (stream_id, fold_version, revision, max_occurred_ms, state) VALUES (?, ?, ?, ?, ?)',
      ),
      dropOtherVersions: db.prepare('DELETE FROM snapshots WHERE stream_id = ? AND fold_version <> ?'),
    };
  }

  /** Opens (or creates) the snapshot file; its folder is created when missing. */
  static open(file: string): SnapshotStore {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    // A lost snapshot is recomputed: no need to wait for the disk on every write.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    return new SnapshotStore(db);
  }

  /** The newest snapshot of this fold version within the limit, if any. */
  latest<State>(streamId: string, foldVersion: string, limit: SnapshotLimit = {}): Snapshot<State> | undefined {
    const row = this.statements.latest.get(
      streamId,
      foldVersion,
      limit.atOrBeforeRevision ?? Number.MAX_SAFE_INTEGER,
      limit.occurredAtOrBeforeMs ?? Number.MAX_SAFE_INTEGER,
    );
    if (!row) return undefined;
    return { streamId, foldVersion, revision: row.revision, maxOccurredMs: row.max_occurred_ms, state: JSON.parse(row.state) as State };
  }

  /** Keeps the snapshots (one already kept is left as it is) and drops the stream's snapshots of other versions. */
  save(snapshots: ReadonlyArray<Snapshot<unknown>>): void {
    if (snapshots.length === 0) return;
    this.db.transaction(() => {
      for (const snapshot of snapshots) {
        this.statements.dropOtherVersions.run(snapshot.streamId, snapshot.foldVersion);
        this.statements.insert.run(snapshot.streamId, snapshot.foldVersion, snapshot.revision, snapshot.maxOccurredMs, JSON.stringify(snapshot.state));
      }
    })();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
