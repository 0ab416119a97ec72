import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { REDIS } from '../redis/redis.module';

/** How long a dependency may take to answer a health probe. */
const PROBE_TIMEOUT_MS = 1000;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS).unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

@Injectable()
export class DependencyHealth {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async eventStore() {
    const indicator = this.health.check('eventStore');
    try {
      await withTimeout(this.store.ping());
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }

  async redisServer() {
    const indicator = this.health.check('redis');
    try {
      // A process just started may still be making its first connection: it gets the probe's time to be ready.
      // A command sent meanwhile would be queued until then, so the wait is on the connection, not on a ping.
      if (this.redis.status !== 'ready') await this.untilReady();
      await withTimeout(this.redis.ping());
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }

  /** Resolves once the connection is ready, rejects when it is not within the probe's time or is closed. */
  private untilReady(): Promise<void> {
    const status = this.redis.status;
    return new Promise((resolve, reject) => {
      const settle = (error?: Error) => {
        clearTimeout(timer);
        this.redis.off('ready', onReady);
        this.redis.off('end', onEnd);
        if (error) reject(error);
        else resolve();
      };
      const onReady = () => settle();
      const onEnd = () => settle(new Error('connection closed'));
      const timer = setTimeout(() => settle(new Error(`not connected (${status})`)), PROBE_TIMEOUT_MS).unref();
      this.redis.once('ready', onReady);
      this.redis.once('end', onEnd);
      if (status === 'end') onEnd();
    });
  }
}
