/**
 * Prints a development token signed with the configured shared secret (AUTH_JWT_SECRET, or the development
 * default), e.g. `npm run token -- --role provider --tenant ARA --provider-id of-42`. It expires after
 * AUTH_TOKEN_MAX_LIFETIME_SECONDS (12 h by default), or sooner with `--expires-in 1h`; never later, since the api would refuse it.
 */
import { decodeJwt } from 'jose';
import { parseArgs } from 'node:util';
import { checkLifetime, ROLES, Principal, signDevelopmentToken, validateEnvironment } from '../../../libs/shared/src';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', default: 'buyer' },
      tenant: { type: 'string', default: 'ARA' },
      sub: { type: 'string' },
      'provider-id': { type: 'string' },
      'expires-in': { type: 'string' },
    },
  });
  const role = values.role as Principal['role'];
  if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  if (role === 'provider' && !values['provider-id']) throw new Error('--provider-id is required for a provider');
  const env = validateEnvironment(process.env);
  const principal: Principal = {
    sub: values.sub ?? `${role}-dev`,
    role,
    tenant: values.tenant!,
    ...(values['provider-id'] ? { providerId: values['provider-id'] } : {}),
  };
  const maxSeconds = env.AUTH_TOKEN_MAX_LIFETIME_SECONDS;
  const token = await signDevelopmentToken(principal, env.AUTH_JWT_SECRET, values['expires-in'] ?? `${maxSeconds}s`);
  const claims = decodeJwt(token);
  checkLifetime(claims, maxSeconds, claims.iat!);
  process.stdout.write(`${token}\n`);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
