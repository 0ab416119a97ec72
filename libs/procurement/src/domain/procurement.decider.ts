import { Decider } from '@app/shared';
import { AmendmentCommand } from './amendment/amendment.commands';
import { decideAmendment } from './amendment/amendment.decider';
import { CoFinancingCommand } from './co-financing/co-financing.commands';
import { decideCoFinancing } from './co-financing/co-financing.decider';
import { DateShiftCommand } from './date-shift/date-shift.commands';
import { decideDateShift } from './date-shift/date-shift.decider';
import { ClauseCommand } from './clause/clause.commands';
import { CompensationClaimCommand } from './compensation-claim/compensation-claim.commands';
import { decideCompensationClaim } from './compensation-claim/compensation-claim.decider';
import { decideClause } from './clause/clause.decider';
import { ContractLifecycleCommand } from './contract/contract.commands';
import { decideContractLifecycle } from './contract/contract.decider';
import { ContractState, evolveContract, initialContractState, ProcurementEvent } from './contract/contract.state';
import { LotCommand } from './lot/lot.commands';
import { decideLot } from './lot/lot.decider';
import { OrderCommand } from './order/order.commands';
import { decideOrder } from './order/order.decider';
import { PriceRevisionCommand } from './price-revision/price-revision.commands';
import { decidePriceRevision } from './price-revision/price-revision.decider';
import { ProposalCommand } from './proposal/proposal.commands';
import { QualiopiExpiryCommand } from './qualiopi-expiry/qualiopi-expiry.commands';
import { decideQualiopiExpiry } from './qualiopi-expiry/qualiopi-expiry.decider';
import { decideProposal } from './proposal/proposal.decider';

export type ProcurementCommand =
  | ContractLifecycleCommand
  | LotCommand
  | ClauseCommand
  | OrderCommand
  | AmendmentCommand
  | ProposalCommand
  | CoFinancingCommand
  | DateShiftCommand
  | PriceRevisionCommand
  | CompensationClaimCommand
  | QualiopiExpiryCommand;

/** Stream of a contract and everything decided under it. */
export const contractStream = (contractId: string): string => `contract-${contractId}`;

/** Each command goes to the rules of the part of the contract it concerns. */
export function decideProcurement(command: ProcurementCommand, state: ContractState): ProcurementEvent[] {
  switch (command.type) {
    case 'DraftContract':
    case 'PublishContract':
    case 'ActivateContract':
    case 'CloseContract':
    case 'TerminateContract':
      return decideContractLifecycle(command, state);
    case 'DefineLot':
    case 'AwardLot':
      return decideLot(command, state);
    case 'AddClause':
      return decideClause(command, state);
    case 'IssueOrder':
    case 'AdjustOrder':
    case 'CloseOrder':
      return decideOrder(command, state);
    case 'ConfigureAdjustmentPolicy':
    case 'ProposeOrderAdjustment':
    case 'ApproveAdjustmentProposal':
    case 'RejectAdjustmentProposal':
      return decideProposal(command, state);
    case 'OfferCoFinancing':
    case 'OfferCoFinancingTermination':
    case 'AcceptCoFinancingOffer':
    case 'DeclineCoFinancingOffer':
    case 'ConsentToCoFinancedReduction':
      return decideCoFinancing(command, state);
    case 'RequestSessionDateShift':
    case 'AcceptSessionDateShift':
    case 'DeclineSessionDateShift':
      return decideDateShift(command, state);
    case 'RevisePrices':
      return decidePriceRevision(command, state);
    case 'FileCompensationClaim':
    case 'AcceptCompensationClaim':
    case 'RefuseCompensationClaim':
      return decideCompensationClaim(command, state);
    case 'RecordQualiopiExpiry':
      return decideQualiopiExpiry(command, state);
    default:
      return decideAmendment(command, state);
  }
}

export const procurementDecider: Decider<ProcurementCommand, ProcurementEvent, ContractState> = {
  initialState: initialContractState,
  decide: decideProcurement,
  evolve: evolveContract,
};
