import { decideProviderRegister, evolveProviderRegister, initialProviderRegisterState, ProviderRegisterCommand, ProviderRegisterEvent } from './provider-register.decider';

const meta = { at: '2026-01-05T09:00:00.000Z', actorId: 'buyer-ara-1' };
const register = (siret: string, declarationNumber = '84691234569'): ProviderRegisterCommand => ({
  type: 'RegisterProvider', meta, data: { tenant: 'ARA', providerId: 'of-a', legalName: 'Formation A', siret, declarationNumber },
});
const given = (events: ProviderRegisterEvent[]) => events.reduce(evolveProviderRegister, initialProviderRegisterState());
const codeOf = (run: () => unknown): string | undefined => {
  try { run(); } catch (error) { return (error as { code?: string }).code; }
  return undefined;
};

describe('the provider register', () => {
  it('registers a provider with a valid SIRET and declaration number, once', () => {
    const events = decideProviderRegister(register('73282932000074'), given([]));
    expect(events).toEqual([{ type: 'ProviderRegistered', data: { ...register('73282932000074').data, registeredAt: meta.at } }]);
    expect(codeOf(() => decideProviderRegister(register('73282932000074'), given(events)))).toBe('PROVIDER_ALREADY_REGISTERED');
  });

  it('refuses a SIRET with a wrong key and a declaration number of 10 digits', () => {
    expect(codeOf(() => decideProviderRegister(register('73282932000075'), given([])))).toBe('SIRET_KEY_INVALID');
    expect(codeOf(() => decideProviderRegister(register('73282932000074', '8469123456'), given([])))).toBe('DECLARATION_NUMBER_MALFORMED');
  });

  it('records a certificate of a registered provider only, ending on or after its first day', () => {
    const certificate = { certifier: 'AFNOR', number: 'Q-1', categories: ['ACTIONS_DE_FORMATION' as const], validFrom: '2026-01-01', validUntil: '2026-01-01' };
    const record: ProviderRegisterCommand = { type: 'RecordQualiopiCertificate', meta, data: { tenant: 'ARA', providerId: 'of-a', certificate } };
    expect(codeOf(() => decideProviderRegister(record, given([])))).toBe('PROVIDER_NOT_REGISTERED');
    const registered = given(decideProviderRegister(register('73282932000074'), given([])));
    expect(decideProviderRegister(record, registered)).toHaveLength(1);
    const reversed = { ...record, data: { ...record.data, certificate: { ...certificate, validUntil: '2025-12-31' } } };
    expect(codeOf(() => decideProviderRegister(reversed, registered))).toBe('CERTIFICATE_VALIDITY_REVERSED');
  });

  it('replaces the contacts named and keeps the others, for a registered provider only, never an empty update', () => {
    const sealed = (value: string) => ({ keyId: `k-${value}`, algorithm: 'AES-256-GCM' as const, iv: 'iv', ciphertext: value, tag: 'tag' });
    const contact = (personId: string) => ({ personId, name: sealed(`${personId}-name`), email: sealed(`${personId}-email`) });
    const update = (contacts: object): ProviderRegisterCommand => ({ type: 'UpdateProviderContacts', meta, data: { tenant: 'ARA', providerId: 'of-a', contacts } });
    const both = update({ notices: contact('pc-1'), disabilityReferent: contact('pc-2') });
    expect(codeOf(() => decideProviderRegister(both, given([])))).toBe('PROVIDER_NOT_REGISTERED');
    const registered = decideProviderRegister(register('73282932000074'), given([]));
    expect(codeOf(() => decideProviderRegister(update({}), given(registered)))).toBe('PROVIDER_CONTACTS_EMPTY');
    const first = decideProviderRegister(both, given(registered));
    const second = decideProviderRegister(update({ disabilityReferent: contact('pc-3') }), given([...registered, ...first]));
    expect(given([...registered, ...first, ...second]).contacts).toEqual({ notices: contact('pc-1'), disabilityReferent: contact('pc-3') });
  });
});
