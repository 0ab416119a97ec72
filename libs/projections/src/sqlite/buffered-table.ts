import type Database from 'better-sqlite3';

/** A read-model table as a buffered table sees it. */
export interface TableShape<Row extends object> {
  readonly table: string;
  /** The primary-key columns, in order. */
  readonly key: ReadonlyArray<keyof Row & string>;
  /** Every stored column, the key included (generated columns left out). */
  readonly columns: ReadonlyArray<keyof Row & string>;
  /**
   * How many leading key columns make a partition (default: the whole key). A partition is read whole with one
   * SELECT the first time one of its rows is needed, so a key missing from it is known to be absent without
   * asking SQLite again: the trainees of an order, the sessions of an order, the work units of a lot.
   */
  readonly partitionBy?: number;
}

type Value = string | number | null;
type Partition<Row> = Map<string, Row>;

/** Rows kept in memory per table between transactions, beyond which the partitions read first are let go. */
const KEPT_ROWS = 50_000;

/**
 * The rows of one read-model table, read from SQLite when first needed, changed in memory, and written once
 * when the transaction commits (the read-model database flushes them before it moves the checkpoint, in the
 * same transaction). Many events change the same few rows (a session's entries, a lot's counters): this
 * makes one write per row and page instead of one statement per event. The rows stay in memory for the next
 * transaction unless another connection wrote to the file meanwhile (see ReadModelDatabase.commit).
 *
 * A table kept this way is written only through it: SQL run on it directly would be overwritten by the
 * flush, or not seen by the rows kept in memory.
 */
export class BufferedTable<Row extends object> {
  private readonly partitions = new Map<string, Partition<Row>>();
  private keptRows = 0;
  /** Rows to write at the flush, and keys of rows to delete, by partition and key. */
  private readonly changed = new Map<string, Map<string, Value[]>>();
  private readonly partitionSize: number;
  private readonly selectPartition: Database.Statement;
  private readonly upsert: Database.Statement;
  private readonly remove: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly shape: TableShape<Row>,
  ) {
    const { table, key, columns } = shape;
    this.partitionSize = shape.partitionBy ?? key.length;
    const matching = (keyColumns: readonly string[]) => keyColumns.map((column) => `${column} = ?`).join(' AND ');
    const updates = columns.filter((column) => !key.includes(column)).map((column) => `${column} = excluded.${column}`);
    this.selectPartition = db.prepare(`SELECT ${columns.join(', ')} FROM ${table} WHERE ${matching(key.slice(0, this.partitionSize))}`);
    // An upsert, not INSERT OR REPLACE: a row that exists keeps its rowid, as an UPDATE would.
    this.upsert = db.prepare(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
       ON CONFLICT (${key.join(', ')}) DO ${updates.length > 0 ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`,
    );
    this.remove = db.prepare(`DELETE FROM ${table} WHERE ${matching(key)}`);
  }

  /** The row with this primary key, or undefined. Change it in place, then `save` it. */
  get(...key: Value[]): Row | undefined {
    return this.partition(key).get(joined(key, this.partitionSize, key.length));
  }

  /** Every row of a partition (its leading key values), in no particular order. */
  rowsIn(...partitionKey: Value[]): Row[] {
    return [...this.partition(partitionKey).values()];
  }

  /** INSERT: a new row; fails as SQLite would when the key exists. */
  insert(row: Row): Row {
    if (this.get(...this.keyOf(row))) throw new Error(`UNIQUE constraint failed: ${this.shape.table} (${this.keyOf(row).join(', ')})`);
    return this.save(row);
  }

  /** INSERT OR IGNORE: the row with this key, inserted as given when there was none. */
  insertOrIgnore(row: Row): Row {
    return this.get(...this.keyOf(row)) ?? this.save(row);
  }

  /** INSERT OR REPLACE, or a row changed in place: written at the flush. */
  save(row: Row): Row {
    const key = this.keyOf(row);
    const rest = joined(key, this.partitionSize, key.length);
    const partition = this.partition(key);
    if (!partition.has(rest)) this.keptRows += 1;
    partition.set(rest, row);
    this.changesOf(key).set(rest, key);
    return row;
  }

  delete(...key: Value[]): void {
    const rest = joined(key, this.partitionSize, key.length);
    if (this.partition(key).delete(rest)) this.keptRows -= 1;
    this.changesOf(key).set(rest, key);
  }

  /** Writes what changed in this transaction. */
  flush(): void {
    for (const [partitionId, keys] of this.changed) {
      const partition = this.partitions.get(partitionId)!;
      for (const [rest, key] of keys) {
        const row = partition.get(rest);
        if (row) this.upsert.run(...this.shape.columns.map((column) => row[column] as Value));
        else this.remove.run(...key);
      }
    }
    this.changed.clear();
  }

  /** After a commit: lets the partitions read first go when more rows than KEPT_ROWS are kept. */
  trim(): void {
    for (const [partitionId, partition] of this.partitions) {
      if (this.keptRows <= KEPT_ROWS) return;
      this.keptRows -= partition.size;
      this.partitions.delete(partitionId);
    }
  }

  /** Forgets every row and change: after a rollback, or when another connection may have written. */
  discard(): void {
    this.partitions.clear();
    this.changed.clear();
    this.keptRows = 0;
  }

  /** The partition of this key (or partition key), read from SQLite if it is not in memory. */
  private partition(key: Value[]): Partition<Row> {
    const partitionId = joined(key, 0, this.partitionSize);
    let partition = this.partitions.get(partitionId);
    if (!partition) {
      partition = new Map();
      for (const row of this.selectPartition.all(...key.slice(0, this.partitionSize)) as Row[]) {
        partition.set(joined(this.keyOf(row), this.partitionSize, this.shape.key.length), row);
      }
      this.keptRows += partition.size;
      this.partitions.set(partitionId, partition);
    }
    return partition;
  }

  private changesOf(key: Value[]): Map<string, Value[]> {
    const partitionId = joined(key, 0, this.partitionSize);
    let changes = this.changed.get(partitionId);
    if (!changes) {
      changes = new Map();
      this.changed.set(partitionId, changes);
    }
    return changes;
  }

  private keyOf(row: Row): Value[] {
    return this.shape.key.map((column) => row[column] as Value);
  }
}

/** Key values from..to as one Map key. */
function joined(values: Value[], from: number, to: number): string {
  let id = '';
  for (let i = from; i < to; i++) id += i === from ? String(values[i]) : `\u0000${values[i]}`;
  return id;
}

const tablesOf = new WeakMap<Database.Database, Map<TableShape<object>, BufferedTable<object>>>();

/** The buffered table of this shape on this database connection, created on first use (like `prepared`). */
export function buffered<Row extends object>(db: Database.Database, shape: TableShape<Row>): BufferedTable<Row> {
  let tables = tablesOf.get(db);
  if (!tables) {
    tables = new Map();
    tablesOf.set(db, tables);
  }
  let table = tables.get(shape as TableShape<object>);
  if (!table) {
    table = new BufferedTable(db, shape as TableShape<object>);
    tables.set(shape as TableShape<object>, table);
  }
  return table as unknown as BufferedTable<Row>;
}

/** Every buffered table of this database connection. */
export function bufferedTablesOf(db: Database.Database): Iterable<BufferedTable<object>> {
  return tablesOf.get(db)?.values() ?? [];
}
