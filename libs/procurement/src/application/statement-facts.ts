import { EventStore } from '@app/event-store';
import { NotFoundError, Principal } from '@app/shared';
import { deliveryDecider, deliveryStream } from '../domain/delivery/delivery.decider';
import { DeliveryEvent } from '../domain/delivery/delivery.events';
import { statedBefore, StatementFacts } from '../domain/payment/payment.commands';
import { orderDeliveryTerms } from './order-delivery-terms';

/**
 * A statement as its order's delivery stream recorded it, with the providers performing the order's lot. A
 * contract or an order the caller may not see, or a statement the order does not hold, is answered as missing.
 */
export async function statementFacts(store: EventStore, contractId: string, orderId: string, statementId: string, principal: Principal): Promise<StatementFacts> {
  const terms = await orderDeliveryTerms(store, contractId, orderId, principal);
  const history = await store.readStream(deliveryStream(orderId));
  const delivery = history.reduce(
    (state, event) => deliveryDecider.evolve(state, { type: event.type, data: event.data } as unknown as DeliveryEvent),
    deliveryDecider.initialState(),
  );
  const statement = delivery.statements.find((issued) => issued.statementId === statementId);
  if (!statement) throw new NotFoundError('ServiceStatement', statementId);
  return { contractId, orderId, statementId, providerIds: terms.providerIds, totalCents: statement.totalCents, statedBeforeCents: statedBefore(delivery.statements, statementId) };
}
