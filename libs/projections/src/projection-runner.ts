import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { Projector } from './projector';
import { PROJECTIONS } from './read-models';
import { rebuildReadModels } from './rebuild';
import { ReadModelDatabase, ReadModelFiles } from './sqlite/read-model-database';

/** How often the runner looks whether a rebuild has promoted a new generation. */
const POINTER_CHECK_MS = 1000;

/**
 * Keeps the served generation of read models up to date while the process lives: catches up from its
 * checkpoint at start (so nothing is lost across restarts), then follows the log; moves to a new generation
 * when a rebuild promotes one. At start, a generation built for other read models (an upgrade changed one) is
 * rebuilt from the log into a new one before the process serves, once for all the processes on the folder.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProjectionRunner.name);
  private readonly files: ReadModelFiles;
  private projector?: Projector;
  private timer?: NodeJS.Timeout;
  private switching = Promise.resolve();
  /** A promoted generation this build cannot serve, said once: the runner keeps following its own. */
  private refused?: string;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ConfigService) config: ConfigService<{ DATA_DIR: string }, true>,
  ) {
    this.files = new ReadModelFiles(config.get('DATA_DIR', { infer: true }));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.follow(this.openCurrent() ?? (await this.rebuilt()));
    this.timer = setInterval(() => {
      const generation = this.files.current();
      if (generation !== this.projector?.database.generation && generation !== this.refused) {
        this.switching = this.switching.then(() => this.switchTo(generation));
      }
    }, POINTER_CHECK_MS);
    this.timer.unref();
  }

  /** The generation served now, or undefined when it was built for other read models than this build's. */
  private openCurrent(): ReadModelDatabase | undefined {
    const opened = this.files.openIfUpToDate(this.files.current(), PROJECTIONS);
    if (opened instanceof ReadModelDatabase) return opened;
    this.logger.warn(opened.message);
    return undefined;
  }

  /** A generation rebuilt from the log, by this process or by another one on the folder while this one waited. */
  private rebuilt(): Promise<ReadModelDatabase> {
    return this.files.whileRebuilding(async () => {
      const servedMeanwhile = this.openCurrent();
      if (servedMeanwhile) return servedMeanwhile;
      const { generation, applied, seconds } = await rebuildReadModels(this.store, this.files);
      this.logger.log(`Read models rebuilt into ${generation}: ${applied} events in ${seconds.toFixed(1)} s`);
      return this.files.open(generation, PROJECTIONS);
    });
  }

  private async switchTo(generation: string): Promise<void> {
    const opened = this.files.openIfUpToDate(generation, PROJECTIONS);
    if (opened instanceof ReadModelDatabase) return this.follow(opened);
    // Promoted by a build with other read models (a rolling upgrade): serving it would read wrong tables.
    this.refused = generation;
    this.logger.error(`${opened.message}; this process keeps serving ${this.projector?.database.generation}`);
  }

  private async follow(database: ReadModelDatabase): Promise<void> {
    await this.stopProjector();
    const projector = new Projector(this.store, database, PROJECTIONS);
    const applied = await projector.catchUp();
    if (applied > 0) this.logger.log(`Read models ${database.generation} caught up ${applied} events`);
    projector.start();
    this.projector = projector;
  }

  private async stopProjector(): Promise<void> {
    const projector = this.projector;
    this.projector = undefined;
    await projector?.stop();
    projector?.database.close();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.switching;
    await this.stopProjector();
  }
}
