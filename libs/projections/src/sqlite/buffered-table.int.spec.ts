import Database from 'better-sqlite3';
import { BufferedTable, TableShape } from './buffered-table';

interface TraineeRow {
  order_id: string;
  trainee_id: string;
  completed: number;
}

const TRAINEES: TableShape<TraineeRow> = {
  table: 'trainees',
  key: ['order_id', 'trainee_id'],
  columns: ['order_id', 'trainee_id', 'completed'],
  partitionBy: 1,
};

describe('a buffered read-model table', () => {
  let db: Database.Database;
  const rows = () => db.prepare('SELECT * FROM trainees ORDER BY order_id, trainee_id').all();

  beforeEach(() => {
    db = new Database(':memory:');
    db.exec('CREATE TABLE trainees (order_id TEXT NOT NULL, trainee_id TEXT NOT NULL, completed INTEGER NOT NULL, PRIMARY KEY (order_id, trainee_id))');
    db.exec(`INSERT INTO trainees VALUES ('o1', 'alice', 0), ('o1', 'bob', 1), ('o2', 'chloe', 0)`);
  });
  afterEach(() => db.close());

  it('reads rows by partition, and writes only at the flush what was saved or deleted', () => {
    const table = new BufferedTable(db, TRAINEES);
    const alice = table.get('o1', 'alice')!;
    alice.completed = 1;
    table.save(alice);
    table.delete('o1', 'bob');
    table.insertOrIgnore({ order_id: 'o1', trainee_id: 'david', completed: 0 });
    expect(table.insertOrIgnore({ order_id: 'o1', trainee_id: 'alice', completed: 0 })).toBe(alice);
    expect(() => table.insert({ order_id: 'o2', trainee_id: 'chloe', completed: 0 })).toThrow(/UNIQUE/);
    expect(table.get('o1', 'bob')).toBeUndefined();
    expect(table.rowsIn('o1').map((row) => row.trainee_id).sort()).toEqual(['alice', 'david']);
    expect(rows()).toEqual([
      { order_id: 'o1', trainee_id: 'alice', completed: 0 },
      { order_id: 'o1', trainee_id: 'bob', completed: 1 },
      { order_id: 'o2', trainee_id: 'chloe', completed: 0 },
    ]);

    table.flush();
    expect(rows()).toEqual([
      { order_id: 'o1', trainee_id: 'alice', completed: 1 },
      { order_id: 'o1', trainee_id: 'david', completed: 0 },
      { order_id: 'o2', trainee_id: 'chloe', completed: 0 },
    ]);
  });

  it('lets the oldest partitions go beyond its bound and reads them again when needed', () => {
    const table = new BufferedTable(db, TRAINEES, 1);
    table.get('o1', 'alice');
    table.get('o2', 'chloe');
    table.trim();
    // o1 (two rows, read first) was let go; what changes in SQLite now is seen when it is read again.
    db.exec(`UPDATE trainees SET completed = 7 WHERE trainee_id = 'alice'`);
    db.exec(`UPDATE trainees SET completed = 7 WHERE trainee_id = 'chloe'`);
    expect(table.get('o1', 'alice')?.completed).toBe(7);
    expect(table.get('o2', 'chloe')?.completed).toBe(0);

    table.discard();
    expect(table.get('o2', 'chloe')?.completed).toBe(7);
  });
});
