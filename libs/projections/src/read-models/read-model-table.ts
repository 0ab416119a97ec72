import { TableShape } from '../sqlite/buffered-table';

/** A stored column: how CREATE TABLE declares it, and (in the type only) the value a row holds in it. */
export interface Column<Value> {
  readonly sql: string;
  /** Never set: it carries the row's type of the column. */
  readonly value?: Value;
}

/** The columns read models store, by the value a row holds in them. */
export const column = {
  text: <Value extends string = string>(): Column<Value> => ({ sql: 'TEXT NOT NULL' }),
  /** A key of its own, declared `TEXT PRIMARY KEY` (which SQLite lets hold NULL; rows never do). */
  textKey: (): Column<string> => ({ sql: 'TEXT' }),
  /** Text that is '' until known. */
  textOrEmpty: (): Column<string> => ({ sql: "TEXT NOT NULL DEFAULT ''" }),
  textOrNull: <Value extends string = string>(): Column<Value | null> => ({ sql: 'TEXT' }),
  integer: (): Column<number> => ({ sql: 'INTEGER NOT NULL' }),
  /** A count, an amount or a 0/1 flag that starts at 0. */
  count: (): Column<number> => ({ sql: 'INTEGER NOT NULL DEFAULT 0' }),
  integerOrNull: (): Column<number | null> => ({ sql: 'INTEGER' }),
  real: (): Column<number> => ({ sql: 'REAL NOT NULL' }),
  /** Any other declaration, with the value it holds. */
  declared: <Value>(sql: string): Column<Value> => ({ sql }),
};

type Columns = Record<string, Column<unknown>>;

/** A row of a table with these columns. */
export type RowWith<Of extends Columns> = { -readonly [Name in keyof Of]: Of[Name] extends Column<infer Value> ? Value : never };

/** Columns declared alike under names from a list (counters by reason, destination or public), stored after the others. */
export interface NamedColumns<Name extends string, Value> {
  readonly names: readonly Name[];
  readonly declared: Column<Value>;
}

/** Their fields in a row: by name when the names are known to the compiler, else any field of the row. */
type NamedFields<Name extends string, Value> = string extends Name ? Record<string, string | number | null> : Record<Name, Value>;

/** A read-model table stated once: the shape its buffered table reads and writes, and the SQL creating it. */
export type ReadModelTable<Row extends object> = TableShape<Row> & {
  /** CREATE TABLE: the stored columns in their order, then the generated ones, then the primary key. */
  readonly createTable: string;
};

/** The row of a read-model table. */
export type RowOf<Table> = Table extends ReadModelTable<infer Row> ? Row : never;

/**
 * A read-model table from its stored columns (in the order CREATE TABLE declares them), its primary key, the
 * columns named from a list that follow them, the generated columns declared after all these (their SQL, not
 * part of the row), and how many leading key columns make a partition of its buffered table.
 */
export function readModelTable<Of extends Columns, Name extends string = never, Value = never>(
  table: string,
  columns: Of,
  options: { key: ReadonlyArray<keyof Of & string>; named?: NamedColumns<Name, Value>; generated?: readonly string[]; partitionBy?: number },
): ReadModelTable<RowWith<Of> & NamedFields<Name, Value>> {
  const named = options.named?.names ?? [];
  const names = [...Object.keys(columns), ...named];
  const declarations = [
    ...Object.entries(columns).map(([name, { sql }]) => `${name} ${sql}`),
    ...named.map((name) => `${name} ${options.named?.declared.sql}`),
    ...(options.generated ?? []),
    `PRIMARY KEY (${options.key.join(', ')})`,
  ];
  return {
    table,
    key: options.key,
    columns: names,
    ...(options.partitionBy === undefined ? {} : { partitionBy: options.partitionBy }),
    createTable: `CREATE TABLE ${table} (\n${declarations.map((declaration) => `  ${declaration}`).join(',\n')}\n);`,
  };
}
