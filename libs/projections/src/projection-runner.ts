import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { Projector } from './projector';
import { PROJECTIONS } from './read-models';
import { ReadModelFiles } from './sqlite/read-model-database';

/** How often the runner looks whether a rebuild has promoted a new generation. */
const POINTER_CHECK_MS = 1000;

/**
 * Keeps the served generation of read models up to date while the process lives: catches up from its
 * checkpoint at start (so nothing is lost across restarts), then follows the log; moves to a new generation
 * when a rebuild promotes one.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProjectionRunner.name);
  private readonly files: ReadModelFiles;
  private projector?: Projector;
  private timer?: NodeJS.Timeout;
  private switching = Promise.resolve();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ConfigService) config: ConfigService<{ DATA_DIR: string }, true>,
  ) {
    this.files = new ReadModelFiles(config.get('DATA_DIR', { infer: true }));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.follow(this.files.current());
    this.timer = setInterval(() => {
      const generation = this.files.current();
      if (generation !== this.projector?.database.generation) {
        this.switching = this.switching.then(() => this.follow(generation));
      }
    }, POINTER_CHECK_MS);
    this.timer.unref();
  }

  private async follow(generation: string): Promise<void> {
    await this.stopProjector();
    const projector = new Projector(this.store, this.files.open(generation, PROJECTIONS), PROJECTIONS);
    const applied = await projector.catchUp();
    if (applied > 0) this.logger.log(`Read models ${generation} caught up ${applied} events`);
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
