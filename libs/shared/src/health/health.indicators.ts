import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { REDIS } from '../redis/redis.module';

/** How long a dependency may take to answer a health probe. */
const PROBE_TIMEOUT_MS = 1000;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS).unref()),
  ]);
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
    // A command sent while not connected would wait for the connection (the probe's timeout) rather than fail.
    if (this.redis.status !== 'ready') return indicator.down({ message: `not connected (${this.redis.status})` });
    try {
      await withTimeout(this.redis.ping());
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
