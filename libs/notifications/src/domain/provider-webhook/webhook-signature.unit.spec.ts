import { createHmac } from 'node:crypto';
import { signatureOf, signingSecretFor, verifySignature } from './webhook-signature';

describe('the signature of a notice', () => {
  const key = 'a-webhook-signing-key-of-at-least-32-characters';
  const body = JSON.stringify({ notificationId: 'e.of-a', eventId: 'e', type: 'OrderIssued', data: { quantity: 3 } });

  it('derives one secret per registration from the deployment key, so nothing secret is stored', () => {
    const secret = signingSecretFor(key, 'registration-1');
    expect(secret).toBe(createHmac('sha256', key).update('registration-1').digest('hex'));
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(signingSecretFor(key, 'registration-2')).not.toBe(secret);
    expect(signingSecretFor(`${key}!`, 'registration-1')).not.toBe(secret);
  });

  it('is sha256= HMAC-SHA256 of "<timestamp>.<raw body>" with the secret, as a provider recomputes it', () => {
    const secret = signingSecretFor(key, 'registration-1');
    const expected = createHmac('sha256', secret).update(`1772442000.${body}`).digest('hex');
    expect(signatureOf(secret, 1772442000, body)).toBe(`sha256=${expected}`);
  });

  it('verifies only the same body, time and secret', () => {
    const secret = signingSecretFor(key, 'registration-1');
    const signature = signatureOf(secret, 1772442000, body);
    expect(verifySignature(secret, 1772442000, body, signature)).toBe(true);
    expect(verifySignature(secret, 1772442001, body, signature)).toBe(false);
    expect(verifySignature(secret, 1772442000, body.replace('3', '4'), signature)).toBe(false);
    expect(verifySignature(signingSecretFor(key, 'registration-2'), 1772442000, body, signature)).toBe(false);
    expect(verifySignature(secret, 1772442000, body, 'sha256=00')).toBe(false);
  });
});
