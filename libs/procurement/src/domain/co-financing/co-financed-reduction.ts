import { OrderState } from '../contract/contract.state';
import { refuse } from '../contract/refuse';
import { CoFinancedReductionCheck } from './co-financing.events';

/**
 * The check of an order reduction against its co-financing: a value at or above the co-financed part is
 * allowed; below it, only down to the floor of the officer's consent, which the reduction then uses up.
 * Undefined when the order is not co-financed or its value does not go down.
 */
export function checkCoFinancedReduction(order: OrderState, valueDeltaCents: number): CoFinancedReductionCheck | undefined {
  const agreement = order.coFinancing?.inForce;
  if (!agreement || valueDeltaCents >= 0) return undefined;
  const figures = {
    agreementId: agreement.agreementId,
    coFinancedCents: agreement.coFinancedCents,
    valueBeforeCents: order.valueCents,
    valueAfterCents: order.valueCents + valueDeltaCents,
  };
  if (figures.valueAfterCents >= agreement.coFinancedCents) return figures;
  const consent = order.coFinancing?.reductionConsent;
  if (consent && figures.valueAfterCents >= consent.floorValueCents) {
    return { ...figures, consentId: consent.consentId, floorValueCents: consent.floorValueCents };
  }
  refuse(
    'CO_FINANCED_ORDER_REDUCTION_NOT_AGREED',
    `Order ${order.orderId} would fall to ${figures.valueAfterCents} cents, below the ${agreement.coFinancedCents} cents Pôle emploi co-finances, without the officer's consent`,
    { ...figures, consentFloorValueCents: consent?.floorValueCents ?? null },
  );
}
