import { CompensationClaimEvent } from '@app/procurement';
import { FacetReconstruct } from './facet-reconstruct';

export const COMPENSATION_CLAIM_RECONSTRUCT: FacetReconstruct<CompensationClaimEvent> = {
  CompensationClaimFiled: (event, meta) => {
    const { claimId, amendmentId, providerId, amountCents, reasons } = event.data;
    return { type: 'FileCompensationClaim', meta: { ...meta, providerId }, data: { claimId, amendmentId, amountCents, reasons } };
  },
  CompensationClaimAccepted: (event, meta) => {
    const { claimId, acceptedAmountCents, reason } = event.data;
    return { type: 'AcceptCompensationClaim', meta, data: { claimId, acceptedAmountCents, ...(reason === undefined ? {} : { reason }) } };
  },
  CompensationClaimRefused: (event, meta) => ({ type: 'RefuseCompensationClaim', meta, data: { claimId: event.data.claimId, reason: event.data.reason } }),
};
