export type CompensationClaimFiled = {
  type: 'CompensationClaimFiled';
  data: { claimId: string; amendmentId: string; providerId: string; amountCents: number; reasons: string; filedAt: string };
};
export type CompensationClaimAccepted = {
  type: 'CompensationClaimAccepted';
  data: { claimId: string; amendmentId: string; claimedAmountCents: number; acceptedAmountCents: number; reason?: string; acceptedAt: string };
};
export type CompensationClaimRefused = {
  type: 'CompensationClaimRefused';
  data: { claimId: string; amendmentId: string; claimedAmountCents: number; reason: string; refusedAt: string };
};

export type CompensationClaimEvent = CompensationClaimFiled | CompensationClaimAccepted | CompensationClaimRefused;
