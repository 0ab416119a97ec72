/**
 * Child process of the crash test: projects the log into a read-model generation and reports each
 * committed page on stdout, until the parent kills it.
 *   tsx project-until-killed.ts <events.db> <data dir> <generation>
 */
import { EmbeddedEventStore } from '@app/event-store/embedded/embedded-event-store';
import { readingCurrentShapes } from '@app/procurement/application/current-shapes';
import { Projector } from '../projector';
import { PROJECTIONS } from '../read-models';
import { ReadModelFiles } from '../sqlite/read-model-database';

const [file, dataDir, generation] = process.argv.slice(2);
const store = EmbeddedEventStore.open({ file });
const files = new ReadModelFiles(dataDir);
// Small transactions (4,000 events), so that the kill lands between commits of one catch-up.
const projector = new Projector(readingCurrentShapes(store), files.open(generation, PROJECTIONS), PROJECTIONS, 2000, 4000);
void projector.catchUp((applied, position) => process.stdout.write(`committed ${applied} ${position}\n`));
