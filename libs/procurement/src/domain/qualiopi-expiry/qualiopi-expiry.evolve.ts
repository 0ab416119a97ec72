import { FacetEvolve } from '../contract/facet-evolve';
import { QualiopiExpiryEvent } from './qualiopi-expiry.events';
import { evolveQualiopiExpiries } from './qualiopi-expiry.state';

export const QUALIOPI_EXPIRY_EVOLVE: FacetEvolve<QualiopiExpiryEvent> = {
  QualiopiCertificateExpired: (state, event) => ({ ...state, qualiopiExpiries: evolveQualiopiExpiries(state.qualiopiExpiries, event) }),
};
