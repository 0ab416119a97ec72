import { signatureOf } from '@app/notifications';
import { ProviderNotice, WEBHOOK_TIMEOUT_MS } from './provider-notification.job';

/** The provider's webhook did not take the notice: the attempt failed and may be retried. */
export class WebhookDeliveryFailed extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'WebhookDeliveryFailed';
  }
}

/**
 * POSTs a signed notice; resolves with the 2xx status, throws WebhookDeliveryFailed for anything else.
 * Redirects are not followed: the signed body goes only to the registered URL.
 */
export async function postNotice(url: string, secret: string, notice: ProviderNotice, now: Date): Promise<number> {
  const body = JSON.stringify(notice);
  const timestamp = Math.floor(now.getTime() / 1000);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': notice.eventId,
        'X-Notification-Id': notice.notificationId,
        'X-Signature-Timestamp': String(timestamp),
        'X-Signature': signatureOf(secret, timestamp, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause;
    throw new WebhookDeliveryFailed(`webhook unreachable: ${(error as Error).message}${cause?.message ? ` (${cause.message})` : ''}`);
  }
  // The answer's content is the provider's business; only its status matters here.
  await response.body?.cancel().catch(() => undefined);
  if (!response.ok) throw new WebhookDeliveryFailed(`webhook answered HTTP ${response.status}`);
  return response.status;
}
