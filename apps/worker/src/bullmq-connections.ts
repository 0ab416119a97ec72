import { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';
import { Environment, redisConnection } from '@app/shared';

/**
 * The Redis connections of one owner's BullMQ objects: one of its own for each (BullMQ leaves a connection it is
 * given open), all closed at shutdown (`stopBullmq(…, { connections: connections.all })`), under BULLMQ_PREFIX.
 */
export class BullmqConnections {
  readonly all: Redis[] = [];
  readonly prefix: string;

  constructor(private readonly config: ConfigService<Environment, true>) {
    this.prefix = config.get('BULLMQ_PREFIX', { infer: true });
  }

  open(): Redis {
    const connection = redisConnection(this.config.get('REDIS_URL', { infer: true }));
    this.all.push(connection);
    return connection;
  }
}
