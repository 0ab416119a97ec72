import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { Principal } from '@app/shared';
import { deliveryStream } from '../domain/delivery/delivery.decider';
import { DeliveryEvent } from '../domain/delivery/delivery.events';
import { DeliveryState, evolveDelivery, initialDeliveryState } from '../domain/delivery/delivery.state';
import { orderDeliveryTerms } from './order-delivery-terms';

/** The delivery of an order folded from its stream, with the stream revision (-1: nothing reported yet). */
export interface DeliveryView {
  contractId: string;
  orderId: string;
  revision: number;
  delivery: DeliveryState;
}

/**
 * The delivery of an order, for the provider performing it and for the buyers, auditors and Pôle emploi
 * officers of the tenant; anyone else is answered as if the order did not exist.
 */
export class GetDelivery extends Query<DeliveryView> {
  constructor(
    readonly contractId: string,
    readonly orderId: string,
    readonly principal: Principal,
  ) {
    super();
  }
}

@QueryHandler(GetDelivery)
export class GetDeliveryHandler implements IQueryHandler<GetDelivery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ contractId, orderId, principal }: GetDelivery): Promise<DeliveryView> {
    await orderDeliveryTerms(this.store, contractId, orderId, principal);
    const history = await this.store.readStream(deliveryStream(orderId));
    const delivery = history.reduce(
      (folded, event) => evolveDelivery(folded, { type: event.type, data: event.data } as unknown as DeliveryEvent),
      initialDeliveryState(),
    );
    return { contractId, orderId, revision: history.length > 0 ? history[history.length - 1].revision : -1, delivery };
  }
}
