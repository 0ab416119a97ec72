import { plainToInstance, Type } from 'class-transformer';
import { isIP } from 'node:net';
import { relative, resolve, isAbsolute } from 'node:path';
import { POSTGRES_SCHEMA_PATTERN } from '@app/event-store/postgres/postgres-connection';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateIf, validateSync } from 'class-validator';

/** Used when no secret is configured, so `npm start` works on a bare machine. Refused in production. */
export const DEVELOPMENT_JWT_SECRET = 'development-only-secret-never-use-in-production';

/** Used when no trainee id key is configured, outside production only. */
export const DEVELOPMENT_TRAINEE_ID_KEY = 'development-only-trainee-id-key-never-in-production';

/** Used when no webhook signing key is configured, outside production only. */
export const DEVELOPMENT_WEBHOOK_SIGNING_KEY = 'development-only-webhook-signing-key-never-in-production';

/** A whole number from `min` to `max`, given as text in the environment (the decorators as if written above the property). */
function WholeNumber(min: number, max: number): PropertyDecorator {
  // Applied bottom-up, as stacked decorators are: the constraints keep the order of their messages.
  const decorators = [Type(() => Number), IsInt(), Min(min), Max(max)].reverse();
  return (target, property) => decorators.forEach((decorator) => decorator(target, property));
}

/** Every setting of the api and the worker, validated at start-up. */
export class Environment {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @WholeNumber(1, 65535)
  PORT = 3000;

  @WholeNumber(1, 65535)
  WORKER_HEALTH_PORT = 3001;

  @IsString()
  @MinLength(1)
  DATA_DIR = './data';

  @IsIn(['embedded', 'eventstoredb', 'postgres'])
  EVENT_STORE: 'embedded' | 'eventstoredb' | 'postgres' = 'embedded';

  /** The PostgreSQL server of the postgres event store. */
  @ValidateIf((env: Environment) => env.EVENT_STORE === 'postgres' || env.POSTGRES_URL !== undefined)
  @Matches(/^postgres(ql)?:\/\/\S+$/, {
    message: 'POSTGRES_URL must be a postgres:// connection string (required when EVENT_STORE=postgres)',
  })
  POSTGRES_URL?: string;

  /** The schema of POSTGRES_URL holding the tables (created at start-up, with its migrations). */
  @Matches(POSTGRES_SCHEMA_PATTERN, { message: 'POSTGRES_SCHEMA must be lower-case letters, digits and _ (at most 63, not starting with a digit)' })
  POSTGRES_SCHEMA = 'procurement';

  /**
   * Where the per-person keys of personal data live: `embedded` (a SQLite file in DATA_DIR, for processes of one
   * machine) or `postgres` (shared by every api). Unset: `postgres` with the postgres event store, else `embedded`.
   */
  @IsOptional()
  @IsIn(['embedded', 'postgres'])
  PERSONAL_KEY_STORE?: 'embedded' | 'postgres';

  /** The PostgreSQL server of the postgres key store, POSTGRES_URL unless set: a server apart keeps its backups apart. */
  @ValidateIf((env: Environment) => env.PERSONAL_KEYS_POSTGRES_URL !== undefined)
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'PERSONAL_KEYS_POSTGRES_URL must be a postgres:// connection string' })
  PERSONAL_KEYS_POSTGRES_URL?: string;

  @ValidateIf((env: Environment) => env.EVENT_STORE === 'eventstoredb' || env.EVENTSTORE_CONNECTION_STRING !== undefined)
  @Matches(/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kdb|kdb\+discover):\/\/\S+$/, {
    message: 'EVENTSTORE_CONNECTION_STRING must be an esdb:// or kurrentdb:// connection string (required when EVENT_STORE=eventstoredb)',
  })
  EVENTSTORE_CONNECTION_STRING?: string;

  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @IsString()
  @MinLength(32, { message: 'AUTH_JWT_SECRET must be at least 32 characters long' })
  AUTH_JWT_SECRET = DEVELOPMENT_JWT_SECRET;

  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_tld: false, require_protocol: true })
  AUTH_JWKS_URL?: string;

  @IsOptional()
  @IsString()
  AUTH_ISSUER?: string;

  @IsOptional()
  @IsString()
  AUTH_AUDIENCE?: string;

  /** Longest lifetime a token may have (exp − iat, and exp − now), in seconds: a token without exp is refused. */
  @WholeNumber(60, 604_800)
  AUTH_TOKEN_MAX_LIFETIME_SECONDS = 43_200;

  /** Whether the API description (/docs, /docs-json) is served; by default everywhere but in production. */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'API_DOCS must be true or false' })
  API_DOCS?: 'true' | 'false';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Prefix of every BullMQ key in Redis: separates deployments (or test runs) sharing one Redis. */
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'BULLMQ_PREFIX must be 1 to 64 letters, digits, _ or -' })
  BULLMQ_PREFIX = 'bull';

  /** Key from which each provider's webhook signing secret is derived (HMAC-SHA256 of the registration id). */
  @IsString()
  @MinLength(32, { message: 'WEBHOOK_SIGNING_KEY must be at least 32 characters long' })
  WEBHOOK_SIGNING_KEY = DEVELOPMENT_WEBHOOK_SIGNING_KEY;

  /**
   * Host names and IP addresses a webhook may reach although they are on an internal network (loopback,
   * private, link-local…), comma-separated: none by default. Tests name 127.0.0.1 for their local hooks.
   */
  @Matches(/^[A-Za-z0-9.:_-]*(,[A-Za-z0-9.:_-]+)*$/, { message: 'WEBHOOK_ALLOWED_HOSTS must be a comma-separated list of host names and IP addresses' })
  WEBHOOK_ALLOWED_HOSTS = '';

  /** Key of the HMAC that derives a trainee id from a provider's own reference (POST /trainee-ids): kept outside the log. */
  @IsString()
  @MinLength(32, { message: 'TRAINEE_ID_KEY must be at least 32 characters long' })
  TRAINEE_ID_KEY = DEVELOPMENT_TRAINEE_ID_KEY;

  /** Delivery attempts of a provider notification before it is dead-lettered. */
  @WholeNumber(1, 50)
  NOTIFICATION_MAX_ATTEMPTS = 8;

  /** First retry delay of a provider notification; each further retry waits twice as long. */
  @WholeNumber(1, 86_400_000)
  NOTIFICATION_BACKOFF_MS = 2000;

  /** Requests one caller (bearer token, or address without one) may make in each THROTTLE_TTL_MS; then 429. */
  @WholeNumber(1, 1_000_000)
  THROTTLE_LIMIT = 600;

  /** Window of the rate limit, in milliseconds. */
  @WholeNumber(1000, 86_400_000)
  THROTTLE_TTL_MS = 60_000;

  /** Prefix of the rate-limit counters in Redis: separates deployments (or test runs) sharing one Redis. */
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'THROTTLE_REDIS_PREFIX must be 1 to 64 letters, digits, _ or -' })
  THROTTLE_REDIS_PREFIX = 'throttle';

  /**
   * Which proxies in front of the api may say, in X-Forwarded-For, whose request they pass on: `false` (none),
   * their number of hops, or their addresses. The rate limit and the request logs use the address found so.
   */
  @IsString()
  TRUST_PROXY = 'false';

  /** OCDS ocid prefix of the publisher (registered with the Open Contracting Partnership): `ocds-` and 6 characters. */
  @Matches(/^ocds-[a-z0-9]{6}$/, { message: 'OCDS_OCID_PREFIX must be ocds- followed by 6 lower-case letters or digits (e.g. ocds-213czf)' })
  OCDS_OCID_PREFIX = 'ocds-000000';

  /** SIRET of each tenant's buyer for its DECP records: `TENANT=14 digits`, comma-separated (e.g. ARA=23690001100012). */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]+=\d{14}(,[A-Za-z0-9_-]+=\d{14})*$/, {
    message: 'DECP_BUYER_SIRETS must list TENANT=SIRET pairs (14 digits), comma-separated, e.g. ARA=23690001100012,IDF=23750007900312',
  })
  DECP_BUYER_SIRETS?: string;

  /**
   * Ed25519 private key (PKCS#8 PEM) that signs the checkpoints of the hash chain; created when missing. It must
   * live outside DATA_DIR: whoever can write the event file must not be able to sign.
   */
  @IsOptional()
  @IsString()
  AUDIT_SIGNING_KEY_FILE?: string;

  /** Where the signed checkpoints are appended: `checkpoints.jsonl` beside the signing key unless set. */
  @IsOptional()
  @IsString()
  AUDIT_CHECKPOINT_FILE?: string;

  /** Public keys (PEM) of retired signing keys, whose checkpoints still verify after a rotation. */
  @IsOptional()
  @IsString()
  AUDIT_TRUSTED_KEYS_FILE?: string;

  /** How often the worker signs a checkpoint of the chain's head (when it moved). */
  @WholeNumber(1000, 86_400_000)
  AUDIT_CHECKPOINT_EVERY_MS = 60_000;

  /**
   * How many days before a payment deadline (CCP R2192-10) the worker warns the buyer of a request not paid in
   * full; at most 30, the payments decider's PAYMENT_DEADLINE_WARNING_MAX_DAYS (this library sits below it).
   */
  @WholeNumber(1, 30)
  PAYMENT_DEADLINE_WARNING_DAYS = 5;
}

/** API_DOCS, or its default: the description tells an attacker every route, so production leaves it off unless asked. */
export function apiDocsServed(env: Pick<Environment, 'API_DOCS' | 'NODE_ENV'>): boolean {
  return env.API_DOCS === undefined ? env.NODE_ENV !== 'production' : env.API_DOCS === 'true';
}

/** PERSONAL_KEY_STORE and its server, or their defaults: with the postgres event store, the keys go to PostgreSQL too. */
export function personalKeyStoreOf(
  env: Pick<Environment, 'EVENT_STORE' | 'POSTGRES_URL' | 'PERSONAL_KEY_STORE' | 'PERSONAL_KEYS_POSTGRES_URL'>,
): { store: 'embedded' } | { store: 'postgres'; url: string | undefined } {
  const store = env.PERSONAL_KEY_STORE ?? (env.EVENT_STORE === 'postgres' ? 'postgres' : 'embedded');
  return store === 'embedded' ? { store } : { store, url: env.PERSONAL_KEYS_POSTGRES_URL ?? env.POSTGRES_URL };
}

/** DECP_BUYER_SIRETS as tenant → SIRET. */
export function buyerSiretsOf(setting: string | undefined): Record<string, string> {
  if (!setting) return {};
  return Object.fromEntries(setting.split(',').map((pair) => pair.split('=') as [string, string]));
}

/** A hop count above this is `true` in disguise: the caller's own X-Forwarded-For entries would be believed. */
const MAX_PROXY_HOPS = 10;
const PROXY_ADDRESS_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** TRUST_PROXY as Express's `trust proxy` setting (validated by validateEnvironment). */
export function trustProxyOf(setting: string): false | number | string[] {
  if (setting === 'false') return false;
  if (/^\d+$/.test(setting)) return Number(setting);
  return setting.split(',').map((entry) => entry.trim());
}

/** A name Express knows, an address, or a subnet in CIDR notation (a /0 would trust everyone). */
function isProxyAddress(entry: string): boolean {
  if (PROXY_ADDRESS_NAMES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d+$/.test(prefix) && Number(prefix) >= 1 && Number(prefix) <= (version === 4 ? 32 : 128);
}

function trustProxyProblem(setting: string): string | undefined {
  if (setting === 'true') {
    return (
      'TRUST_PROXY=true is refused: it believes every X-Forwarded-For, so any caller could choose its address and escape the rate limit. ' +
      'Set the number of proxies in front of the api (e.g. 1) or their addresses (e.g. 10.0.0.0/8 or loopback)'
    );
  }
  const trust = trustProxyOf(setting);
  if (trust === false) return undefined;
  if (typeof trust === 'number') {
    return trust >= 1 && trust <= MAX_PROXY_HOPS ? undefined : `TRUST_PROXY must count from 1 to ${MAX_PROXY_HOPS} proxy hops (exactly the proxies in front of the api), not ${trust}`;
  }
  const refused = trust.filter((entry) => !isProxyAddress(entry));
  if (refused.length === 0) return undefined;
  return (
    `TRUST_PROXY must be false, a number of proxy hops (e.g. 1), or a comma-separated list of addresses, CIDR subnets ` +
    `(e.g. 10.0.0.0/8) and ${PROXY_ADDRESS_NAMES.join(', ')}; not ${refused.map((entry) => JSON.stringify(entry)).join(', ')}`
  );
}

export class InvalidConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'InvalidConfigurationError';
  }
}

/** Reads the settings from an environment; throws naming every bad setting. Used by ConfigModule.forRoot. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const defined = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''));
  const env = plainToInstance(Environment, defined);
  const problems = validateSync(env, { skipMissingProperties: false }).flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property) ? message : `${error.property}: ${message}`,
    ),
  );
  if (env.NODE_ENV === 'production' && !env.AUTH_JWKS_URL && env.AUTH_JWT_SECRET === DEVELOPMENT_JWT_SECRET) {
    problems.push('AUTH_JWT_SECRET must be set (or AUTH_JWKS_URL) when NODE_ENV=production');
  }
  if (env.NODE_ENV === 'production' && env.TRAINEE_ID_KEY === DEVELOPMENT_TRAINEE_ID_KEY) {
    problems.push('TRAINEE_ID_KEY must be set when NODE_ENV=production');
  }
  if (env.NODE_ENV === 'production' && env.WEBHOOK_SIGNING_KEY === DEVELOPMENT_WEBHOOK_SIGNING_KEY) {
    problems.push('WEBHOOK_SIGNING_KEY must be set when NODE_ENV=production');
  }
  if (env.AUDIT_SIGNING_KEY_FILE && isInside(resolve(env.AUDIT_SIGNING_KEY_FILE), resolve(env.DATA_DIR))) {
    problems.push('AUDIT_SIGNING_KEY_FILE must be outside DATA_DIR: whoever can rewrite the event file must not hold the key that anchors it');
  }
  const keys = personalKeyStoreOf(env);
  if (keys.store === 'postgres' && keys.url === undefined) {
    problems.push('PERSONAL_KEYS_POSTGRES_URL (or POSTGRES_URL) must be set when PERSONAL_KEY_STORE=postgres');
  }
  const trustProxy = typeof env.TRUST_PROXY === 'string' ? trustProxyProblem(env.TRUST_PROXY) : undefined;
  if (trustProxy) problems.push(trustProxy);
  if (problems.length > 0) throw new InvalidConfigurationError(problems);
  return env;
}

function isInside(file: string, folder: string): boolean {
  const path = relative(folder, file);
  return path !== '' && !path.startsWith('..') && !isAbsolute(path);
}
