import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { Principal } from '@app/shared';
import { deliveryStream } from '../domain/delivery/delivery.decider';
import { DeliveryEvent } from '../domain/delivery/delivery.events';
import { DeliveryState, evolveDelivery, initialDeliveryState, Referral } from '../domain/delivery/delivery.state';
import { orderDeliveryTerms } from './order-delivery-terms';

/**
 * Where a referral stands: holding a place (IN_SESSION) or waiting for one (WAITING) until its outcome, then
 * ENTERED, REFUSED or NO_SHOW.
 */
export type ReferralStatus = 'IN_SESSION' | 'WAITING' | 'ENTERED' | 'REFUSED' | 'NO_SHOW';

export type ReferralView = Referral & { status: ReferralStatus };

export interface ReferralsView {
  contractId: string;
  orderId: string;
  /** Revision of the order's delivery stream the referrals were folded at (-1: nothing yet). */
  revision: number;
  referrals: ReferralView[];
}

export function referralView(referral: Referral): ReferralView {
  const status: ReferralStatus = referral.outcome ? referral.outcome.kind : referral.placement === 'SESSION' ? 'IN_SESSION' : 'WAITING';
  return { ...referral, status };
}

/** The delivery of an order folded from its stream, with the stream revision. */
export async function deliveryOf(store: EventStore, orderId: string): Promise<{ revision: number; delivery: DeliveryState }> {
  const history = await store.readStream(deliveryStream(orderId));
  const delivery = history.reduce(
    (folded, event) => evolveDelivery(folded, { type: event.type, data: event.data } as unknown as DeliveryEvent),
    initialDeliveryState(),
  );
  return { revision: history.length > 0 ? history[history.length - 1].revision : -1, delivery };
}

/**
 * The referrals made to an order, in the order they were made, for the buyers, auditors and Pôle emploi
 * officers of the tenant and the provider performing the order; anyone else is answered as if the order did
 * not exist.
 */
export class GetReferrals extends Query<ReferralsView> {
  constructor(
    readonly contractId: string,
    readonly orderId: string,
    readonly principal: Principal,
  ) {
    super();
  }
}

@QueryHandler(GetReferrals)
export class GetReferralsHandler implements IQueryHandler<GetReferrals> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ contractId, orderId, principal }: GetReferrals): Promise<ReferralsView> {
    await orderDeliveryTerms(this.store, contractId, orderId, principal);
    const { revision, delivery } = await deliveryOf(this.store, orderId);
    return { contractId, orderId, revision, referrals: Object.values(delivery.referrals).map(referralView) };
  }
}
