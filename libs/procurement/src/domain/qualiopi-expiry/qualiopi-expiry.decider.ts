import { existing, inStatus } from '../contract/contract.decider';
import { ContractState } from '../contract/contract.state';
import { refuse } from '../contract/refuse';
import { addDays, dayOf } from '../terms/command-meta';
import { awardeeProviderIds } from '../terms/procurement-terms';
import { QualiopiExpiryCommand } from './qualiopi-expiry.commands';
import { QualiopiExpiryEvent } from './qualiopi-expiry.events';

/**
 * Art. L6316-1 Code du travail: a provider paid with public funds holds a valid Qualiopi certificate throughout.
 * A certificate that ends while the provider performs lots of an active contract is recorded on the contract
 * once (the worker checks daily), with the lots concerned, so that the buyer and the provider are told.
 */
export function decideQualiopiExpiry(command: QualiopiExpiryCommand, state: ContractState): QualiopiExpiryEvent[] {
  const contract = existing(state);
  inStatus(contract, 'ACTIVE', 'CONTRACT_NOT_ACTIVE');
  const { providerId, register } = command.data;
  const today = dayOf(command.meta.at);
  const lotIds = Object.values(contract.lots)
    .filter((lot) => lot.awardee && awardeeProviderIds(lot.awardee).includes(providerId))
    .map((lot) => lot.lotId);
  if (lotIds.length === 0) refuse('QUALIOPI_EXPIRY_PROVIDER_NOT_ON_CONTRACT', `Provider ${providerId} performs no lot of this contract`, { providerId });
  const certificate = register.certificate;
  if (!certificate || today <= certificate.validUntil) {
    refuse('QUALIOPI_CERTIFICATE_NOT_EXPIRED', `The certificate of ${providerId} is valid on ${today}`, { providerId, on: today, validUntil: certificate?.validUntil });
  }
  const recorded = contract.qualiopiExpiries?.[providerId];
  if (recorded && recorded.certificate.number === certificate.number && recorded.certificate.validUntil === certificate.validUntil) {
    refuse('QUALIOPI_EXPIRY_ALREADY_RECORDED', `The expiry of certificate ${certificate.number} is already recorded`, { providerId, number: certificate.number, recordedOn: recorded.recordedOn });
  }
  const contractId = contract.contractId;
  return [{ type: 'QualiopiCertificateExpired', data: { contractId, providerId, lotIds, certificate, expiredOn: addDays(certificate.validUntil, 1), recordedOn: today } }];
}
