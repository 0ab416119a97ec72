import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';
import { Environment } from '../config/environment';

export const REDIS = Symbol('REDIS');

/** Options BullMQ requires of its connections; also fine for plain commands. */
export function redisConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
}

/**
 * Calls `reconnected` each time the connection is ready again after it was lost. Redis may have restarted
 * without its data (queued jobs, job schedulers): whoever put work there offers it again from the event log.
 */
export function onRedisReconnected(connection: Redis, reconnected: () => void): void {
  let readyBefore = connection.status === 'ready';
  connection.on('ready', () => {
    if (readyBefore) reconnected();
    readyBefore = true;
  });
}

/** One shared Redis connection. The service starts without Redis; health reports it down until it answers. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => {
        const logger = new Logger('Redis');
        const redis = redisConnection(config.get('REDIS_URL', { infer: true }));
        let lastError = '';
        redis.on('error', (error: Error) => {
          // ioredis retries forever; log each distinct failure once rather than every retry.
          if (error.message !== lastError) logger.warn(`Redis unavailable: ${error.message}`);
          lastError = error.message;
        });
        redis.on('ready', () => {
          lastError = '';
        });
        return redis;
      },
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}
