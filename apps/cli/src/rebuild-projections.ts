/**
 * Rebuilds every read model from position 0 into a new generation, then makes it the one served.
 * Running processes keep serving the previous generation until the new one has caught up and is promoted.
 *   npm run projections:rebuild
 */
import { SingleBar } from 'cli-progress';
import { openConfiguredEventStore } from '../../../libs/event-store/src/event-store.module';
import { readingCurrentShapes } from '../../../libs/procurement/src/application/current-shapes';
import { ReadModelFiles } from '../../../libs/projections/src';
import { rebuildReadModels } from '../../../libs/projections/src/rebuild';
import { validateEnvironment } from '../../../libs/shared/src/config/environment';

async function main(): Promise<void> {
  const env = validateEnvironment(process.env);
  const store = readingCurrentShapes(openConfiguredEventStore(env));
  const files = new ReadModelFiles(env.DATA_DIR);
  const head = await store.headPosition();
  const bar = new SingleBar({
    format: 'rebuilding read models [{bar}] {percentage}% | {value}/{total} positions | {rate} events/s',
    hideCursor: true,
  });
  bar.start(Math.max(head, 1), 0, { rate: 0 });
  const started = process.hrtime.bigint();
  // One rebuild at a time per folder: a process starting meanwhile on out-of-date read models waits for this one.
  const { generation, applied, seconds } = await files.whileRebuilding(() =>
    rebuildReadModels(store, files, (count, position) => {
      const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
      bar.update(position, { rate: Math.round(count / Math.max(elapsed, 1e-9)).toLocaleString('en-US') });
    }),
  );
  bar.stop();
  console.log(
    `${applied.toLocaleString('en-US')} events in ${seconds.toFixed(1)} s (${Math.round(applied / seconds).toLocaleString('en-US')} events/s); serving ${generation}`,
  );
  await store.close();
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
