import { CompensationClaimEvent } from './compensation-claim.events';

export interface CompensationClaimState {
  claimId: string;
  amendmentId: string;
  providerId: string;
  amountCents: number;
  reasons: string;
  filedAt: string;
  status: 'FILED' | 'ACCEPTED' | 'REFUSED';
  answer?: { acceptedAmountCents?: number; reason?: string; answeredAt: string };
}

export function evolveCompensationClaims(
  claims: Record<string, CompensationClaimState>,
  event: CompensationClaimEvent,
): Record<string, CompensationClaimState> {
  switch (event.type) {
    case 'CompensationClaimFiled':
      return { ...claims, [event.data.claimId]: { ...event.data, status: 'FILED' } };
    case 'CompensationClaimAccepted': {
      const { acceptedAmountCents, reason, acceptedAt } = event.data;
      const answer = { acceptedAmountCents, ...(reason === undefined ? {} : { reason }), answeredAt: acceptedAt };
      return { ...claims, [event.data.claimId]: { ...claims[event.data.claimId], status: 'ACCEPTED', answer } };
    }
    case 'CompensationClaimRefused':
      return { ...claims, [event.data.claimId]: { ...claims[event.data.claimId], status: 'REFUSED', answer: { reason: event.data.reason, answeredAt: event.data.refusedAt } } };
  }
}
