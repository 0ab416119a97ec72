import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DEVELOPMENT_JWT_SECRET, Principal, redisConnection, signDevelopmentToken } from '@app/shared';

/** Development tokens for the named principals of a test. */
export async function tokensFor(principals: Record<string, Principal>): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const [name, principal] of Object.entries(principals)) tokens[name] = await signDevelopmentToken(principal, DEVELOPMENT_JWT_SECRET);
  return tokens;
}

/** Requests to the api on behalf of one of the test's principals. */
export function callerOf(app: INestApplication, tokens: Record<string, string>) {
  return (who: string) => {
    const http = request(app.getHttpServer());
    const auth = (test: request.Test) => test.auth(tokens[who], { type: 'bearer' });
    return {
      get: (path: string) => auth(http.get(path)),
      post: (path: string, body: object = {}) => auth(http.post(path)).send(body),
      put: (path: string, body: object = {}) => auth(http.put(path)).send(body),
    };
  };
}

/** Polls until the probe finds something, for at most `timeoutMs`: for what the worker does in the background. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Removes the BullMQ keys a test created under its own prefix. */
export async function deleteQueueKeys(prefix: string): Promise<void> {
  const redis = redisConnection(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
}
