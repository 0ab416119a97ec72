import { RecordedEvent } from '@app/event-store';
import { DeliveryState, deliveryTermsOf, orderFactsOf, PaymentEvent, paymentsDecider, PaymentsState, statedBefore } from '@app/procurement';
import { paymentCommandOf } from '../command-reconstruction';
import { asFact, contractOf, FactsBefore, StreamVerifier } from './stream-verifier';

/** A payment is decided on the statement it names, or for an advance on its order, as they stood when it was recorded. */
export const PAYMENTS_STREAM: StreamVerifier<PaymentsState> = {
  prefix: 'payments-',
  initialState: paymentsDecider.initialState,
  evolve: (state, event) => paymentsDecider.evolve(state, asFact<PaymentEvent>(event)),
  factsBefore: statementOf,
  rerun: (group) => {
    const command = paymentCommandOf(group.events[0], group.statementBefore, group.orderBefore);
    if (!command) return 'the payment names a statement or an order the contract did not hold when it was recorded';
    return () => paymentsDecider.decide(command, group.stateBefore);
  },
};

/** The statement a payments event names, from its order's delivery stream and the contract as they stand now. */
function statementOf(event: RecordedEvent, stateOf: (streamId: string) => unknown): FactsBefore {
  const { contractId, orderId, statementId } = event.data as { contractId?: unknown; orderId?: unknown; statementId?: unknown };
  const contract = contractOf(event, stateOf);
  if (event.type === 'AdvanceGranted' && typeof orderId === 'string' && contract && contract.status !== 'EMPTY') {
    const terms = deliveryTermsOf(contract, orderId);
    return terms ? { orderBefore: orderFactsOf(contract, terms) } : {};
  }
  if (typeof contractId !== 'string' || typeof orderId !== 'string' || typeof statementId !== 'string') return {};
  const delivery = stateOf(`delivery-${orderId}`) as DeliveryState | undefined;
  const statement = delivery?.statements.find((issued) => issued.statementId === statementId);
  const terms = contract && contract.status !== 'EMPTY' ? deliveryTermsOf(contract, orderId) : undefined;
  if (!statement || !terms) return {};
  return { statementBefore: { contractId, orderId, statementId, providerIds: terms.providerIds, totalCents: statement.totalCents, statedBeforeCents: statedBefore(delivery!.statements, statementId) } };
}
