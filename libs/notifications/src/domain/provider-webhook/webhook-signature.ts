import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How notices are signed, Stripe-style: the provider recomputes `sha256=` HMAC-SHA256 of
 * `<X-Signature-Timestamp>.<raw body>` with its signing secret and compares it with `X-Signature`; the
 * timestamp (Unix seconds) lets it refuse old replays.
 */
export const SIGNATURE_SCHEME = 'sha256';

/** The signing secret of one registration: HMAC-SHA256(key, registrationId), hex. Never stored anywhere. */
export function signingSecretFor(signingKey: string, registrationId: string): string {
  return createHmac('sha256', signingKey).update(registrationId).digest('hex');
}

/** The X-Signature header value for this body sent at this time. */
export function signatureOf(secret: string, timestamp: number, rawBody: string): string {
  return `${SIGNATURE_SCHEME}=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

/** What a provider does on receipt: true when the signature was made with this secret over this body and time. */
export function verifySignature(secret: string, timestamp: number, rawBody: string, signature: string): boolean {
  const expected = Buffer.from(signatureOf(secret, timestamp, rawBody));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
