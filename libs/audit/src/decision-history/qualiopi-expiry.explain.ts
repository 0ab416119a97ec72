import { QualiopiExpiryEvent, RULES } from '@app/procurement';
import { FacetExplain } from './facet-explain';

export const QUALIOPI_EXPIRY_EXPLAIN: FacetExplain<QualiopiExpiryEvent> = {
  QualiopiCertificateExpired: (event) => {
    const { providerId, lotIds, certificate, expiredOn } = event.data;
    return [
      `Qualiopi certificate ${certificate.number} of ${providerId} ended on ${certificate.validUntil}, during the execution of lot${lotIds.length === 1 ? '' : 's'} ${lotIds.join(', ')}: no new order until it is renewed`,
      { article: RULES.QUALIOPI_CERTIFICATE_NOT_VALID, figures: { providerId, lotIds, number: certificate.number, validUntil: certificate.validUntil, expiredOn } },
    ];
  },
};
