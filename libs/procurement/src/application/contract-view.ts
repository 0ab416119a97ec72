import { NotFoundError, Principal } from '@app/shared';
import { ExistingContract, OrderState, ProposalState } from '../domain/contract/contract.state';
import { awardeeProviderIds } from '../domain/terms/procurement-terms';

/** A contract as one caller may see it, with the stream revision it was folded at (its ETag). */
export interface ContractView {
  revision: number;
  contract: ExistingContract;
}

/**
 * What a caller may see of a contract: everything in the caller's tenant, except that a provider sees only
 * the lots it performs, their orders, and the amendments addressed to it or requested by it. Anything
 * else is answered as missing, so a provider cannot learn that another provider's resources exist. Nor does a
 * provider see co-financing: Pôle emploi's share is agreed between the buyer and Pôle emploi. A provider sees
 * its own compensation claims and the expiry of its own Qualiopi certificate only.
 */
export function visibleContract(contract: ExistingContract, principal: Principal): ExistingContract {
  if (contract.tenant !== principal.tenant) throw new NotFoundError('Contract', contract.contractId);
  if (principal.role !== 'provider') return contract;
  const providerId = principal.providerId!;
  const lots = Object.fromEntries(
    Object.entries(contract.lots).filter(([, lot]) => lot.awardee && awardeeProviderIds(lot.awardee).includes(providerId)),
  );
  if (Object.keys(lots).length === 0) throw new NotFoundError('Contract', contract.contractId);
  const orders = Object.fromEntries(
    Object.entries(contract.orders)
      .filter(([, order]) => lots[order.lotId])
      .map(([orderId, order]) => [orderId, orderSeenByProvider(order)]),
  );
  const amendments = Object.fromEntries(
    Object.entries(contract.amendments).filter(
      ([, amendment]) => amendment.providerIds.includes(providerId) || amendment.requestedBy === providerId,
    ),
  );
  const clauses = Object.fromEntries(
    Object.entries(contract.clauses).filter(([, clause]) => clause.lotId === undefined || lots[clause.lotId]),
  );
  const proposals = Object.fromEntries(
    Object.entries(contract.proposals)
      .filter(([, proposal]) => orders[proposal.orderId])
      .map(([proposalId, proposal]) => [proposalId, proposalSeenByProvider(proposal)]),
  );
  const dateShiftRequests = Object.fromEntries(Object.entries(contract.dateShiftRequests).filter(([, request]) => orders[request.orderId]));
  const compensationClaims = Object.fromEntries(Object.entries(contract.compensationClaims).filter(([, claim]) => claim.providerId === providerId));
  return {
    ...contract,
    ...figuresSeenByProvider(contract, lots, amendments),
    lots,
    orders,
    amendments: amendmentsSeenByProvider(amendments),
    clauses,
    proposals,
    dateShiftRequests,
    priceRevisions: priceRevisionsOf(contract, clauses),
    compensationClaims,
    ...(contract.qualiopiExpiries?.[providerId] ? { qualiopiExpiries: { [providerId]: contract.qualiopiExpiries[providerId] } } : { qualiopiExpiries: undefined }),
  };
}

/**
 * The contract's figures over what the provider may see: its orders, and the amendments in force among its own
 * (the contract-wide totals would add up the others' orders and amendments). The initial value is the one
 * published; the maximum is the one drafted, moved by the provider's own amendments.
 */
function figuresSeenByProvider(
  contract: ExistingContract,
  lots: ExistingContract['lots'],
  amendments: ExistingContract['amendments'],
): Pick<ExistingContract, 'modifications' | 'orderedValueCents' | 'currentValueCents' | 'maximumValueCents'> {
  const modifications = contract.modifications.filter((modification) => amendments[modification.amendmentId]);
  const sum = (list: Array<{ amountChangeCents: number }>) => list.reduce((total, { amountChangeCents }) => total + amountChangeCents, 0);
  const own = sum(modifications);
  return {
    modifications,
    orderedValueCents: Object.values(lots).reduce((total, lot) => total + lot.orderedValueCents, 0),
    currentValueCents: contract.initialValueCents + own,
    ...(contract.maximumValueCents === undefined ? {} : { maximumValueCents: contract.maximumValueCents - sum(contract.modifications) + own }),
  };
}

/** The legal checks without their figures, which total every modification of the contract, the others' too (R2194-8, R2194-9). */
function amendmentsSeenByProvider(amendments: ExistingContract['amendments']): ExistingContract['amendments'] {
  return Object.fromEntries(
    Object.entries(amendments).map(([amendmentId, amendment]) => {
      if (!amendment.legalCheck) return [amendmentId, amendment];
      const { figures: _totals, splittingWarning: _series, ...legalCheck } = amendment.legalCheck;
      return [amendmentId, { ...amendment, legalCheck: { ...legalCheck, figures: {} } }];
    }),
  );
}

/** Price revisions of the clauses the provider sees (keyed `clauseId@date`). */
function priceRevisionsOf(contract: ExistingContract, clauses: ExistingContract['clauses']): ExistingContract['priceRevisions'] {
  return Object.fromEntries(Object.entries(contract.priceRevisions).filter(([key]) => clauses[key.slice(0, key.lastIndexOf('@'))]));
}

/** An order without its co-financing agreements. */
const orderSeenByProvider = ({ coFinancing: _hidden, ...order }: OrderState): OrderState => order;

/** A proposal without the policy's input drawn from the co-financing (auditors re-running it read it whole). */
const proposalSeenByProvider = ({ inputs: { coFinancedRoomDown: _hidden, ...inputs }, ...proposal }: ProposalState): ProposalState => ({
  ...proposal,
  inputs,
});
