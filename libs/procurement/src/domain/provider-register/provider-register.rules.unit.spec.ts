import { checkCertificate, checkSiret, isDeclarationNumber, QualiopiCertificate } from './provider-register.rules';

describe('a SIRET', () => {
  it('is accepted with a right Luhn key', () => {
    expect(checkSiret('73282932000074')).toEqual({ ok: true });
  });

  it('is refused with a wrong key, or not 14 digits', () => {
    expect(checkSiret('73282932000075')).toEqual({ ok: false, code: 'SIRET_KEY_INVALID' });
    expect(checkSiret('7328293200007')).toEqual({ ok: false, code: 'SIRET_MALFORMED' });
    expect(checkSiret('7328293200007a')).toEqual({ ok: false, code: 'SIRET_MALFORMED' });
  });

  it('of La Poste is accepted when its digits sum to a multiple of 5, though its Luhn key is wrong', () => {
    expect(checkSiret('35600000049837')).toEqual({ ok: true });
    expect(checkSiret('35600000000048')).toEqual({ ok: true });
    expect(checkSiret('35600000049838')).toEqual({ ok: false, code: 'SIRET_KEY_INVALID' });
  });

  it('of another SIREN is not let through by the La Poste sum', () => {
    expect(checkSiret('73282932000072')).toEqual({ ok: false, code: 'SIRET_KEY_INVALID' });
  });
});

describe('a declaration of activity number', () => {
  it('has 11 digits', () => {
    expect(isDeclarationNumber('84691234569')).toBe(true);
    expect(isDeclarationNumber('8469123456')).toBe(false);
    expect(isDeclarationNumber('846912345690')).toBe(false);
  });
});

describe('a Qualiopi certificate', () => {
  const certificate: QualiopiCertificate = {
    certifier: 'AFNOR Certification', number: 'QUA-2024-0001', categories: ['ACTIONS_DE_FORMATION'],
    validFrom: '2024-03-01', validUntil: '2027-02-28',
  };

  it('is valid on its first and last day', () => {
    expect(checkCertificate(certificate, 'ACTIONS_DE_FORMATION', '2024-03-01')).toEqual({ ok: true, certificate });
    expect(checkCertificate(certificate, 'ACTIONS_DE_FORMATION', '2027-02-28')).toEqual({ ok: true, certificate });
  });

  it('is not valid the day before or the day after', () => {
    expect(checkCertificate(certificate, 'ACTIONS_DE_FORMATION', '2024-02-29')).toEqual({ ok: false, code: 'QUALIOPI_CERTIFICATE_NOT_VALID', certificate });
    expect(checkCertificate(certificate, 'ACTIONS_DE_FORMATION', '2027-03-01')).toEqual({ ok: false, code: 'QUALIOPI_CERTIFICATE_NOT_VALID', certificate });
  });

  it('does not cover a category it does not name, and its absence is its own refusal', () => {
    expect(checkCertificate(certificate, 'VAE', '2025-01-01')).toEqual({ ok: false, code: 'QUALIOPI_CERTIFICATE_CATEGORY_NOT_COVERED', certificate });
    expect(checkCertificate(undefined, 'ACTIONS_DE_FORMATION', '2025-01-01')).toEqual({ ok: false, code: 'QUALIOPI_CERTIFICATE_MISSING' });
  });
});
