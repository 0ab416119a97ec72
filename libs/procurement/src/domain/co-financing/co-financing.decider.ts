import { existing, inStatus } from '../contract/contract.decider';
import { ContractState } from '../contract/contract.state';
import { refuse } from '../contract/refuse';
import { CoFinancingCommand } from './co-financing.commands';
import { openOrder } from '../order/order.decider';
import { CoFinancingEvent, CoFinancingShare } from './co-financing.events';
import { OrderCoFinancing } from './co-financing.state';

/**
 * The officer offers and the buyer accepts or declines; the routes admit each command from its party only
 * (pole_emploi or buyer of the contract's tenant), and the events name who offered and who accepted.
 */
export function decideCoFinancing(command: CoFinancingCommand, state: ContractState): CoFinancingEvent[] {
  const contract = existing(state);
  inStatus(contract, 'ACTIVE', 'CONTRACT_NOT_ACTIVE');
  const { at, actorId } = command.meta;
  const order = openOrder(contract, command.data.orderId);
  const coFinancing: OrderCoFinancing = order.coFinancing ?? {};
  switch (command.type) {
    case 'OfferCoFinancing': {
      const { offerId, share, replacesAgreementId, reason } = command.data;
      noPendingOffer(coFinancing);
      const inForce = coFinancing.inForce?.agreementId;
      if (inForce !== replacesAgreementId) {
        refuse(
          'CO_FINANCING_ALREADY_IN_FORCE',
          inForce === undefined
            ? `Order ${order.orderId} has no co-financing agreement to replace`
            : `Agreement ${inForce} is in force on order ${order.orderId}: an offer changing it names it`,
          { agreementInForce: inForce ?? null, replacesAgreementId: replacesAgreementId ?? null },
        );
      }
      coFinancedCents(share, order.valueCents);
      return [
        {
          type: 'CoFinancingOffered',
          data: {
            orderId: order.orderId,
            offerId,
            share,
            ...(replacesAgreementId === undefined ? {} : { replacesAgreementId }),
            reason,
            offeredBy: actorId,
            offeredAt: at,
          },
        },
      ];
    }
    case 'OfferCoFinancingTermination': {
      const { offerId, agreementId, reason } = command.data;
      noPendingOffer(coFinancing);
      if (coFinancing.inForce?.agreementId !== agreementId) {
        refuse('CO_FINANCING_NOT_IN_FORCE', `Agreement ${agreementId} is not in force on order ${order.orderId}`, {
          agreementInForce: coFinancing.inForce?.agreementId ?? null,
        });
      }
      return [
        { type: 'CoFinancingTerminationOffered', data: { orderId: order.orderId, offerId, agreementId, reason, offeredBy: actorId, offeredAt: at } },
      ];
    }
    case 'AcceptCoFinancingOffer': {
      const offer = pendingOffer(coFinancing, command.data.offerId);
      if (offer.kind === 'TERMINATION') {
        return [
          {
            type: 'CoFinancingEnded',
            data: { orderId: order.orderId, agreementId: offer.agreementId, offerId: offer.offerId, offeredBy: offer.offeredBy, acceptedBy: actorId, endedAt: at },
          },
        ];
      }
      // Checked again on the order as it is now: its value may have moved since the offer.
      const part = coFinancedCents(offer.share, order.valueCents);
      return [
        {
          type: 'CoFinancingAgreed',
          data: {
            orderId: order.orderId,
            agreementId: offer.offerId,
            share: offer.share,
            ...(offer.replacesAgreementId === undefined ? {} : { replacesAgreementId: offer.replacesAgreementId }),
            orderValueCents: order.valueCents,
            coFinancedCents: part,
            offeredBy: offer.offeredBy,
            acceptedBy: actorId,
            agreedAt: at,
          },
        },
      ];
    }
    case 'DeclineCoFinancingOffer': {
      const offer = pendingOffer(coFinancing, command.data.offerId);
      return [
        { type: 'CoFinancingOfferDeclined', data: { orderId: order.orderId, offerId: offer.offerId, reason: command.data.reason, declinedBy: actorId, declinedAt: at } },
      ];
    }
    case 'ConsentToCoFinancedReduction': {
      const { consentId, floorValueCents, reason } = command.data;
      const agreement = coFinancing.inForce;
      if (!agreement) refuse('CO_FINANCING_NOT_IN_FORCE', `Order ${order.orderId} is not co-financed`);
      if (floorValueCents < 0 || floorValueCents >= agreement.coFinancedCents) {
        refuse('REDUCTION_CONSENT_FLOOR_INVALID', 'A consent sets a floor from zero up to, not including, the co-financed part', {
          floorValueCents,
          coFinancedCents: agreement.coFinancedCents,
        });
      }
      return [
        {
          type: 'CoFinancedReductionConsented',
          data: { orderId: order.orderId, consentId, agreementId: agreement.agreementId, floorValueCents, reason, consentedBy: actorId, consentedAt: at },
        },
      ];
    }
  }
}

/**
 * The co-financed part of an order of this value, in cents: a percentage (0 excluded, 100 included, rounded
 * down to the cent) or an amount (from one cent up to the order's value).
 */
export function coFinancedCents(share: CoFinancingShare, orderValueCents: number): number {
  if (share.kind === 'PERCENT') {
    const basisPoints = Math.round(share.percent * 100);
    if (!(share.percent > 0 && share.percent <= 100) || Math.abs(basisPoints - share.percent * 100) > 1e-6) {
      refuse('CO_FINANCING_SHARE_INVALID', `A co-financed share is above 0% and at most 100%, with 2 decimals at most; not ${share.percent}%`, {
        percent: share.percent,
      });
    }
    return Number((BigInt(orderValueCents) * BigInt(basisPoints)) / 10_000n);
  }
  if (!Number.isInteger(share.amountCents) || share.amountCents <= 0) {
    refuse('CO_FINANCING_SHARE_INVALID', `A co-financed amount is a positive number of cents, not ${share.amountCents}`, { amountCents: share.amountCents });
  }
  if (share.amountCents > orderValueCents) {
    refuse('CO_FINANCING_EXCEEDS_ORDER_VALUE', `The co-financed amount ${share.amountCents} is above the order's value ${orderValueCents}`, {
      amountCents: share.amountCents,
      orderValueCents,
    });
  }
  return share.amountCents;
}

function noPendingOffer(coFinancing: OrderCoFinancing): void {
  if (coFinancing.pendingOffer) {
    refuse('CO_FINANCING_OFFER_PENDING', `Offer ${coFinancing.pendingOffer.offerId} waits for the buyer's answer`, {
      pendingOfferId: coFinancing.pendingOffer.offerId,
    });
  }
}

function pendingOffer(coFinancing: OrderCoFinancing, offerId: string) {
  const offer = coFinancing.pendingOffer;
  if (!offer || offer.offerId !== offerId) {
    refuse('CO_FINANCING_OFFER_NOT_PENDING', `No offer ${offerId} waits for an answer on this order`, { pendingOfferId: offer?.offerId ?? null });
  }
  return offer;
}
