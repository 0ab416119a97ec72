import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, LookupFunction } from 'node:net';
import { refusedDestination, signatureOf } from '@app/notifications';
import { ProviderNotice, WEBHOOK_TIMEOUT_MS } from './provider-notification.job';

/**
 * The provider's webhook did not take the notice: the attempt failed and may be retried. `message` is what the
 * provider is shown (it must not tell an open internal port from a closed one); `detail` is for the operator's log.
 */
export class WebhookDeliveryFailed extends Error {
  constructor(
    reason: string,
    readonly detail: string = reason,
  ) {
    super(reason);
    this.name = 'WebhookDeliveryFailed';
  }
}

/** What the provider is told when its hook could not be reached, whatever the cause. */
export const WEBHOOK_UNREACHABLE = 'webhook unreachable';

class RefusedDestination extends Error {}

/** A DNS lookup that refuses, before any connection, every internal address the allow-list does not name. */
function checkedLookup(allowed: ReadonlySet<string>): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.map(({ address }) => refusedDestination(hostname, address, allowed)).find(Boolean);
      if (refused) return callback(new RefusedDestination(refused), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/**
 * POSTs a signed notice; resolves with the 2xx status, throws WebhookDeliveryFailed for anything else.
 * Redirects are not followed: the signed body goes only to the registered URL. The address connected to is
 * checked after resolution (a name may resolve elsewhere than when it was registered): no internal address
 * unless `allowed` names it.
 */
export async function postNotice(url: string, secret: string, notice: ProviderNotice, now: Date, allowed: ReadonlySet<string>): Promise<number> {
  const body = JSON.stringify(notice);
  const timestamp = Math.floor(now.getTime() / 1000);
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  // An address in the URL is connected to without a lookup: checked here.
  const refusedLiteral = isIP(host) ? refusedDestination(host, host, allowed) : undefined;
  if (refusedLiteral) throw new WebhookDeliveryFailed(WEBHOOK_UNREACHABLE, `refused: ${refusedLiteral}`);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<number>((resolve, reject) => {
    const fail = (error: Error): void => {
      const cause = error instanceof RefusedDestination ? `refused: ${error.message}` : error.message;
      reject(new WebhookDeliveryFailed(WEBHOOK_UNREACHABLE, `${WEBHOOK_UNREACHABLE}: ${cause}`));
    };
    const outgoing = send(
      target,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          'Idempotency-Key': notice.eventId,
          'X-Notification-Id': notice.notificationId,
          'X-Signature-Timestamp': String(timestamp),
          'X-Signature': signatureOf(secret, timestamp, body),
        },
        lookup: checkedLookup(allowed),
        // A connection of its own: a pooled socket may have been opened to an address resolved earlier.
        agent: false,
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      },
      (response) => {
        // The answer's content is the provider's business; only its status matters here.
        response.resume();
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve(status);
        else reject(new WebhookDeliveryFailed(`webhook answered HTTP ${status}`));
      },
    );
    outgoing.on('error', fail);
    outgoing.end(body);
  });
}
