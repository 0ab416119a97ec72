import { EventStore } from '@app/event-store';
import { CommandContext, NotFoundError, Principal } from '@app/shared';
import { DeliveryTerms, deliveryTermsOf } from '../domain/delivery/delivery-terms';
import { CommandMeta } from '../domain/terms/command-meta';
import { visibleContract } from './contract-view';
import { loadExistingContract } from './load-contract';

/**
 * The terms of an order that its delivery is checked against, from the contract as the command path keeps it
 * folded (a report reads only the contract's events appended since the last one). An order the
 * caller may not see (another tenant's, or one of a lot another provider performs) is answered as missing.
 */
export async function orderDeliveryTerms(
  store: EventStore,
  contractId: string,
  orderId: string,
  principal: Principal,
): Promise<DeliveryTerms> {
  const { state: contract } = await loadExistingContract(store, principal.tenant, contractId);
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
