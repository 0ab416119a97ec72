import { SignJWT } from 'jose';
import { Principal } from './principal';

/** Signs an HS256 token for development and tests (the embedded default's shared secret). */
export async function signDevelopmentToken(
  principal: Principal,
  secret: string,
  expiresIn: string | number = '8h',
): Promise<string> {
  const { sub, ...claims } = principal;
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
