import { QualiopiCertificate } from '../provider-register/provider-register.rules';

/**
 * The Qualiopi certificate of a provider performing lots of an active contract has ended (art. L6316-1 Code du
 * travail): recorded by the worker's daily check on the first day it is no longer valid or later, once per
 * certificate and contract. The buyer and the provider are told; new orders on those lots are refused until the
 * certificate is renewed (the register check at order issue).
 */
export type QualiopiCertificateExpired = {
  type: 'QualiopiCertificateExpired';
  data: {
    contractId: string;
    providerId: string;
    /** The lots of the contract the provider performs. */
    lotIds: string[];
    certificate: QualiopiCertificate;
    /** The day after its last day of validity. */
    expiredOn: string;
    /** The day the check found it. */
    recordedOn: string;
  };
};

export type QualiopiExpiryEvent = QualiopiCertificateExpired;
