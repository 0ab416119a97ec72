import { ExistingContract, LotState, Quantities } from '../contract/contract.state';
import { refuse } from '../contract/refuse';
import { WorkUnitType } from '../terms/procurement-terms';
import { LimitCheck } from './order.events';

/**
 * Checks that ordering these quantities (positive or negative) keeps the lot within its maximum quantities
 * and value, and the contract within its maximum, counting every order and adjustment since award.
 */
export function checkLimits(contract: ExistingContract, lot: LotState, quantities: Quantities, valueDeltaCents: number): LimitCheck {
  const lotOrderedAfter: Quantities = {};
  const lotMaximum: Quantities = {};
  for (const [unitType, delta] of Object.entries(quantities) as Array<[WorkUnitType, number]>) {
    const after = (lot.ordered[unitType] ?? 0) + delta;
    const maximum = lot.workUnits[unitType]!.maxQuantity;
    lotOrderedAfter[unitType] = after;
    lotMaximum[unitType] = maximum;
    if (delta > 0 && after > maximum) {
      refuse('LOT_MAX_EXCEEDED', `Lot ${lot.lotId}: ${after} ${unitType} would exceed the maximum of ${maximum}`, {
        unitType,
        orderedBefore: lot.ordered[unitType] ?? 0,
        requested: delta,
        orderedAfter: after,
        maximum,
      });
    }
  }
  const lotValueAfterCents = lot.orderedValueCents + valueDeltaCents;
  if (valueDeltaCents > 0 && lot.maximumValueCents !== undefined && lotValueAfterCents > lot.maximumValueCents) {
    refuse('LOT_MAX_EXCEEDED', `Lot ${lot.lotId}: orders would reach ${lotValueAfterCents} cents, above its maximum value`, {
      lotValueBeforeCents: lot.orderedValueCents,
      valueDeltaCents,
      lotValueAfterCents,
      lotMaximumValueCents: lot.maximumValueCents,
    });
  }
  const ceiling = contract.maximumValueCents ?? contract.currentValueCents;
  const contractValueAfterCents = contract.orderedValueCents + valueDeltaCents;
  if (valueDeltaCents > 0 && contractValueAfterCents > ceiling) {
    refuse('CONTRACT_MAX_EXCEEDED', `Orders would reach ${contractValueAfterCents} cents, above the contract maximum of ${ceiling}`, {
      contractValueBeforeCents: contract.orderedValueCents,
      valueDeltaCents,
      contractValueAfterCents,
      contractMaximumValueCents: ceiling,
    });
  }
  return {
    lotOrderedAfter,
    lotMaximum,
    lotValueAfterCents,
    ...(lot.maximumValueCents === undefined ? {} : { lotMaximumValueCents: lot.maximumValueCents }),
    contractValueAfterCents,
    contractMaximumValueCents: ceiling,
  };
}
