import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createRemoteJWKSet, errors, JWTPayload, jwtVerify, JWTVerifyGetKey } from 'jose';
import { Environment } from '../config/environment';
import { Principal, ROLES } from './principal';

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

const TENANT = /^[A-Za-z0-9-]{2,16}$/;

/**
 * Verifies bearer tokens: HS256 with a shared secret by default, or the signing keys of an OIDC issuer
 * (AUTH_JWKS_URL) in production. Turns the claims into a Principal or refuses them.
 */
@Injectable()
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];
  private readonly issuer?: string;
  private readonly audience?: string;
  private readonly maxLifetimeSeconds: number;

  constructor(@Inject(ConfigService) config: ConfigService<Environment, true>) {
    const jwksUrl = config.get('AUTH_JWKS_URL', { infer: true });
    if (jwksUrl) {
      this.key = createRemoteJWKSet(new URL(jwksUrl));
      this.algorithms = ['RS256', 'ES256', 'PS256', 'EdDSA'];
    } else {
      this.key = new TextEncoder().encode(config.get('AUTH_JWT_SECRET', { infer: true }));
      this.algorithms = ['HS256'];
    }
    this.issuer = config.get('AUTH_ISSUER', { infer: true });
    this.audience = config.get('AUTH_AUDIENCE', { infer: true });
    this.maxLifetimeSeconds = config.get('AUTH_TOKEN_MAX_LIFETIME_SECONDS', { infer: true });
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      // A stolen token without an end would work forever: exp is required.
      const options = { algorithms: this.algorithms, issuer: this.issuer, audience: this.audience, requiredClaims: ['exp'] };
      // Two calls because jose's overloads take either a key or a key resolver, not their union.
      payload = (
        this.key instanceof Uint8Array
          ? await jwtVerify(token, this.key, options)
          : await jwtVerify(token, this.key, options)
      ).payload;
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new InvalidTokenError('token expired');
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'exp') throw new InvalidTokenError('token has no expiry (exp)');
      throw new InvalidTokenError('token invalid');
    }
    checkLifetime(payload, this.maxLifetimeSeconds, Math.floor(Date.now() / 1000));
    return principalFromClaims(payload);
  }
}

/** A token may live at most `maxSeconds`, from its issue (iat) and from now: one issued for 100 years is refused. */
export function checkLifetime(claims: JWTPayload, maxSeconds: number, nowSeconds: number): void {
  const exp = claims.exp!;
  const from = typeof claims.iat === 'number' ? Math.min(claims.iat, nowSeconds) : nowSeconds;
  if (exp - from > maxSeconds) {
    throw new InvalidTokenError(`token lives longer than ${maxSeconds} s (AUTH_TOKEN_MAX_LIFETIME_SECONDS)`);
  }
}

export function principalFromClaims(claims: JWTPayload): Principal {
  const { sub, role, tenant, providerId } = claims as Record<string, unknown>;
  if (typeof sub !== 'string' || sub.length === 0) throw new InvalidTokenError('token has no subject');
  if (typeof role !== 'string' || !(ROLES as string[]).includes(role)) {
    throw new InvalidTokenError(`token role must be one of ${ROLES.join(', ')}`);
  }
  if (typeof tenant !== 'string' || !TENANT.test(tenant)) throw new InvalidTokenError('token has no valid tenant');
  if (role === 'provider' && (typeof providerId !== 'string' || providerId.length === 0)) {
    throw new InvalidTokenError('a provider token must carry providerId');
  }
  return {
    sub,
    role: role as Principal['role'],
    tenant,
    ...(typeof providerId === 'string' ? { providerId } : {}),
  };
}
