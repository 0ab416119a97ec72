/**
 * A provider's webhook, where its notifications are delivered. No secret in it: the signing secret is derived
 * from the registration id with the deployment's key, so a new registration is also a new secret.
 */
export type ProviderWebhookRegistered = {
  type: 'ProviderWebhookRegistered';
  data: { providerId: string; tenant: string; url: string; registrationId: string; registeredAt: string };
};

export type ProviderWebhookEvent = ProviderWebhookRegistered;

/** One stream per provider and tenant: a provider may work for several Régions. */
export const providerStream = (tenant: string, providerId: string): string => `provider-${tenant}-${providerId}`;
