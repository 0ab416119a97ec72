import type { ExistingContract } from '../contract/contract-state.types';
import { unitPriceInForce } from '../price-revision/unit-price-in-force';
import { daysBetween } from '../terms/command-meta';
import { AmendmentChange, AmendmentComputation } from './amendment.events';

/**
 * A value's share for days added (or removed) at its rate per day of its current days, rounded towards zero, so
 * that neither a longer nor a shorter period is valued above its days.
 */
export function atRunRate(valueCents: number, daysChanged: number, currentDays: number): number {
  return Number((BigInt(valueCents) * BigInt(daysChanged)) / BigInt(currentDays));
}

/** The change in value of an amendment, from the terms it changes as the contract stands on `day`. */
export function computeAmendmentFigures(contract: ExistingContract, change: AmendmentChange, day: string): AmendmentComputation {
  switch (change.kind) {
    case 'PRICE': {
      const lot = contract.lots[change.lotId];
      const unit = lot.workUnits[change.unitType]!;
      const currentUnitPriceCents = unitPriceInForce(lot, change.unitType, day)!;
      const orderedQuantity = lot.ordered[change.unitType] ?? 0;
      const remainingQuantity = Math.max(0, unit.initialQuantity - orderedQuantity);
      const amountChangeCents = (change.newUnitPriceCents - currentUnitPriceCents) * (orderedQuantity + remainingQuantity);
      return { method: 'PRICE_DIFFERENCE_TIMES_QUANTITY', inputs: { currentUnitPriceCents, newUnitPriceCents: change.newUnitPriceCents, orderedQuantity, remainingQuantity }, amountChangeCents };
    }
    case 'NEW_MODULES': {
      const lot = contract.lots[change.lotId];
      const modules = change.modules.map((module) => {
        const quantity = lot.workUnits[module.unitType]?.initialQuantity ?? 0;
        return { moduleId: module.moduleId, unitPriceCents: module.unitPriceCents, quantity, amountCents: module.unitPriceCents * quantity };
      });
      return { method: 'MODULES_AT_CATALOGUE_PRICE', inputs: { modules }, amountChangeCents: modules.reduce((sum, m) => sum + m.amountCents, 0) };
    }
    case 'VOLUME': {
      const lot = contract.lots[change.lotId];
      const currentMaxQuantity = lot.workUnits[change.unitType]!.maxQuantity;
      const unitPriceCents = unitPriceInForce(lot, change.unitType, day)!;
      return {
        method: 'VOLUME_AT_UNIT_PRICE',
        inputs: { currentMaxQuantity, newMaxQuantity: change.newMaxQuantity, unitPriceCents },
        amountChangeCents: (change.newMaxQuantity - currentMaxQuantity) * unitPriceCents,
      };
    }
    case 'DURATION': {
      const currentDays = daysBetween(contract.startDate, contract.endDate);
      const daysChanged = daysBetween(contract.endDate, change.newEndDate);
      const amountChangeCents = atRunRate(contract.currentValueCents, daysChanged, currentDays);
      return {
        method: 'DURATION_AT_RUN_RATE',
        inputs: { currentValueCents: contract.currentValueCents, currentDays, currentEndDate: contract.endDate, newEndDate: change.newEndDate, daysChanged },
        amountChangeCents,
      };
    }
    case 'SCOPE':
    case 'CONTRACTOR_CHANGE':
      return { method: 'NO_PRICED_TERM_CHANGED', inputs: {}, amountChangeCents: 0 };
  }
}
