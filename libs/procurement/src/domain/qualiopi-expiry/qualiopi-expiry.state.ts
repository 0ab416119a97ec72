import { QualiopiCertificateExpired } from './qualiopi-expiry.events';

/** The last certificate expiry recorded on the contract, per provider. */
export type QualiopiExpiries = Record<string, QualiopiCertificateExpired['data']>;

export function evolveQualiopiExpiries(expiries: QualiopiExpiries | undefined, event: QualiopiCertificateExpired): QualiopiExpiries {
  return { ...expiries, [event.data.providerId]: event.data };
}
