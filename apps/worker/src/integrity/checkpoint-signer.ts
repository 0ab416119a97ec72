import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ChainCheckpoints, EVENT_STORE, EventStore } from '@app/event-store';
import { Clock, CLOCK, Environment } from '@app/shared';

/**
 * Signs a checkpoint of the chain's head every AUDIT_CHECKPOINT_EVERY_MS when it moved (where a signing key is
 * configured). Several workers may sign the same head: each checkpoint is valid on its own.
 */
@Injectable()
export class CheckpointSigner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CheckpointSigner.name);
  private timer?: NodeJS.Timeout;
  private signing?: Promise<void>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly checkpoints: ChainCheckpoints,
    private readonly config: ConfigService<Environment, true>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    void this.sign();
    this.timer = setInterval(() => void this.sign(), this.config.get('AUDIT_CHECKPOINT_EVERY_MS', { infer: true }));
    this.timer.unref();
  }

  /** One signing at a time: a slow store read is not overtaken by the next tick. */
  sign(): Promise<void> {
    this.signing ??= this.signOnce().finally(() => (this.signing = undefined));
    return this.signing;
  }

  private async signOnce(): Promise<void> {
    try {
      const checkpoint = await this.checkpoints.signHead(this.store, this.clock.now());
      if (checkpoint) this.logger.debug(`Checkpoint signed at position ${checkpoint.position}`);
    } catch (error) {
      this.logger.error(`Could not sign a checkpoint of the chain: ${(error as Error).message}`);
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
