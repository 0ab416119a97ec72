import { specify } from '@app/shared/testing/decider-specification';
import { providerWebhookDecider, RegisterProviderWebhook } from './provider-webhook.decider';
import { ProviderWebhookRegistered } from './provider-webhook.events';

const register = (url: string, overrides: Partial<RegisterProviderWebhook['data']> = {}): RegisterProviderWebhook => ({
  type: 'RegisterProviderWebhook',
  data: { providerId: 'of-a', tenant: 'ARA', url, registrationId: 'reg-2', at: '2026-03-02T09:00:00.000Z', allowLoopbackHttp: false, ...overrides },
});
const registered = (url: string, registrationId: string): ProviderWebhookRegistered => ({
  type: 'ProviderWebhookRegistered',
  data: { providerId: 'of-a', tenant: 'ARA', url, registrationId, registeredAt: '2026-03-01T09:00:00.000Z' },
});

describe('a provider webhook', () => {
  const webhook = specify(providerWebhookDecider);

  it('registers an HTTPS URL, without any secret in the event', () => {
    webhook.given([]).when(register('https://hooks.of-a.example/procurement')).then([
      {
        type: 'ProviderWebhookRegistered',
        data: { providerId: 'of-a', tenant: 'ARA', url: 'https://hooks.of-a.example/procurement', registrationId: 'reg-2', registeredAt: '2026-03-02T09:00:00.000Z' },
      },
    ]);
  });

  it('registers again, which replaces the URL and rotates the secret (a new registration id)', () => {
    const history = [registered('https://hooks.of-a.example/old', 'reg-1')];
    const [event] = webhook.given(history).when(register('https://hooks.of-a.example/old')).events();
    expect(event.data.registrationId).toBe('reg-2');
    const state = [...history, event].reduce(providerWebhookDecider.evolve, providerWebhookDecider.initialState());
    expect(state.webhook).toMatchObject({ registrationId: 'reg-2' });
  });

  it.each(['http://hooks.of-a.example/procurement', 'ftp://hooks.of-a.example/', 'not a url'])('refuses %s: notices go over HTTPS only', (url) => {
    webhook.given([]).when(register(url)).thenRefuses('WEBHOOK_URL_NOT_HTTPS');
  });

  it('refuses plain http to this machine unless it is allowed (outside production)', () => {
    webhook.given([]).when(register('http://127.0.0.1:4000/hook')).thenRefuses('WEBHOOK_URL_NOT_HTTPS');
    expect(webhook.given([]).when(register('http://127.0.0.1:4000/hook', { allowLoopbackHttp: true })).events()).toHaveLength(1);
    expect(webhook.given([]).when(register('http://localhost:4000/hook', { allowLoopbackHttp: true })).events()).toHaveLength(1);
    webhook.given([]).when(register('http://10.0.0.8/hook', { allowLoopbackHttp: true })).thenRefuses('WEBHOOK_URL_NOT_HTTPS');
  });

  it('refuses a URL carrying credentials, which would end up in the log', () => {
    webhook.given([]).when(register('https://user:secret@hooks.of-a.example/')).thenRefuses('WEBHOOK_URL_HAS_CREDENTIALS');
  });
});
