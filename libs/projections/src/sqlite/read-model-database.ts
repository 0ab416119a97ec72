import Database from 'better-sqlite3';
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Projection } from '../projection';
import { bufferedTablesOf } from './buffered-table';

const POINTER = 'CURRENT';
const REBUILD_LOCK = 'rebuild.lock';
/** How often a process waiting for another's rebuild tries the lock again. */
const LOCK_RETRY_MS = 200;

/**
 * Read models live in SQLite files beside the event store, one file per generation. The file named in
 * `read-models/CURRENT` is the one served; a rebuild fills a new generation and then swaps the pointer with
 * an atomic rename, so readers keep the previous version until the new one has caught up.
 */
export class ReadModelFiles {
  readonly folder: string;

  constructor(dataDir: string) {
    this.folder = join(dataDir, 'read-models');
    mkdirSync(this.folder, { recursive: true });
  }

  /** The generation served now, created on first use. */
  current(): string {
    const pointer = join(this.folder, POINTER);
    if (!existsSync(pointer)) this.createPointer(pointer);
    return readFileSync(pointer, 'utf8').trim();
  }

  /** Several processes may start at once on a new folder: the first link wins, the others serve its generation. */
  private createPointer(pointer: string): void {
    const temporary = `${pointer}.${process.pid}.tmp`;
    writeFileSync(temporary, `${this.newGeneration()}\n`);
    try {
      linkSync(temporary, pointer);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(temporary, { force: true });
    }
  }

  newGeneration(): string {
    return `generation-${new Date().toISOString().replace(/[-:.TZ]/g, '')}-${randomUUID().slice(0, 8)}`;
  }

  /** Serves this generation from now on. */
  promote(generation: string): void {
    const pointer = join(this.folder, POINTER);
    const temporary = `${pointer}.${process.pid}.tmp`;
    writeFileSync(temporary, `${generation}\n`);
    renameSync(temporary, pointer);
  }

  open(generation: string, projections: readonly Projection[]): ReadModelDatabase {
    return new ReadModelDatabase(join(this.folder, `${generation}.db`), generation, projections);
  }

  /** As `open`, or the reason this build cannot serve the generation (it was built for other read models). */
  openIfUpToDate(generation: string, projections: readonly Projection[]): ReadModelDatabase | ReadModelsOutOfDate {
    try {
      return this.open(generation, projections);
    } catch (error) {
      if (error instanceof ReadModelsOutOfDate) return error;
      throw error;
    }
  }

  /**
   * Runs `work` holding the folder's rebuild lock, so that processes starting together on one folder (an api and
   * a worker) rebuild once: the others wait, then find the new generation served. The lock is SQLite's exclusive
   * lock on a file of its own, which the system releases when its holder dies.
   */
  async whileRebuilding<T>(work: () => Promise<T>): Promise<T> {
    // No busy timeout: a lock held elsewhere answers SQLITE_BUSY at once, and this process waits without blocking.
    const lock = new Database(join(this.folder, REBUILD_LOCK), { timeout: 0 });
    try {
      for (;;) {
        try {
          lock.exec('BEGIN EXCLUSIVE');
          break;
        } catch (error) {
          if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
          await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
        }
      }
      return await work();
    } finally {
      lock.close();
    }
  }
}

/**
 * A generation written by a build with other read models (another version of one, or without one it must hold
 * from the start): this build cannot serve it, and rebuilds a new generation from the log instead.
 */
export class ReadModelsOutOfDate extends Error {
  constructor(
    readonly file: string,
    /** What differs, one line per read model: "lot_delivery is at version 4, this build needs 5". */
    readonly differences: string[],
  ) {
    super(`Read models in ${file} were built for other versions (${differences.join('; ')}): they are rebuilt from the log (npm run projections:rebuild)`);
    this.name = 'ReadModelsOutOfDate';
  }
}

/** One generation: the projections' tables and the checkpoint, written in the same transactions. */
export class ReadModelDatabase {
  readonly db: Database.Database;
  private readonly readCheckpoint: Database.Statement<[], { position: number }>;
  private readonly writeCheckpoint: Database.Statement<[number]>;
  private readonly dataVersion: Database.Statement<[], number>;
  /** `PRAGMA data_version` when the buffered tables were last known to match the file. */
  private knownDataVersion?: number;

  constructor(
    readonly file: string,
    readonly generation: string,
    projections: readonly Projection[],
  ) {
    this.db = new Database(file);
    // Before anything that takes a lock: another projector process may be writing to the same file.
    this.db.pragma('busy_timeout = 10000');
    this.db.pragma('journal_mode = WAL');
    // Read models can always be rebuilt from the log: no fsync per commit.
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS projection_checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL);
      INSERT OR IGNORE INTO projection_checkpoint (id, position) VALUES (1, 0);
      CREATE TABLE IF NOT EXISTS projection_versions (name TEXT PRIMARY KEY, version INTEGER NOT NULL);`);
    this.readCheckpoint = this.db.prepare('SELECT position FROM projection_checkpoint WHERE id = 1');
    try {
      this.prepare(projections);
    } catch (error) {
      this.db.close();
      throw error;
    }
    // Never backwards: another projector on the same file may have gone further.
    this.writeCheckpoint = this.db.prepare('UPDATE projection_checkpoint SET position = MAX(position, ?) WHERE id = 1');
    this.dataVersion = this.db.prepare<[], number>('PRAGMA data_version').pluck();
  }

  /**
   * In one write transaction (another process opening the same new file creates the tables once, not twice):
   * creates the tables of the projections the file does not hold yet, or refuses a file written for other
   * versions of them. A projection missing from a generation that has applied events would start at its
   * checkpoint, without the events before: that generation is out of date too.
   */
  private prepare(projections: readonly Projection[]): void {
    this.db
      .transaction(() => {
        const versions = new Map(
          (this.db.prepare('SELECT name, version FROM projection_versions').all() as Array<{ name: string; version: number }>).map((row) => [row.name, row.version]),
        );
        const applied = this.checkpoint() > 0;
        const stale = projections.flatMap((projection) => {
          const known = versions.get(projection.name);
          if (known === undefined) return applied ? [`${projection.name} is missing`] : [];
          return known === projection.version ? [] : [`${projection.name} is at version ${known}, this build needs ${projection.version}`];
        });
        if (stale.length > 0) throw new ReadModelsOutOfDate(this.file, stale);
        for (const projection of projections.filter((candidate) => !versions.has(candidate.name))) {
          this.db.exec(projection.schema);
          this.db.prepare('INSERT INTO projection_versions (name, version) VALUES (?, ?)').run(projection.name, projection.version);
        }
      })
      .immediate();
  }

  checkpoint(): number {
    return this.readCheckpoint.get()!.position;
  }

  /**
   * Runs `work` and moves the checkpoint in one transaction, writing what buffered tables changed in memory.
   * Their rows stay in memory for the next transaction only while no other connection writes to the file
   * (another projector, a schema change): `PRAGMA data_version` says when one did.
   */
  commit(position: number, work: () => void): void {
    try {
      this.db
        .transaction(() => {
          this.discardIfChangedElsewhere();
          work();
          for (const table of bufferedTablesOf(this.db)) table.flush();
          this.writeCheckpoint.run(position);
        })
        .immediate();
    } catch (error) {
      for (const table of bufferedTablesOf(this.db)) table.discard();
      throw error;
    }
    for (const table of bufferedTablesOf(this.db)) table.trim();
  }

  /**
   * As `commit`, for work that reads the log between its writes (a catch-up over many pages): one transaction
   * held across the awaits, ending at the position `work` returns (nothing is written when it returns undefined).
   * The connection is this projector's own, so nothing else runs inside the transaction meanwhile.
   */
  async commitAcross(work: () => Promise<number | undefined>): Promise<void> {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.discardIfChangedElsewhere();
      const position = await work();
      if (position !== undefined) {
        for (const table of bufferedTablesOf(this.db)) table.flush();
        this.writeCheckpoint.run(position);
      }
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      for (const table of bufferedTablesOf(this.db)) table.discard();
      throw error;
    }
    for (const table of bufferedTablesOf(this.db)) table.trim();
  }

  /** Forgets the buffered rows when another connection wrote to the file since they were read. */
  private discardIfChangedElsewhere(): void {
    const version = this.dataVersion.get()!;
    if (version !== this.knownDataVersion) {
      for (const table of bufferedTablesOf(this.db)) table.discard();
      this.knownDataVersion = version;
    }
  }

  close(): void {
    this.db.close();
  }
}
