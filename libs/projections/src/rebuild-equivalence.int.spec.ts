import { EventToAppend } from '@app/event-store';
import { readingCurrentShapes } from '@app/procurement';
import { Projector } from './projector';
import { PROJECTIONS } from './read-models';
import { ReadModelDatabase } from './sqlite/read-model-database';
import { HistoryEvent, mixedHistory } from './testing/mixed-history';
import { useReadModelWorkbench } from './testing/read-model-workbench';

/**
 * A rebuild applies pages of events in large transactions, keeping read-model rows in memory between them; the
 * live projector applies one event per transaction. Both must give the same tables, row for row.
 */
describe('rebuilding the read models', () => {
  const bench = useReadModelWorkbench('rebuild-equivalence');
  const history = mixedHistory({ contracts: 3, eventsPerContract: 500, seed: 11 });

  /** Appends the events in order, consecutive events of a stream together (as a command's events are). */
  async function write(events: HistoryEvent[]): Promise<void> {
    for (let start = 0; start < events.length; ) {
      let end = start + 1;
      while (end < events.length && end - start < 20 && events[end].stream === events[start].stream) end++;
      const batch: EventToAppend[] = events.slice(start, end).map(({ event }) => event);
      await bench.store.appendToStream(events[start].stream, batch, { expectedRevision: 'any' });
      start = end;
    }
  }

  /** Every table and view, every row, in a fixed order. */
  function dump(database: ReadModelDatabase): Record<string, unknown[]> {
    const names = database.db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'
         AND name NOT IN ('projection_checkpoint', 'projection_versions') ORDER BY name`,
      )
      .pluck()
      .all() as string[];
    return Object.fromEntries(
      names.map((name) => {
        const columns = database.db.prepare(`SELECT * FROM ${name} LIMIT 0`).columns().map((column) => column.name);
        return [name, database.db.prepare(`SELECT * FROM ${name} ORDER BY ${columns.join(', ')}`).all()];
      }),
    );
  }

  const pagedProjector = (generation: string, pageSize: number) => new Projector(readingCurrentShapes(bench.store), bench.files.open(generation, PROJECTIONS), PROJECTIONS, pageSize);

  async function followLive(projector: Projector): Promise<void> {
    const head = await bench.store.headPosition();
    for (let i = 0; i < 1000 && projector.database.checkpoint() < head; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await projector.stop();
    expect(projector.database.checkpoint()).toBe(head);
  }

  it('gives, page by page, the tables the live projector builds event by event', async () => {
    const live = bench.projectorOn('live');
    live.start();
    await write(history);
    await followLive(live);

    const rebuilt = bench.projectorOn('rebuilt');
    expect(await rebuilt.catchUp()).toBe(history.length);
    const smallPages = pagedProjector('small-pages', 7);
    await smallPages.catchUp();

    const expected = dump(live.database);
    // The history reaches every read model: no table is left empty.
    expect(Object.entries(expected).filter(([, rows]) => rows.length === 0).map(([name]) => name)).toEqual([]);
    expect(dump(rebuilt.database)).toEqual(expected);
    expect(dump(smallPages.database)).toEqual(expected);
    smallPages.database.close();
  });

  it('stays exact when two projectors take turns on one generation, each keeping rows in memory', async () => {
    const first = pagedProjector('shared', 13);
    const second = pagedProjector('shared', 13);
    // Turns of 100 events: each projector changes rows the other one holds in memory, and must read them again.
    for (let start = 0, turn = 0; start < history.length; start += 100, turn++) {
      await write(history.slice(start, start + 100));
      await (turn % 2 === 0 ? first : second).catchUp();
    }

    const rebuilt = bench.projectorOn('rebuilt');
    await rebuilt.catchUp();
    expect(dump(first.database)).toEqual(dump(rebuilt.database));
    first.database.close();
    second.database.close();
  });
});
