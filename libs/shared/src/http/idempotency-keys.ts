import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Environment } from '../config/environment';
import { RuleViolation } from '../errors/domain-errors';

/** The file of the keys, beside the event store's in DATA_DIR. */
export const IDEMPOTENCY_KEYS_FILE = 'idempotency-keys.db';

/** What a request under an Idempotency-Key is bound to: its method and target, and a hash of its body. */
export function requestFingerprint(method: string, target: string, body: unknown): string {
  const text = typeof body === 'string' ? body : body === undefined ? '' : canonicalJson(body);
  return createHash('sha256').update(`${method} ${target}\n`).update(text).digest('base64url');
}

/** JSON with the keys of every object sorted: the same body however a client orders its fields. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Binds each Idempotency-Key (as a command id: caller and key) to the first request that used it: the same key
 * on another route or with another body is refused (422 IDEMPOTENCY_KEY_REUSED) instead of answered with the
 * first request's result, and writes nothing. A key is bound once its request passed validation, whatever the
 * command's outcome then (as draft-ietf-httpapi-idempotency-key-header §2.6 lets a server do). Its own SQLite
 * file, shared by the api processes of one DATA_DIR: not an event, since it records requests, not facts.
 */
@Injectable()
export class IdempotencyKeys implements OnApplicationShutdown {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly lookup: Database.Statement;

  constructor(@Inject(ConfigService) config: ConfigService<Environment, true>) {
    const dataDir = config.get('DATA_DIR', { infer: true });
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, IDEMPOTENCY_KEYS_FILE));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`CREATE TABLE IF NOT EXISTS idempotency_keys (
      command_id TEXT PRIMARY KEY,
      fingerprint TEXT NOT NULL,
      request TEXT NOT NULL,
      first_used_at TEXT NOT NULL
    )`);
    this.insert = this.db.prepare('INSERT OR IGNORE INTO idempotency_keys (command_id, fingerprint, request, first_used_at) VALUES (?, ?, ?, ?)');
    this.lookup = this.db.prepare('SELECT fingerprint, request, first_used_at FROM idempotency_keys WHERE command_id = ?');
  }

  /** Binds the key to this request, or refuses it when it is bound to another. */
  claim(commandId: string, request: { method: string; target: string; body: unknown }, at: string): void {
    const fingerprint = requestFingerprint(request.method, request.target, request.body);
    const described = `${request.method} ${request.target}`;
    this.insert.run(commandId, fingerprint, described, at);
    const bound = this.lookup.get(commandId) as { fingerprint: string; request: string; first_used_at: string };
    if (bound.fingerprint === fingerprint) return;
    throw new RuleViolation(
      'IDEMPOTENCY_KEY_REUSED',
      bound.request === described
        ? 'This Idempotency-Key was first used with another body: send a new key for a new request'
        : `This Idempotency-Key was first used for ${bound.request}: send a new key for a new request`,
      'Idempotency-Key (draft-ietf-httpapi-idempotency-key-header §2.7): one key, one request',
      { firstUsedFor: bound.request, firstUsedAt: bound.first_used_at },
    );
  }

  onApplicationShutdown(): void {
    this.db.close();
  }
}

@Global()
@Module({ providers: [IdempotencyKeys], exports: [IdempotencyKeys] })
export class IdempotencyModule {}
