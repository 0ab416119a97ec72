import { refuse } from '../contract/refuse';
import { checkCertificate, QualiopiCategory, QualiopiCertificate } from './provider-register.rules';

/**
 * What the register held for a provider when a decision consulted it: its Qualiopi certificate, absent when the
 * provider is not in the register or has none. The command handler reads it from the provider's register stream
 * into the command, so that the decider stays pure and verification decides again from the record.
 */
export interface RegisterFact {
  providerId: string;
  /** Whether the provider is in the tenant's register. */
  registered: boolean;
  certificate?: QualiopiCertificate;
}

/** The certificates an award or an order was checked against, recorded with it (schema version 2). */
export interface QualiopiCheck {
  checkedOn: string;
  category: QualiopiCategory;
  certificates: Array<{ providerId: string; certificate: QualiopiCertificate }>;
}

/**
 * Awards and orders recorded with their Qualiopi check (QualiopiCheck) are at this schema version. Those recorded
 * before the register was consulted (version 1, no `qualiopi`) are decided again without the check, as they were:
 * the check applies to commands that carry the register's facts, and the command handler always adds them.
 */
export const QUALIOPI_CHECKED_SCHEMA_VERSION = 2;

/** The Région buys training actions (art. L6313-1 1° Code du travail): the category a certificate must cover. */
export const PROCURED_ACTION_CATEGORY: QualiopiCategory = 'ACTIONS_DE_FORMATION';

/**
 * Art. L6316-1 Code du travail (loi n° 2018-771 du 5 septembre 2018, in force since 1 January 2022): a provider
 * paid with public funds holds a Qualiopi certificate covering the category of action. Every provider of the award
 * or of the order's lot (each member of a grouping) holds one valid on the day of the decision, else the decision
 * is refused with the provider, the day and the certificate's figures.
 */
export function requireQualiopi(providerIds: string[], register: RegisterFact[], on: string): QualiopiCheck {
  // A grouping names member providers of the register, as a single awardee is one (declared under L6351-1).
  const unregistered = providerIds.filter((providerId) => !register.find((held) => held.providerId === providerId)?.registered);
  if (unregistered.length > 0) refuse('PROVIDER_NOT_IN_REGISTER', `Not in the tenant's provider register: ${unregistered.join(', ')}`, { providerIds: unregistered });
  const certificates: QualiopiCheck['certificates'] = [];
  for (const providerId of providerIds) {
    const fact = register.find((held) => held.providerId === providerId);
    const check = checkCertificate(fact?.certificate, PROCURED_ACTION_CATEGORY, on);
    const figures = { providerId, on, category: PROCURED_ACTION_CATEGORY };
    if (check.ok) {
      certificates.push({ providerId, certificate: check.certificate });
      continue;
    }
    if (check.code === 'QUALIOPI_CERTIFICATE_MISSING') refuse(check.code, `Provider ${providerId} holds no Qualiopi certificate in the register`, figures);
    const held = { ...figures, ...certificateFigures(check.certificate) };
    if (check.code === 'QUALIOPI_CERTIFICATE_NOT_VALID') refuse(check.code, `The Qualiopi certificate of ${providerId} is not valid on ${on}`, held);
    refuse(check.code, `The Qualiopi certificate of ${providerId} does not cover ${PROCURED_ACTION_CATEGORY}`, held);
  }
  return { checkedOn: on, category: PROCURED_ACTION_CATEGORY, certificates };
}

const certificateFigures = ({ number, validFrom, validUntil, categories }: QualiopiCertificate) => ({ number, validFrom, validUntil, categories });
