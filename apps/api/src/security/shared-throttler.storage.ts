import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import Redis from 'ioredis';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** A Redis that accepts connections but does not answer costs a request at most this long. */
const REDIS_COMMAND_TIMEOUT_MS = 500;

/** The start waits at most this long for a Redis that neither answers nor refuses (an unreachable host). */
const FIRST_CONNECTION_WAIT_MS = 1000;

/**
 * The rate-limit counters, shared by every api process through Redis, so that a caller gets one budget however
 * many processes serve it. Without Redis (not reachable yet, down, or failing a command) the api keeps serving
 * and counts in its own memory until Redis answers again: the limit then holds per process.
 *
 * It has a connection of its own that never queues nor retries a command (the shared REDIS connection waits
 * for Redis, as BullMQ needs): a request never waits for Redis to come back.
 */
export class SharedThrottlerStorage implements ThrottlerStorage, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly redis: Redis;
  private readonly shared: ThrottlerStorageRedisService;
  private readonly perProcess = new ThrottlerStorageService();
  private countingIn: 'redis' | 'memory' | undefined;
  private lastRedisError: string | undefined;

  /** `keyPrefix` separates the counters of deployments (or test runs) sharing one Redis. */
  constructor(
    redisUrl: string,
    private readonly keyPrefix: string,
  ) {
    this.redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: REDIS_COMMAND_TIMEOUT_MS });
    // ioredis reconnects forever; the switch to memory is logged once by increment, not each failed attempt.
    this.redis.on('error', (error: Error) => {
      this.lastRedisError = error.message;
    });
    this.redis.on('ready', () => {
      this.lastRedisError = undefined;
    });
    this.shared = new ThrottlerStorageRedisService(this.redis);
  }

  /** Waits for the first connection, so that the first requests are counted in Redis; without Redis the api starts anyway. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.redis.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const settled = () => {
        clearTimeout(timer);
        this.redis.off('ready', settled).off('error', settled);
        resolve();
      };
      const timer = setTimeout(settled, FIRST_CONNECTION_WAIT_MS);
      this.redis.once('ready', settled).once('error', settled);
    });
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    if (this.redis.status === 'ready') {
      try {
        const record = await this.shared.increment(`${this.keyPrefix}:${key}`, ttl, limit, blockDuration, throttlerName);
        this.countIn('redis');
        return record;
      } catch (error) {
        this.countIn('memory', (error as Error).message);
      }
    } else {
      this.countIn('memory', this.lastRedisError ?? `connection ${this.redis.status}`);
    }
    return this.perProcess.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  private countIn(place: 'redis' | 'memory', reason?: string): void {
    if (place === this.countingIn) return;
    if (place === 'memory') this.logger.warn(`Rate limits count per api process until Redis answers: ${reason}`);
    else if (this.countingIn === 'memory') this.logger.log('Rate limits are shared through Redis again');
    this.countingIn = place;
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
    this.perProcess.onApplicationShutdown();
  }
}
