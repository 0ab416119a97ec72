import { INestApplication } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { Clock, DEVELOPMENT_JWT_SECRET, Principal, redisConnection, signDevelopmentToken } from '@app/shared';
import { createApi } from '../../apps/api/src/bootstrap';
import { WorkerModule } from '../../apps/worker/src/worker.module';

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

/** A Redis key prefix of this test run alone: tests run in parallel on one Redis, and may run again at once. */
export function runPrefix(name: string): string {
  return `test-${name}-${process.pid}-${Date.now()}`;
}

/** Removes the BullMQ keys a test created under its own prefix. */
export async function deleteQueueKeys(prefix: string): Promise<void> {
  const redis = redisConnection(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
}

export interface RunningApi {
  app: INestApplication;
  store: EventStore;
  /** Closes the api and deletes its data folder. */
  close(): Promise<void>;
}

/**
 * The api as it runs, on a fresh data folder (embedded store), listening on a free port. Its rate-limit counters
 * are its own (they expire in Redis by themselves) unless `env` names a THROTTLE_REDIS_PREFIX.
 */
export async function startApi(name: string, options: { clock?: Clock; env?: Record<string, string> } = {}): Promise<RunningApi> {
  const dataDir = mkdtempSync(join(tmpdir(), `${name}-`));
  // Providers' hooks in tests are local servers (test/support/webhook-server.ts): named in the allow-list.
  Object.assign(process.env, { DATA_DIR: dataDir, LOG_LEVEL: 'silent', THROTTLE_REDIS_PREFIX: runPrefix(name), WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', ...options.env });
  const app = await createApi({ clock: options.clock });
  await app.listen(0);
  return {
    app,
    store: app.get(EVENT_STORE),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface RunningApiWithWorker extends RunningApi {
  worker: TestingModule;
}

/**
 * The api and the whole worker in one process on one fresh data folder, with real Redis: the BullMQ queues live
 * under a prefix of this run, deleted on close.
 */
export async function startApiWithWorker(name: string, options: { clock?: Clock; env?: Record<string, string> } = {}): Promise<RunningApiWithWorker> {
  const prefix = runPrefix(name);
  const running = await startApi(name, { clock: options.clock, env: { BULLMQ_PREFIX: prefix, ...options.env } });
  const worker = await Test.createTestingModule({ imports: [WorkerModule.create({ clock: options.clock })] }).compile();
  await worker.init();
  return {
    ...running,
    worker,
    close: async () => {
      await worker.close();
      await running.close();
      await deleteQueueKeys(prefix);
    },
  };
}
