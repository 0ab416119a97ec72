import { existing } from '../contract/contract.decider';
import { ContractState, ExistingContract } from '../contract/contract.state';
import { refuse } from '../contract/refuse';
import { CompensationClaimCommand } from './compensation-claim.commands';
import { CompensationClaimEvent } from './compensation-claim.events';
import { CompensationClaimState } from './compensation-claim.state';

/**
 * The contractor's right to compensation for a unilateral modification (CCP L6 4°: "le cocontractant a droit à
 * une indemnisation"; L2194-2: the financial balance of the contract is kept): the provider claims an amount with
 * its reasons, the buyer accepts it (the amount claimed or less) or refuses it with a reason. A claim may come
 * after the contract closed: the right does not end with performance.
 */
export function decideCompensationClaim(command: CompensationClaimCommand, state: ContractState): CompensationClaimEvent[] {
  const contract = existing(state);
  const at = command.meta.at;
  switch (command.type) {
    case 'FileCompensationClaim': {
      const { claimId, amendmentId, amountCents, reasons } = command.data;
      const providerId = command.meta.providerId;
      const modification = contract.amendments[amendmentId];
      if (!modification || modification.act !== 'UNILATERAL_MODIFICATION' || modification.status !== 'IN_FORCE' || !providerId || !modification.providerIds.includes(providerId)) {
        refuse('COMPENSATION_CLAIM_NOT_OPEN', `No unilateral modification ${amendmentId} in force on a lot of this provider`, {
          amendmentId,
          act: modification?.act ?? 'AMENDMENT',
          status: modification?.status ?? null,
        });
      }
      const earlier = Object.values(contract.compensationClaims).find((claim) => claim.amendmentId === amendmentId && claim.providerId === providerId);
      if (earlier) refuse('COMPENSATION_CLAIM_ALREADY_FILED', `Claim ${earlier.claimId} was filed for ${amendmentId}`, { claimId: earlier.claimId, status: earlier.status });
      positive(amountCents);
      return [{ type: 'CompensationClaimFiled', data: { claimId, amendmentId, providerId, amountCents, reasons, filedAt: at } }];
    }
    case 'AcceptCompensationClaim': {
      const claim = pending(contract, command.data.claimId);
      const { acceptedAmountCents, reason } = command.data;
      positive(acceptedAmountCents);
      if (acceptedAmountCents > claim.amountCents) {
        refuse('COMPENSATION_ABOVE_CLAIM', `The provider claimed ${claim.amountCents} cents, not ${acceptedAmountCents}`, {
          claimedAmountCents: claim.amountCents,
          acceptedAmountCents,
        });
      }
      return [
        {
          type: 'CompensationClaimAccepted',
          data: {
            claimId: claim.claimId,
            amendmentId: claim.amendmentId,
            claimedAmountCents: claim.amountCents,
            acceptedAmountCents,
            ...(reason === undefined ? {} : { reason }),
            acceptedAt: at,
          },
        },
      ];
    }
    case 'RefuseCompensationClaim': {
      const claim = pending(contract, command.data.claimId);
      return [
        {
          type: 'CompensationClaimRefused',
          data: { claimId: claim.claimId, amendmentId: claim.amendmentId, claimedAmountCents: claim.amountCents, reason: command.data.reason, refusedAt: at },
        },
      ];
    }
  }
}

function pending(contract: ExistingContract, claimId: string): CompensationClaimState {
  const claim = contract.compensationClaims[claimId];
  if (!claim) refuse('COMPENSATION_CLAIM_NOT_FOUND', `No compensation claim ${claimId} in this contract`);
  if (claim.status !== 'FILED') refuse('COMPENSATION_CLAIM_ALREADY_ANSWERED', `Claim ${claimId} is ${claim.status.toLowerCase()}`, { status: claim.status });
  return claim;
}

function positive(amountCents: number): void {
  if (!Number.isInteger(amountCents) || amountCents < 1) refuse('COMPENSATION_AMOUNT_INVALID', `${amountCents} is not a positive amount in cents`, { amountCents });
}
