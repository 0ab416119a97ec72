import { ExistingContract } from '../contract/contract.state';
import { unitPriceInForce } from '../price-revision/unit-price-in-force';
import { daysBetween } from '../terms/command-meta';
import { AmendmentChange } from './amendment.events';

/**
 * How an amendment's change in value was found, for the record: the method, every input, the result. The
 * legal bases are checked on this figure; a figure the buyer declares is kept beside it, never in its place.
 */
export type AmendmentComputation =
  | {
      /** (new − current unit price) × the quantity the price applies to: what is ordered, or the estimate if more. */
      method: 'PRICE_DIFFERENCE_TIMES_QUANTITY';
      inputs: { currentUnitPriceCents: number; newUnitPriceCents: number; orderedQuantity: number; remainingQuantity: number };
      amountChangeCents: number;
    }
  | {
      /** Each module at its catalogue price × the lot's estimated quantity of the module's work unit. */
      method: 'MODULES_AT_CATALOGUE_PRICE';
      inputs: { modules: Array<{ moduleId: string; unitPriceCents: number; quantity: number; amountCents: number }> };
      amountChangeCents: number;
    }
  | {
      /** (new − current maximum quantity) × the unit price in force. */
      method: 'VOLUME_AT_UNIT_PRICE';
      inputs: { currentMaxQuantity: number; newMaxQuantity: number; unitPriceCents: number };
      amountChangeCents: number;
    }
  | {
      /** The contract's value per day of its current duration × the days added (or removed), rounded down. */
      method: 'DURATION_AT_RUN_RATE';
      inputs: { currentValueCents: number; currentDays: number; currentEndDate: string; newEndDate: string; daysChanged: number };
      amountChangeCents: number;
    }
  | {
      /** Territories, publics or the contractor change: no price, quantity nor duration term moves. */
      method: 'NO_PRICED_TERM_CHANGED';
      inputs: Record<string, never>;
      amountChangeCents: 0;
    }
  | {
      /** Recorded before amendments carried computed figures: the amount is the one the buyer declared then. */
      method: 'DECLARED_BEFORE_COMPUTATION';
      inputs: { declaredAmountChangeCents: number };
      amountChangeCents: number;
    };

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
