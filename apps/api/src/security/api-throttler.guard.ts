import { ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectThrottlerOptions, InjectThrottlerStorage, ThrottlerGuard, ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { TokenVerifier } from '@app/shared';

/**
 * Rate limit per caller across every route: a caller is the subject of its verified token (hashed), or its
 * address when it sends no token or one that does not verify, so that neither a new garbage token per request
 * nor another spelling of one token buys a new budget. It runs before authentication on purpose, so floods of
 * missing or bad tokens are limited too. The health check is never limited: orchestrators poll it.
 */
@Injectable()
export class ApiThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {
    super(options, storage, reflector);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return context.switchToHttp().getRequest<{ path?: string }>().path === '/health';
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const header = (request.headers as Record<string, unknown> | undefined)?.authorization;
    const token = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
    if (token) {
      const subject = await this.verifier.verify(token).then(
        (principal) => principal.sub,
        () => undefined,
      );
      if (subject !== undefined) return `subject:${createHash('sha256').update(subject).digest('base64url')}`;
    }
    return `ip:${String(request.ip)}`;
  }

  /** One budget per caller, not one per route (the default key includes the route). */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, limit: { limit: number; ttl: number; timeToBlockExpire: number }): Promise<void> {
    throw new HttpException(
      {
        code: 'RATE_LIMITED',
        message: `Too many requests: at most ${limit.limit} every ${limit.ttl / 1000} s; retry after ${limit.timeToBlockExpire} s`,
        retryAfterSeconds: limit.timeToBlockExpire,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
