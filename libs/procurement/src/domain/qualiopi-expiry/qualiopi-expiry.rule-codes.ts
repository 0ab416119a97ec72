/** Rules of the record of a Qualiopi certificate ending during the execution of a contract. */
export const QUALIOPI_EXPIRY_RULES = {
  QUALIOPI_EXPIRY_PROVIDER_NOT_ON_CONTRACT: 'The expiry of a certificate is recorded on a contract whose lots the provider performs',
  QUALIOPI_CERTIFICATE_NOT_EXPIRED: 'Art. L6316-1 Code du travail: a certificate is recorded as expired from the day after its last day of validity',
  QUALIOPI_EXPIRY_ALREADY_RECORDED: 'The expiry of one certificate is recorded once per contract',
} as const;
