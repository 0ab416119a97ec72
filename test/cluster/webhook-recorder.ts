import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { verifySignature } from '@app/notifications';

export interface ReceivedNotice {
  notificationId: string;
  eventId: string;
  idempotencyKey: string;
  signatureValid: boolean;
}

/**
 * The provider's side: a local webhook that records every notice it is sent. Every `failEvery`-th request is
 * answered 503, so retries with backoff take part in the run; each answer waits `delayMs`, so deliveries are
 * in flight when the worker is killed.
 */
export class WebhookRecorder {
  readonly received: ReceivedNotice[] = [];
  /** The signing secret the api answered to the registration. */
  secret = '';
  private server?: Server;
  private requests = 0;

  constructor(
    private readonly failEvery = 0,
    private readonly delayMs = 0,
  ) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.requests += 1;
        const raw = Buffer.concat(chunks).toString('utf8');
        const body = JSON.parse(raw) as { notificationId: string; eventId: string };
        const signatureValid = verifySignature(this.secret, Number(req.headers['x-signature-timestamp']), raw, String(req.headers['x-signature'] ?? ''));
        const failing = this.failEvery > 0 && this.requests % this.failEvery === 0;
        // A notice answered 503 was not taken: it does not count as received.
        if (!failing) {
          this.received.push({ notificationId: body.notificationId, eventId: body.eventId, idempotencyKey: String(req.headers['idempotency-key'] ?? ''), signatureValid });
        }
        res.on('error', () => undefined);
        setTimeout(() => res.writeHead(!signatureValid ? 401 : failing ? 503 : 204).end(), this.delayMs);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/of-a`;
  }

  /** Notification ids received at least once. */
  distinct(): Set<string> {
    return new Set(this.received.map((notice) => notice.notificationId));
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
