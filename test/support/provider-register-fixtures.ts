import { callerOf } from './http-harness';

type Caller = ReturnType<typeof callerOf>;

/**
 * A certificate for training actions spanning the years the tests' clocks visit (2024 to 2032). A real Qualiopi
 * certificate lasts three years; the register records what the certifier issued and does not cap it.
 */
export const TEST_CERTIFICATE = {
  certifier: 'AFNOR Certification',
  categories: ['ACTIONS_DE_FORMATION'],
  validFrom: '2024-01-01',
  validUntil: '2032-12-31',
};

/** A SIRET for a test provider: 13 digits taken from its id, then the Luhn key (INSEE). */
export function siretOf(providerId: string): string {
  let seed = 7;
  for (const char of providerId) seed = (seed * 31 + char.charCodeAt(0)) % 1_000_000_000_000;
  const body = String(seed).padStart(13, '0').slice(-13);
  for (let key = 0; key <= 9; key++) {
    const siret = `${body}${key}`;
    const sum = [...siret].reverse().reduce((total, digit, i) => {
      const d = Number(digit) * (i % 2 === 1 ? 2 : 1);
      return total + (d > 9 ? d - 9 : d);
    }, 0);
    if (sum % 10 === 0) return siret;
  }
  throw new Error('unreachable: one key of ten completes the Luhn sum');
}

/**
 * Puts each provider in the tenant's register with a Qualiopi certificate for training actions, as awards and
 * orders require (art. L6316-1 Code du travail). Idempotent (Idempotency-Key per provider): calling it again for
 * the same buyer writes nothing new, and a provider already registered otherwise keeps its entry.
 */
export async function certifiedProviders(as: Caller, providerIds: string[], buyer = 'buyer'): Promise<void> {
  for (const providerId of providerIds) {
    const entry = { providerId, legalName: `Organisme ${providerId}`, siret: siretOf(providerId), declarationNumber: '84691234569' };
    const registered = await as(buyer).post('/providers', entry).set('Idempotency-Key', `register-${providerId}`);
    if (registered.status !== 201 && registered.status !== 200 && registered.body?.code !== 'PROVIDER_ALREADY_REGISTERED') {
      throw new Error(`registering ${providerId} answered ${registered.status}: ${JSON.stringify(registered.body)}`);
    }
    const certificate = { ...TEST_CERTIFICATE, number: `QUALIOPI-TEST-${providerId}` };
    await as(buyer).post(`/providers/${providerId}/qualiopi-certificates`, { certificate }).set('Idempotency-Key', `qualiopi-${providerId}`).expect((answer) => {
      if (answer.status !== 201 && answer.status !== 200) throw new Error(`certifying ${providerId} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    });
  }
}
