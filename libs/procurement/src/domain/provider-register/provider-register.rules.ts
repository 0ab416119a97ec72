// Rules of the provider register: identifiers a provider is registered under and its Qualiopi certificate.

/** Luhn sum of a string of digits: the key of a SIREN (9 digits) and of a SIRET (14 digits), INSEE. */
function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** La Poste's SIREN: its establishments are too many for the Luhn key, INSEE numbers them so that the sum
 * of the SIRET's 14 digits is a multiple of 5 instead (the head office, 356 000 000 00048, keeps a Luhn key). */
export const LA_POSTE_SIREN = '356000000';

export type SiretCheck = { ok: true } | { ok: false; code: 'SIRET_MALFORMED' | 'SIRET_KEY_INVALID' };

/** A SIRET is 14 digits: the SIREN (9) and the establishment's NIC (5), checked with the Luhn key. */
export function checkSiret(siret: string): SiretCheck {
  if (!/^\d{14}$/.test(siret)) return { ok: false, code: 'SIRET_MALFORMED' };
  if (luhnValid(siret)) return { ok: true };
  if (siret.startsWith(LA_POSTE_SIREN)) {
    const digitSum = [...siret].reduce((sum, d) => sum + Number(d), 0);
    if (digitSum % 5 === 0) return { ok: true };
  }
  return { ok: false, code: 'SIRET_KEY_INVALID' };
}

/** Numéro de déclaration d'activité of a training provider (art. L6351-1 Code du travail): 11 digits. */
export function isDeclarationNumber(value: string): boolean {
  return /^\d{11}$/.test(value);
}

/** Categories of action of art. L6313-1 Code du travail that a Qualiopi certificate names. */
export const QUALIOPI_CATEGORIES = ['ACTIONS_DE_FORMATION', 'BILANS_DE_COMPETENCES', 'VAE', 'APPRENTISSAGE'] as const;
export type QualiopiCategory = (typeof QUALIOPI_CATEGORIES)[number];

export interface QualiopiCertificate {
  certifier: string;
  number: string;
  categories: QualiopiCategory[];
  /** First and last day of validity, YYYY-MM-DD, both included. */
  validFrom: string;
  validUntil: string;
}

export type CertificateCheck =
  | { ok: true; certificate: QualiopiCertificate }
  | { ok: false; code: 'QUALIOPI_CERTIFICATE_MISSING' }
  | { ok: false; code: 'QUALIOPI_CERTIFICATE_NOT_VALID' | 'QUALIOPI_CERTIFICATE_CATEGORY_NOT_COVERED'; certificate: QualiopiCertificate };

/** Qualiopi certification is required since 1 January 2022 of a provider paid with public or mutualised funds
 * (art. L6316-1 Code du travail): a certificate valid on the day, covering the category of the action. */
export function checkCertificate(certificate: QualiopiCertificate | undefined, category: QualiopiCategory, day: string): CertificateCheck {
  if (!certificate) return { ok: false, code: 'QUALIOPI_CERTIFICATE_MISSING' };
  if (day < certificate.validFrom || day > certificate.validUntil) return { ok: false, code: 'QUALIOPI_CERTIFICATE_NOT_VALID', certificate };
  if (!certificate.categories.includes(category)) return { ok: false, code: 'QUALIOPI_CERTIFICATE_CATEGORY_NOT_COVERED', certificate };
  return { ok: true, certificate };
}
