import { EventStore } from '@app/event-store';
import { NotFoundError, Principal } from '@app/shared';
import { deliveryTermsOf } from '../domain/delivery/delivery-terms';
import { OrderFacts, orderFactsOf } from '../domain/payment/payment.commands';
import { visibleContract } from './contract-view';
import { loadExistingContract } from './load-contract';

/** An order's amount, term and providers for its advance; an order the caller may not see is answered as missing. */
export async function orderFacts(store: EventStore, contractId: string, orderId: string, principal: Principal): Promise<OrderFacts> {
  const { state } = await loadExistingContract(store, principal.tenant, contractId);
  if (!visibleContract(state, principal).orders[orderId]) throw new NotFoundError('Order', orderId);
  return orderFactsOf(state, deliveryTermsOf(state, orderId)!);
}
