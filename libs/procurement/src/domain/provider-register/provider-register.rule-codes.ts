/** Rules of the provider register. */
export const PROVIDER_REGISTER_RULES = {
  PROVIDER_ALREADY_REGISTERED: 'A provider is registered once per tenant',
  PROVIDER_NOT_REGISTERED: 'A certificate or contacts are recorded for a provider of the register',
  PROVIDER_CONTACTS_EMPTY: 'An update of the contacts names at least one contact',
  SIRET_MALFORMED: 'A SIRET is 14 digits (INSEE)',
  SIRET_KEY_INVALID: 'A SIRET carries its Luhn key (INSEE; La Poste, SIREN 356000000: digits summing to a multiple of 5)',
  DECLARATION_NUMBER_MALFORMED: 'Art. L6351-1 Code du travail: the declaration of activity number has 11 digits',
  CERTIFICATE_VALIDITY_REVERSED: 'A Qualiopi certificate (art. L6316-1 Code du travail) ends on or after its first day',
  CERTIFICATE_NAMES_NO_CATEGORY: 'A Qualiopi certificate names the categories of action it covers (art. L6313-1 Code du travail)',
  PROVIDER_NOT_IN_REGISTER:
    'Art. L6351-1 Code du travail: a lot is awarded, and an order issued, to providers of the register (declared training providers), each member of a grouping included',
  QUALIOPI_CERTIFICATE_MISSING:
    'Art. L6316-1 Code du travail: a provider paid with public funds for training actions holds a Qualiopi certificate, recorded in the register',
  QUALIOPI_CERTIFICATE_NOT_VALID: 'Art. L6316-1 Code du travail: the Qualiopi certificate is valid on the day of the award or the order',
  QUALIOPI_CERTIFICATE_CATEGORY_NOT_COVERED:
    'Art. L6316-1 and L6313-1 Code du travail: the Qualiopi certificate covers the category of action bought (training actions)',
} as const;
