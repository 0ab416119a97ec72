import { QualiopiExpiryEvent } from '@app/procurement';
import { FacetReconstruct } from './facet-reconstruct';

export const QUALIOPI_EXPIRY_RECONSTRUCT: FacetReconstruct<QualiopiExpiryEvent> = {
  QualiopiCertificateExpired: (event, meta) => {
    // The register's certificate as the daily check read it, recorded with the expiry.
    const { providerId, certificate } = event.data;
    return { type: 'RecordQualiopiExpiry', meta, data: { providerId, register: { providerId, registered: true, certificate } } };
  },
};
