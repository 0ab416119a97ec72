import { EventStore } from '@app/event-store';
import { NotFoundError, Principal } from '@app/shared';
import { evolveContract, initialContractState, ProcurementEvent } from '../domain/contract/contract.state';
import { deliveryTermsOf } from '../domain/delivery/delivery-terms';
import { OrderFacts, orderFactsOf } from '../domain/payment/payment.commands';
import { contractStream } from '../domain/procurement.decider';
import { visibleContract } from './contract-view';

/** An order's amount, term and providers for its advance; an order the caller may not see is answered as missing. */
export async function orderFacts(store: EventStore, contractId: string, orderId: string, principal: Principal): Promise<OrderFacts> {
  const history = await store.readStream(contractStream(contractId));
  const state = history.reduce((folded, event) => evolveContract(folded, { type: event.type, data: event.data } as ProcurementEvent), initialContractState());
  if (state.status === 'EMPTY') throw new NotFoundError('Contract', contractId);
  if (!visibleContract(state, principal).orders[orderId]) throw new NotFoundError('Order', orderId);
  return orderFactsOf(state, deliveryTermsOf(state, orderId)!);
}
