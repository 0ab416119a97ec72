import { createServer, IncomingHttpHeaders } from 'node:http';
import { AddressInfo } from 'node:net';
import { verifySignature } from '@app/notifications';
import type { ProviderNotice } from '../../apps/worker/src/notifications/provider-notification.job';

export interface ReceivedNotice {
  /** The provider whose hook was called (`/hooks/<providerId>`). */
  providerId: string;
  headers: IncomingHttpHeaders;
  body: ProviderNotice;
  /** Whether X-Signature is the HMAC-SHA256 of the body with the signing secret the provider was given. */
  signatureValid: boolean;
}

export interface SignedWebhookOptions {
  /**
   * The status to answer a correctly signed notice with, instead of 204 (a hook that fails, say). Called as each
   * notice arrives, once it is in `received`, before it is answered.
   */
  answer?: (notice: ReceivedNotice) => number | undefined;
  /** How long the hook takes to answer, to keep deliveries in flight. */
  delayMs?: number;
}

export interface SignedWebhookServer {
  /** Every notice received, in order of arrival, whichever provider it was for. */
  received: ReceivedNotice[];
  /** The signing secret each provider was given when it registered its hook: set it from the api's answer. */
  secrets: Record<string, string>;
  /** The address of a provider's hook on this server. */
  url(providerId: string): string;
  close(): Promise<void>;
}

/**
 * Providers' webhooks on a local HTTP server: records every notice, checks its signature with the provider's
 * secret and acknowledges it (204), or answers 401 to a notice not signed with that secret.
 */
export async function signedWebhookServer(options: SignedWebhookOptions = {}): Promise<SignedWebhookServer> {
  const received: ReceivedNotice[] = [];
  const secrets: Record<string, string> = {};
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const providerId = (req.url ?? '').split('/')[2] ?? '';
      const raw = Buffer.concat(chunks).toString('utf8');
      const secret = secrets[providerId];
      const signatureValid =
        secret !== undefined && verifySignature(secret, Number(req.headers['x-signature-timestamp']), raw, String(req.headers['x-signature'] ?? ''));
      const notice: ReceivedNotice = { providerId, headers: req.headers, body: JSON.parse(raw), signatureValid };
      received.push(notice);
      const answered = options.answer?.(notice);
      const status = !signatureValid ? 401 : (answered ?? 204);
      // The sender may be gone before the answer (a worker killed mid-delivery).
      res.on('error', () => undefined);
      setTimeout(() => res.writeHead(status).end(), options.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    secrets,
    url: (providerId) => `http://127.0.0.1:${port}/hooks/${providerId}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
