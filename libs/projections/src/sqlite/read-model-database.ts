import Database from 'better-sqlite3';
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Projection } from '../projection';
import { bufferedTablesOf } from './buffered-table';

const POINTER = 'CURRENT';

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
    for (const projection of projections) this.prepare(projection);
    this.readCheckpoint = this.db.prepare('SELECT position FROM projection_checkpoint WHERE id = 1');
    // Never backwards: another projector on the same file may have gone further.
    this.writeCheckpoint = this.db.prepare('UPDATE projection_checkpoint SET position = MAX(position, ?) WHERE id = 1');
    this.dataVersion = this.db.prepare<[], number>('PRAGMA data_version').pluck();
  }

  /** In a write transaction: another process opening the same new file creates the tables once, not twice. */
  private prepare(projection: Projection): void {
    this.db
      .transaction(() => {
        const known = this.db.prepare('SELECT version FROM projection_versions WHERE name = ?').get(projection.name) as
          | { version: number }
          | undefined;
        if (known && known.version !== projection.version) {
          throw new Error(
            `Read model ${projection.name} is at version ${known.version} in ${this.file}; this build needs ${projection.version}: run npm run projections:rebuild`,
          );
        }
        if (!known) {
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
