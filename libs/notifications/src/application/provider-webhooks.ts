import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { CommandContext, Environment, handleCommand, idFromName, RuleViolation } from '@app/shared';
import { providerWebhookDecider, WEBHOOK_RULE } from '../domain/provider-webhook/provider-webhook.decider';
import { ProviderWebhookRegistered, providerStream } from '../domain/provider-webhook/provider-webhook.events';
import { signingSecretFor } from '../domain/provider-webhook/webhook-signature';
import { allowedHostsOf, refusedWebhookHost } from './webhook-destination';

export type ProviderWebhook = ProviderWebhookRegistered['data'];

export interface WebhookRegistration extends ProviderWebhook {
  /** Shown once, in the answer to the registration; derived again by the worker when it signs. */
  signingSecret: string;
  revision: number;
  replayed: boolean;
}

/** Registers providers' webhooks and tells where (and with which secret) a provider's notices go. */
@Injectable()
export class ProviderWebhooks {
  private readonly signingKey: string;
  private readonly allowLoopbackHttp: boolean;
  private readonly allowedHosts: ReadonlySet<string>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ConfigService) config: ConfigService<Environment, true>,
  ) {
    this.signingKey = config.get('WEBHOOK_SIGNING_KEY', { infer: true });
    this.allowLoopbackHttp = config.get('NODE_ENV', { infer: true }) !== 'production';
    this.allowedHosts = allowedHostsOf(config.get('WEBHOOK_ALLOWED_HOSTS', { infer: true }));
  }

  async register(context: CommandContext, providerId: string, url: string): Promise<WebhookRegistration> {
    // Resolved here, not in the decider (which stays pure); the worker checks again on the address it connects to.
    const refused = URL.canParse(url) ? await refusedWebhookHost(url, this.allowedHosts) : undefined;
    if (refused) {
      throw new RuleViolation('WEBHOOK_URL_INTERNAL', 'The webhook must not lead to this machine or an internal network', WEBHOOK_RULE, {
        host: new URL(url).hostname,
      });
    }
    const result = await handleCommand(
      this.store,
      providerWebhookDecider,
      providerStream(context.tenant, providerId),
      {
        type: 'RegisterProviderWebhook',
        data: {
          providerId,
          tenant: context.tenant,
          url,
          // Named after the command: a retried registration (same Idempotency-Key) answers the same secret.
          registrationId: idFromName('webhook-registration', context.commandId),
          at: context.occurredAt,
          allowLoopbackHttp: this.allowLoopbackHttp,
        },
      },
      context,
      { retryOnConflict: true },
    );
    const registered = result.events[result.events.length - 1].data;
    return { ...registered, signingSecret: this.secretOf(registered), revision: result.revision, replayed: result.replayed };
  }

  /** The provider's webhook now, straight from its stream (not from a read model that may lag). */
  async current(tenant: string, providerId: string): Promise<ProviderWebhook | undefined> {
    const [last] = await this.store.readStream(providerStream(tenant, providerId), { direction: 'backwards', maxCount: 1 });
    return last?.type === 'ProviderWebhookRegistered' ? (last.data as ProviderWebhook) : undefined;
  }

  secretOf(webhook: Pick<ProviderWebhook, 'registrationId'>): string {
    return signingSecretFor(this.signingKey, webhook.registrationId);
  }
}
