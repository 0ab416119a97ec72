import { CompensationClaimEvent, RULES } from '@app/procurement';
import { FacetExplain, money } from './facet-explain';

export const COMPENSATION_CLAIM_EXPLAIN: FacetExplain<CompensationClaimEvent> = {
  CompensationClaimFiled: (event) => {
    const d = event.data;
    return [
      `Provider ${d.providerId} claimed ${money(d.amountCents)} compensation for unilateral modification ${d.amendmentId}`,
      { article: RULES.COMPENSATION_CLAIM_NOT_OPEN, figures: { amountCents: d.amountCents }, reason: d.reasons },
    ];
  },
  CompensationClaimAccepted: (event) => {
    const d = event.data;
    return [
      `Compensation claim ${d.claimId} accepted for ${money(d.acceptedAmountCents)} of the ${money(d.claimedAmountCents)} claimed`,
      { article: RULES.COMPENSATION_ABOVE_CLAIM, figures: { claimedAmountCents: d.claimedAmountCents, acceptedAmountCents: d.acceptedAmountCents }, ...(d.reason ? { reason: d.reason } : {}) },
    ];
  },
  CompensationClaimRefused: (event) => {
    const d = event.data;
    return [`Compensation claim ${d.claimId} of ${money(d.claimedAmountCents)} refused`, { figures: { claimedAmountCents: d.claimedAmountCents }, reason: d.reason }];
  },
};
