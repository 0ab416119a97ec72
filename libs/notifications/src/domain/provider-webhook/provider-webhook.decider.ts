import { Decider, RuleViolation } from '@app/shared';
import { ProviderWebhookEvent, ProviderWebhookRegistered } from './provider-webhook.events';

export type RegisterProviderWebhook = {
  type: 'RegisterProviderWebhook';
  data: {
    providerId: string;
    tenant: string;
    url: string;
    registrationId: string;
    at: string;
    /** Plain http to this machine, for development and tests; never in production. */
    allowLoopbackHttp: boolean;
  };
};
export type ProviderWebhookCommand = RegisterProviderWebhook;

export interface ProviderWebhookState {
  webhook?: ProviderWebhookRegistered['data'];
}

export const WEBHOOK_RULE = 'Provider notification policy: webhooks are HTTPS URLs without credentials, outside the internal network';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function decide(command: ProviderWebhookCommand, _state: ProviderWebhookState): ProviderWebhookEvent[] {
  const { providerId, tenant, url, registrationId, at, allowLoopbackHttp } = command.data;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RuleViolation('WEBHOOK_URL_NOT_HTTPS', 'The webhook must be an absolute HTTPS URL', WEBHOOK_RULE, { url });
  }
  const loopbackHttp = parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(allowLoopbackHttp && loopbackHttp)) {
    throw new RuleViolation('WEBHOOK_URL_NOT_HTTPS', 'The webhook must be an HTTPS URL', WEBHOOK_RULE, { protocol: parsed.protocol });
  }
  // Credentials in the URL would be stored in the event log, which keeps no secrets.
  if (parsed.username !== '' || parsed.password !== '') {
    throw new RuleViolation('WEBHOOK_URL_HAS_CREDENTIALS', 'The webhook URL must not carry a user name or password', WEBHOOK_RULE);
  }
  // Each registration is a new secret, also when the URL is the same: registering again rotates the secret.
  return [{ type: 'ProviderWebhookRegistered', data: { providerId, tenant, url: parsed.href, registrationId, registeredAt: at } }];
}

function evolve(state: ProviderWebhookState, event: ProviderWebhookEvent): ProviderWebhookState {
  switch (event.type) {
    case 'ProviderWebhookRegistered':
      return { webhook: event.data };
  }
}

export const providerWebhookDecider: Decider<ProviderWebhookCommand, ProviderWebhookEvent, ProviderWebhookState> = {
  initialState: () => ({}),
  decide,
  evolve,
};
