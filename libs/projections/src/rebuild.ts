import { EventStore } from '@app/event-store';
import { Projector } from './projector';
import { PROJECTIONS } from './read-models';
import { ReadModelFiles } from './sqlite/read-model-database';

export interface Rebuilt {
  generation: string;
  applied: number;
  seconds: number;
}

/**
 * Rebuilds every read model from position 0 into a new generation, then serves it. Processes serving the
 * previous generation keep doing so until it is promoted. Call it holding `files.whileRebuilding`.
 * `onProgress` is told after each commit how many events are applied and the position committed.
 */
export async function rebuildReadModels(store: EventStore, files: ReadModelFiles, onProgress?: (applied: number, position: number) => void): Promise<Rebuilt> {
  const started = process.hrtime.bigint();
  const generation = files.newGeneration();
  const projector = new Projector(store, files.open(generation, PROJECTIONS), PROJECTIONS);
  try {
    let applied = await projector.catchUp(onProgress);
    // Appends made during the rebuild: catch up once more, then serve the new generation.
    applied += await projector.catchUp();
    files.promote(generation);
    return { generation, applied, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  } finally {
    projector.database.close();
  }
}
