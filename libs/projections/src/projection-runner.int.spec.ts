import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigService } from '@nestjs/config';
import { aMetadata } from '@app/event-store/testing/event-store.contract';
import { readingCurrentShapes } from '@app/procurement';
import { activeContract, CONTRACT_ID, orderPathways, recorded } from '@app/procurement/domain/testing/fixtures';
import { ALICE, ORDER_ID, sessionStarted, traineeCompleted, traineeEntered } from '@app/procurement/domain/testing/delivery-fixtures';
import { ProjectionRunner } from './projection-runner';
import { ReadModels } from './read-models.service';
import { useReadModelWorkbench } from './testing/read-model-workbench';

/** At start, the runner serves the current generation, or rebuilds one from the log when it was built for other read models. */
describe('the projection runner at start', () => {
  const bench = useReadModelWorkbench('projection-runner');
  const runners: ProjectionRunner[] = [];
  afterEach(async () => {
    for (const runner of runners.splice(0)) await runner.onApplicationShutdown();
  });

  const started = async (): Promise<ProjectionRunner> => {
    const runner = new ProjectionRunner(readingCurrentShapes(bench.store), new ConfigService({ DATA_DIR: bench.folder }));
    runners.push(runner);
    await runner.onApplicationBootstrap();
    return runner;
  };
  const generations = () => readdirSync(bench.files.folder).filter((name) => /^generation-.*\.db$/.test(name) || /^g\d\.db$/.test(name));
  const rowsOf = (generation: string, sql: string) => {
    const db = new Database(join(bench.files.folder, `${generation}.db`), { readonly: true });
    try {
      return db.prepare(sql).all();
    } finally {
      db.close();
    }
  };
  const BOB = 'trainee-2b8e4d10';
  const LOT_DELIVERY = 'SELECT lot_id, provider_id, entered, completed FROM lot_delivery ORDER BY lot_id, provider_id';

  /** Appends the events to the stream one at a time, after `revision`. */
  const append = async (stream: string, events: ReadonlyArray<{ type: string; data: object }>, role: 'buyer' | 'provider', revision = -1) => {
    for (const [i, event] of events.entries()) {
      await bench.store.appendToStream(stream, [{ id: randomUUID(), type: event.type, data: event.data as Record<string, unknown>, metadata: aMetadata({ role }) }], {
        expectedRevision: revision + i < 0 ? 'no_stream' : revision + i,
      });
    }
  };

  /** A contract with an order, two trainees entered and one completed, projected into generation `g1`, served; then `alter` run on its file. */
  async function servedGeneration(alter?: string): Promise<void> {
    await append(`contract-${CONTRACT_ID}`, recorded(activeContract(), orderPathways(ORDER_ID, 20)), 'buyer');
    await append(`delivery-${ORDER_ID}`, [sessionStarted('2026-03-09'), traineeEntered(ALICE, '2026-03-09'), traineeEntered(BOB, '2026-03-09'), traineeCompleted(ALICE, '2026-06-26')], 'provider');
    const projector = bench.projectorOn('g1');
    await projector.catchUp();
    projector.database.close();
    if (alter) {
      const db = new Database(join(bench.files.folder, 'g1.db'));
      db.exec(alter);
      db.close();
    }
    bench.files.promote('g1');
  }

  it('serves the current generation as it is when it holds this build’s read models', async () => {
    await servedGeneration();
    await started();
    expect(bench.files.current()).toBe('g1');
    expect(generations()).toEqual(['g1.db']);
  });

  it('rebuilds from the log a generation holding another version of a read model, serves the new one and leaves the old one', async () => {
    await servedGeneration(`UPDATE projection_versions SET version = version - 1 WHERE name = 'lot_delivery'`);
    const before = rowsOf('g1', LOT_DELIVERY);
    expect(before).toContainEqual(expect.objectContaining({ entered: 2, completed: 1 }));

    await started();

    const served = bench.files.current();
    expect(served).not.toBe('g1');
    expect(rowsOf(served, LOT_DELIVERY)).toEqual(before);
    expect(rowsOf(served, 'SELECT position FROM projection_checkpoint')).toEqual([{ position: await bench.store.headPosition() }]);
    expect(existsSync(join(bench.files.folder, 'g1.db'))).toBe(true);
  });

  it('rebuilds a generation that has applied events without one of this build’s read models, which would miss the events before', async () => {
    await servedGeneration(`DROP TABLE trainee_records; DELETE FROM projection_versions WHERE name = 'trainee_records'`);

    await started();

    const served = bench.files.current();
    expect(served).not.toBe('g1');
    expect(rowsOf(served, 'SELECT trainee_id, completed FROM trainee_records ORDER BY trainee_id')).toEqual([
      { trainee_id: BOB, completed: 0 },
      { trainee_id: ALICE, completed: 1 },
    ]);
  });

  it('rebuilds once when two processes start together on out-of-date read models, and both serve the rebuilt generation', async () => {
    await servedGeneration(`UPDATE projection_versions SET version = version + 1 WHERE name = 'quality_indicators'`);

    await Promise.all([started(), started()]);

    expect(generations()).toHaveLength(2);
    expect(bench.files.current()).not.toBe('g1');
    expect(generations()).toContain(`${bench.files.current()}.db`);
  });
  it('keeps serving its generation when a build with other read models promotes one (a rolling upgrade), queries included', async () => {
    await servedGeneration();
    await started();
    const readModels = new ReadModels(new ConfigService({ DATA_DIR: bench.folder }));
    try {
      expect(readModels.query('SELECT count(*) AS n FROM trainee_records').rows).toEqual([{ n: 2 }]);
      const other = bench.projectorOn('g2');
      await other.catchUp();
      other.database.db.exec(`UPDATE projection_versions SET version = version + 1 WHERE name = 'session_fill'`);
      bench.files.promote('g2');
      // The runner looks at the pointer every second.
      await new Promise((resolve) => setTimeout(resolve, 1500));

      // Applied by the runner to the generation it serves.
      await append(`delivery-${ORDER_ID}`, [traineeEntered('trainee-c4a1e7f2', '2026-03-10')], 'provider', 3);
      for (let tries = 0; tries < 50 && readModels.query<Array<{ n: number }>>('SELECT count(*) AS n FROM trainee_records').rows[0].n < 3; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(readModels.query('SELECT count(*) AS n FROM trainee_records').rows).toEqual([{ n: 3 }]);
      expect(bench.files.current()).toBe('g2');
    } finally {
      readModels.onApplicationShutdown();
    }
  });
});
