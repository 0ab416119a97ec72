import { aMetadata } from '@app/event-store/testing/event-store.contract';
import { idFromName } from '@app/shared';
import { ReadModels } from '../read-models.service';
import { useReadModelWorkbench } from './read-model-workbench';

type Role = 'buyer' | 'provider' | 'pole_emploi' | 'system';

export interface ProjectionScenario {
  /** Records the history on a stream, one append per event as commands would. */
  given(stream: string, events: ReadonlyArray<{ type: string; data: object }>, role?: Role): Promise<void>;
  /** Records the events the test is about, after the history. */
  when(stream: string, events: ReadonlyArray<{ type: string; data: object }>, role?: Role): Promise<void>;
  /** Projects everything recorded into a new generation, served from then on (by every ReadModels it gave, as by the apps'), and reads it. */
  readModels(): Promise<ReadModels>;
}

/**
 * For a projection's spec written as given (a history of events), when (the events it is about), then (what its
 * queries answer): a fresh store and read-model folder for each test (useReadModelWorkbench).
 */
export function useProjectionScenario(name: string): ProjectionScenario {
  const bench = useReadModelWorkbench(name);
  const revisions = new Map<string, number>();
  let generations = 0;
  const served: ReadModels[] = [];
  beforeEach(() => {
    revisions.clear();
    generations = 0;
  });
  afterEach(() => served.splice(0).forEach((readModels) => readModels.onApplicationShutdown()));
  const record = async (stream: string, events: ReadonlyArray<{ type: string; data: object }>, role: Role = 'buyer') => {
    for (const event of events) {
      const revision = revisions.get(stream) ?? -1;
      await bench.store.appendToStream(
        stream,
        [{ id: idFromName('projection-scenario', `${stream}/${revision + 1}`), type: event.type, data: event.data as Record<string, unknown>, metadata: aMetadata({ role }) }],
        { expectedRevision: revision < 0 ? 'no_stream' : revision },
      );
      revisions.set(stream, revision + 1);
    }
  };
  return {
    given: record,
    when: record,
    async readModels() {
      generations += 1;
      const generation = `g${generations}`;
      await bench.projectorOn(generation).catchUp();
      bench.files.promote(generation);
      const readModels = new ReadModels({ get: () => bench.folder } as never);
      served.push(readModels);
      return readModels;
    },
  };
}
