import { CommandMeta } from '../terms/command-meta';
import { CoFinancingShare } from './co-financing.events';

/** Sent by a Pôle emploi officer. */
export type OfferCoFinancing = {
  type: 'OfferCoFinancing';
  meta: CommandMeta;
  data: { orderId: string; offerId: string; share: CoFinancingShare; replacesAgreementId?: string; reason: string };
};
/** Sent by a Pôle emploi officer. */
export type OfferCoFinancingTermination = {
  type: 'OfferCoFinancingTermination';
  meta: CommandMeta;
  data: { orderId: string; offerId: string; agreementId: string; reason: string };
};
/** Sent by the buyer. */
export type AcceptCoFinancingOffer = { type: 'AcceptCoFinancingOffer'; meta: CommandMeta; data: { orderId: string; offerId: string } };
/** Sent by the buyer. */
export type DeclineCoFinancingOffer = {
  type: 'DeclineCoFinancingOffer';
  meta: CommandMeta;
  data: { orderId: string; offerId: string; reason: string };
};
/** Sent by a Pôle emploi officer. */
export type ConsentToCoFinancedReduction = {
  type: 'ConsentToCoFinancedReduction';
  meta: CommandMeta;
  data: { orderId: string; consentId: string; floorValueCents: number; reason: string };
};

export type CoFinancingCommand =
  | OfferCoFinancing
  | OfferCoFinancingTermination
  | AcceptCoFinancingOffer
  | DeclineCoFinancingOffer
  | ConsentToCoFinancedReduction;
