import { DEVELOPMENT_JWT_SECRET, DEVELOPMENT_WEBHOOK_SIGNING_KEY, InvalidConfigurationError, personalKeyStoreOf, trustProxyOf, validateEnvironment } from './environment';

describe('configuration', () => {
  it('runs on the embedded store with development defaults when nothing is set', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      EVENT_STORE: 'embedded',
      REDIS_URL: 'redis://127.0.0.1:6379',
      AUTH_JWT_SECRET: DEVELOPMENT_JWT_SECRET,
      BULLMQ_PREFIX: 'bull',
      WEBHOOK_SIGNING_KEY: DEVELOPMENT_WEBHOOK_SIGNING_KEY,
      NOTIFICATION_MAX_ATTEMPTS: 8,
      NOTIFICATION_BACKOFF_MS: 2000,
      THROTTLE_LIMIT: 600,
      THROTTLE_TTL_MS: 60_000,
      THROTTLE_REDIS_PREFIX: 'throttle',
      TRUST_PROXY: 'false',
      PAYMENT_DEADLINE_WARNING_DAYS: 5,
    });
    expect(trustProxyOf(env.TRUST_PROXY)).toBe(false);
  });

  it('keeps the personal keys beside the event store: in PostgreSQL with the postgres store, unless told otherwise', () => {
    const keysOf = (raw: Record<string, string>) => personalKeyStoreOf(validateEnvironment(raw));
    expect(keysOf({})).toEqual({ store: 'embedded' });
    expect(keysOf({ EVENT_STORE: 'postgres', POSTGRES_URL: 'postgres://db/procurement' })).toEqual({ store: 'postgres', url: 'postgres://db/procurement' });
    expect(keysOf({ EVENT_STORE: 'postgres', POSTGRES_URL: 'postgres://db/procurement', PERSONAL_KEY_STORE: 'embedded' })).toEqual({ store: 'embedded' });
    expect(
      keysOf({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://es:2113', PERSONAL_KEY_STORE: 'postgres', PERSONAL_KEYS_POSTGRES_URL: 'postgres://keys/procurement' }),
    ).toEqual({ store: 'postgres', url: 'postgres://keys/procurement' });
  });

  it('reads numbers from their text form', () => {
    expect(validateEnvironment({ PORT: '8080' }).PORT).toBe(8080);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ EVENT_STORE: 'sqlserver' }, /EVENT_STORE/],
    [{ EVENT_STORE: 'postgres' }, /POSTGRES_URL/],
    [{ EVENT_STORE: 'postgres', POSTGRES_URL: 'mysql://db/procurement' }, /POSTGRES_URL/],
    [{ POSTGRES_URL: 'postgres://db/procurement', POSTGRES_SCHEMA: 'Procurement; DROP' }, /POSTGRES_SCHEMA/],
    [{ PERSONAL_KEY_STORE: 'vault' }, /PERSONAL_KEY_STORE/],
    [{ PERSONAL_KEY_STORE: 'postgres' }, /PERSONAL_KEYS_POSTGRES_URL \(or POSTGRES_URL\) must be set/],
    [{ PERSONAL_KEY_STORE: 'postgres', PERSONAL_KEYS_POSTGRES_URL: 'keys.internal:5432' }, /PERSONAL_KEYS_POSTGRES_URL must be a postgres/],
    [{ EVENT_STORE: 'eventstoredb' }, /EVENTSTORE_CONNECTION_STRING/],
    [{ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'http://localhost:2113' }, /EVENTSTORE_CONNECTION_STRING/],
    [{ REDIS_URL: 'localhost:6379' }, /REDIS_URL/],
    [{ AUTH_JWT_SECRET: 'short' }, /AUTH_JWT_SECRET/],
    [{ NODE_ENV: 'production' }, /AUTH_JWT_SECRET must be set/],
    [{ WEBHOOK_SIGNING_KEY: 'too-short-to-sign' }, /WEBHOOK_SIGNING_KEY/],
    [{ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://login.example.org/jwks' }, /WEBHOOK_SIGNING_KEY must be set/],
    [{ NOTIFICATION_MAX_ATTEMPTS: '0' }, /NOTIFICATION_MAX_ATTEMPTS/],
    [{ NOTIFICATION_BACKOFF_MS: 'soon' }, /NOTIFICATION_BACKOFF_MS/],
    [{ PAYMENT_DEADLINE_WARNING_DAYS: '0' }, /PAYMENT_DEADLINE_WARNING_DAYS/],
    [{ PAYMENT_DEADLINE_WARNING_DAYS: '31' }, /PAYMENT_DEADLINE_WARNING_DAYS/],
    [{ PAYMENT_DEADLINE_WARNING_DAYS: 'a week' }, /PAYMENT_DEADLINE_WARNING_DAYS/],
    [{ BULLMQ_PREFIX: 'a:b' }, /BULLMQ_PREFIX/],
    [{ THROTTLE_LIMIT: '0' }, /THROTTLE_LIMIT/],
    [{ THROTTLE_TTL_MS: 'a minute' }, /THROTTLE_TTL_MS/],
    [{ THROTTLE_TTL_MS: '10' }, /THROTTLE_TTL_MS/],
    [{ THROTTLE_REDIS_PREFIX: 'a:b' }, /THROTTLE_REDIS_PREFIX/],
    [{ DATA_DIR: '/srv/data', AUDIT_SIGNING_KEY_FILE: '/srv/data/keys/checkpoints.pem' }, /AUDIT_SIGNING_KEY_FILE must be outside DATA_DIR/],
    [{ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1, localhost' }, /WEBHOOK_ALLOWED_HOSTS/],
    [{ TRUST_PROXY: 'yes' }, /TRUST_PROXY/],
    [{ TRUST_PROXY: '0' }, /TRUST_PROXY/],
    [{ TRUST_PROXY: '11' }, /TRUST_PROXY/],
    [{ TRUST_PROXY: '-1' }, /TRUST_PROXY/],
    [{ TRUST_PROXY: 'loopback,' }, /TRUST_PROXY/],
    [{ TRUST_PROXY: '10.0.0.0/8,proxy.internal' }, /TRUST_PROXY.*"proxy\.internal"/],
    [{ TRUST_PROXY: '10.0.0.256' }, /TRUST_PROXY/],
    [{ TRUST_PROXY: '10.0.0.0/33' }, /TRUST_PROXY/],
    [{ TRUST_PROXY: '0.0.0.0/0' }, /TRUST_PROXY/],
    [{ TRUST_PROXY: '::/0' }, /TRUST_PROXY/],
  ])('refuses %j naming the setting', (raw, setting) => {
    expect(() => validateEnvironment(raw)).toThrow(InvalidConfigurationError);
    expect(() => validateEnvironment(raw)).toThrow(setting);
  });

  it.each([
    ['false', false],
    ['1', 1],
    ['10', 10],
    ['loopback', ['loopback']],
    ['loopback, linklocal,uniquelocal', ['loopback', 'linklocal', 'uniquelocal']],
    ['10.0.0.0/8,172.16.0.0/12', ['10.0.0.0/8', '172.16.0.0/12']],
    ['192.0.2.10,2001:db8::/32,::1', ['192.0.2.10', '2001:db8::/32', '::1']],
  ])('trusts the proxies TRUST_PROXY=%s names: %j', (setting, trust) => {
    expect(trustProxyOf(validateEnvironment({ TRUST_PROXY: setting }).TRUST_PROXY)).toEqual(trust);
  });

  it('refuses TRUST_PROXY=true, which would let any caller choose its address, and says what to set instead', () => {
    expect(() => validateEnvironment({ TRUST_PROXY: 'true' })).toThrow(InvalidConfigurationError);
    expect(() => validateEnvironment({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY=true is refused: .*escape the rate limit.*number of proxies.*addresses/);
  });

  it('accepts an EventStoreDB cluster connection string', () => {
    const env = validateEnvironment({
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: 'esdb://node1:2113,node2:2113,node3:2113?tls=false&nodePreference=leader',
    });
    expect(env.EVENT_STORE).toBe('eventstoredb');
  });

  it('accepts production with an OIDC issuer instead of a shared secret', () => {
    const env = validateEnvironment({
      NODE_ENV: 'production',
      AUTH_JWKS_URL: 'https://login.example.org/jwks',
      WEBHOOK_SIGNING_KEY: 'a-production-webhook-signing-key-of-48-characters',
      TRAINEE_ID_KEY: 'a-production-trainee-id-key-of-at-least-32-characters',
    });
    expect(env.AUTH_JWKS_URL).toBe('https://login.example.org/jwks');
  });
});
