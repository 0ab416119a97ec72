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

/** The rows of one partition, by the rest of their key (a single value in most tables, '' when none is left). */
class Partition<Row> {
  readonly rows = new Map<Value, Row>();
  /** Keys changed in this transaction (deleted when absent from `rows`), by the rest of the key. */
  readonly changed = new Map<Value, Value[]>();

  constructor(readonly key: Value[]) {}
}

/** Rows kept in memory per table between transactions, beyond which the partitions read first are let go. */
const KEPT_ROWS = 10_000;

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
  /** Partitions in nested maps, one level per partition-key column: lookups use the event's own strings. */
  private readonly partitions = new Map<Value, unknown>();
  /** In the order they were read, for letting the oldest go. */
  private readonly loaded = new Set<Partition<Row>>();
  private readonly dirty = new Set<Partition<Row>>();
  private keptRows = 0;
  /**
   * True while every row of the table is in memory: it was empty when first used (a new generation) and no
   * partition has been let go since, nor has another connection written. A partition not in memory is then
   * known to be empty without asking SQLite.
   */
  private complete: boolean;
  private readonly partitionSize: number;
  private readonly selectPartition: Database.Statement;
  private readonly upsert: Database.Statement;
  private readonly remove: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly shape: TableShape<Row>,
    private readonly maxKeptRows = KEPT_ROWS,
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
    this.complete = db.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get() === undefined;
  }

  /** The row with this primary key, or undefined. Change it in place, then `save` it. */
  get(...key: Value[]): Row | undefined {
    return this.partition(key).rows.get(this.restOf(key));
  }

  /** Every row of a partition (its leading key values), in no particular order. */
  rowsIn(...partitionKey: Value[]): Row[] {
    return [...this.partition(partitionKey).rows.values()];
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
    const rest = this.restOf(key);
    const partition = this.partition(key);
    if (!partition.rows.has(rest)) this.keptRows += 1;
    partition.rows.set(rest, row);
    partition.changed.set(rest, key);
    this.dirty.add(partition);
    return row;
  }

  delete(...key: Value[]): void {
    const rest = this.restOf(key);
    const partition = this.partition(key);
    if (partition.rows.delete(rest)) this.keptRows -= 1;
    partition.changed.set(rest, key);
    this.dirty.add(partition);
  }

  /** Writes what changed in this transaction. */
  flush(): void {
    for (const partition of this.dirty) {
      for (const [rest, key] of partition.changed) {
        const row = partition.rows.get(rest);
        if (row) this.upsert.run(...this.shape.columns.map((column) => row[column] as Value));
        else this.remove.run(...key);
      }
      partition.changed.clear();
    }
    this.dirty.clear();
  }

  /** After a commit: lets the partitions read first go when more rows than the bound are kept. */
  trim(): void {
    for (const partition of this.loaded) {
      if (this.keptRows <= this.maxKeptRows) return;
      this.complete = false;
      this.keptRows -= partition.rows.size;
      this.loaded.delete(partition);
      this.unlink(partition.key);
    }
  }

  /** Forgets every row and change: after a rollback, or when another connection may have written. */
  discard(): void {
    this.partitions.clear();
    this.loaded.clear();
    this.dirty.clear();
    this.keptRows = 0;
    this.complete = false;
  }

  /** The partition of this key (or partition key), read from SQLite if it is not in memory. */
  private partition(key: Value[]): Partition<Row> {
    let level = this.partitions;
    for (let i = 0; i < this.partitionSize - 1; i++) {
      let next = level.get(key[i]) as Map<Value, unknown> | undefined;
      if (!next) {
        next = new Map();
        level.set(key[i], next);
      }
      level = next;
    }
    const last = key[this.partitionSize - 1];
    let partition = level.get(last) as Partition<Row> | undefined;
    if (!partition) {
      partition = new Partition(key.slice(0, this.partitionSize));
      if (!this.complete) for (const row of this.selectPartition.all(...partition.key) as Row[]) partition.rows.set(this.restOf(this.keyOf(row)), row);
      this.keptRows += partition.rows.size;
      level.set(last, partition);
      this.loaded.add(partition);
    }
    return partition;
  }

  /** Removes a partition from the nested maps, and the maps it leaves empty. */
  private unlink(partitionKey: Value[]): void {
    // path[i] is the map holding partitionKey[i].
    const path: Array<Map<Value, unknown>> = [this.partitions];
    for (let i = 0; i < partitionKey.length - 1; i++) path.push(path[i].get(partitionKey[i]) as Map<Value, unknown>);
    for (let i = partitionKey.length - 1; i >= 0; i--) {
      path[i].delete(partitionKey[i]);
      if (path[i].size > 0) return;
    }
  }

  /** The key within its partition: the value itself when one column is left, '' when none. */
  private restOf(key: Value[]): Value {
    const length = this.shape.key.length;
    if (this.partitionSize === length) return '';
    if (this.partitionSize === length - 1) return key[length - 1];
    return key.slice(this.partitionSize).join('\u0000');
  }

  private keyOf(row: Row): Value[] {
    return this.shape.key.map((column) => row[column] as Value);
  }
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
