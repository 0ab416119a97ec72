import { EventStore } from '@app/event-store';
import { CommandContext, NotFoundError, Principal } from '@app/shared';
import { evolveContract, ExistingContract, initialContractState, ProcurementEvent } from '../domain/contract/contract.state';
import { DeliveryTerms, deliveryTermsOf } from '../domain/delivery/delivery-terms';
import { contractStream } from '../domain/procurement.decider';
import { CommandMeta } from '../domain/terms/command-meta';
import { visibleContract } from './contract-view';

/**
 * The terms of an order that its delivery is checked against, folded from the contract's stream. An order the
 * caller may not see (another tenant's, or one of a lot another provider performs) is answered as missing.
 */
export async function orderDeliveryTerms(
  store: EventStore,
  contractId: string,
  orderId: string,
  principal: Principal,
): Promise<DeliveryTerms> {
  const history = await store.readStream(contractStream(contractId));
  const state = history.reduce(
    (folded, event) => evolveContract(folded, { type: event.type, data: event.data } as ProcurementEvent),
    initialContractState(),
  );
  if (state.status === 'EMPTY') throw new NotFoundError('Contract', contractId);
  const contract: ExistingContract = state;
  if (!visibleContract(contract, principal).orders[orderId]) throw new NotFoundError('Order', orderId);
  return deliveryTermsOf(contract, orderId)!;
}

export function principalOf(context: CommandContext): Principal {
  return {
    sub: context.actorId,
    role: context.role,
    tenant: context.tenant,
    ...(context.providerId ? { providerId: context.providerId } : {}),
  };
}

export function metaOf(context: CommandContext): CommandMeta {
  return {
    at: context.occurredAt,
    actorId: context.actorId,
    ...(context.providerId ? { providerId: context.providerId } : {}),
  };
}
