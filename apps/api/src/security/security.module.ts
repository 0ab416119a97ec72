import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { Environment, TokenVerifier } from '@app/shared';
import { ApiThrottlerGuard } from './api-throttler.guard';
import { JsonBodyMiddleware } from './json-body.middleware';
import { SharedThrottlerStorage } from './shared-throttler.storage';

/**
 * Limits of the api: the JSON body size and the request rate per caller (THROTTLE_LIMIT requests every
 * THROTTLE_TTL_MS, counted in Redis across every api process). Imported before AuthModule so that the rate
 * limit is checked before the token.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [ConfigService],
      // One unnamed throttler: its headers are the plain Retry-After and X-RateLimit-*.
      useFactory: (config: ConfigService<Environment, true>) => ({
        throttlers: [{ limit: config.get('THROTTLE_LIMIT', { infer: true }), ttl: config.get('THROTTLE_TTL_MS', { infer: true }) }],
        storage: new SharedThrottlerStorage(config.get('REDIS_URL', { infer: true }), config.get('THROTTLE_REDIS_PREFIX', { infer: true })),
      }),
    }),
  ],
  // Its own TokenVerifier: the rate limit counts verified subjects, before AuthModule's guard runs.
  providers: [TokenVerifier, { provide: APP_GUARD, useClass: ApiThrottlerGuard }],
})
export class SecurityModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(JsonBodyMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
