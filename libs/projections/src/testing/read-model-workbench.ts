import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEventStore } from '@app/event-store';
import { readingCurrentShapes } from '@app/procurement';
import { Projector } from '../projector';
import { PROJECTIONS } from '../read-models';
import { ReadModelDatabase, ReadModelFiles } from '../sqlite/read-model-database';

export interface ReadModelWorkbench {
  folder: string;
  store: EmbeddedEventStore;
  files: ReadModelFiles;
  /** A projector of every read model into this generation (opened once per call, closed after the test). */
  projectorOn(generation: string): Projector;
}

/**
 * For read-model tests: a fresh embedded store and read-model folder for each test, closed and deleted after
 * it. Call at the top of a describe block; the fields are set before each test.
 */
export function useReadModelWorkbench(name: string): ReadModelWorkbench {
  const opened: ReadModelDatabase[] = [];
  const bench = {
    projectorOn(generation: string): Projector {
      const database = bench.files.open(generation, PROJECTIONS);
      opened.push(database);
      // Read as the apps read it: through the upcasters.
      return new Projector(readingCurrentShapes(bench.store), database, PROJECTIONS);
    },
  } as ReadModelWorkbench;
  beforeEach(() => {
    bench.folder = mkdtempSync(join(tmpdir(), `${name}-`));
    bench.store = EmbeddedEventStore.open({ file: join(bench.folder, 'events.db') });
    bench.files = new ReadModelFiles(bench.folder);
  });
  afterEach(async () => {
    opened.splice(0).forEach((database) => database.close());
    await bench.store.close();
    rmSync(bench.folder, { recursive: true, force: true });
  });
  return bench;
}
