export * from './domain/provider-webhook/provider-webhook.events';
export * from './domain/provider-webhook/provider-webhook.decider';
export * from './domain/provider-webhook/webhook-signature';
export * from './domain/notification/notification.events';
export * from './domain/notification/notification.decider';
export * from './domain/notification/provider-notices';
export * from './application/provider-webhooks';
export * from './application/notification-facts';
