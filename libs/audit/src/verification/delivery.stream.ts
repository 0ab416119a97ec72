import { DeliveryEvent, DeliveryState, deliveryDecider, deliveryTermsOf } from '@app/procurement';
import { deliveryCommandOf } from '../command-reconstruction';
import { asFact, contractOf, StreamVerifier } from './stream-verifier';

/** A delivery is decided on the order's terms, folded from the contract stream as it stood just before it. */
export const DELIVERY_STREAM: StreamVerifier<DeliveryState> = {
  prefix: 'delivery-',
  initialState: deliveryDecider.initialState,
  evolve: (state, event) => deliveryDecider.evolve(state, asFact<DeliveryEvent>(event)),
  factsBefore: (event, stateOf) => ({ contractBefore: contractOf(event, stateOf) }),
  rerun: (group) => {
    const [first] = group.events;
    const contract = group.contractBefore;
    const orderId = (first.data as { orderId?: unknown }).orderId;
    if (!contract || contract.status === 'EMPTY' || typeof orderId !== 'string') {
      return 'the delivery names a contract that did not exist when it was recorded';
    }
    const terms = deliveryTermsOf(contract, orderId);
    if (!terms) return `the delivery names order ${orderId}, which the contract did not hold when it was recorded`;
    const command = deliveryCommandOf(first, terms, group.events);
    if (!command) return 'not rebuildable';
    return () => deliveryDecider.decide(command, group.stateBefore);
  },
};
