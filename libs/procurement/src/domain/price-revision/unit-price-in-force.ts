import type { LotState } from '../contract/contract-state.types';
import type { PriceHistory, PriceSet } from './price-history';
import { dayOf } from '../terms/command-meta';
import { WorkUnitType } from '../terms/procurement-terms';

/**
 * The unit price in force on a day: the last price set from that day or before (of two set for the same day,
 * the one recorded later), the award's price before any other. Undefined when the lot has no such work unit.
 * This is the price a delivery of that day is paid at.
 */
export function unitPriceInForce(lot: LotState, unitType: WorkUnitType, day: string): number | undefined {
  const history = lot.priceHistory[unitType];
  if (!history || history.length === 0) return lot.workUnits[unitType]?.unitPriceCents;
  return priceOn(history, dayOf(day)).unitPriceCents;
}

/** P0 of a revision on a day: the price set by the award or by an amendment in force, revisions left aside. */
export function basePriceOn(history: PriceHistory, day: string): PriceSet {
  return priceOn(
    history.filter((entry) => entry.source !== 'PRICE_REVISION'),
    day,
  );
}

/** The price history with one more price set, kept in recording order. */
export function withPriceSet(history: PriceHistory | undefined, entry: PriceSet): PriceHistory {
  return [...(history ?? []), entry];
}

/** The price the terms read as current: the one in force from the latest day any price was set for. */
export function latestPrice(history: PriceHistory): number {
  return priceOn(history, '9999-12-31').unitPriceCents;
}

export function priceOn(history: PriceHistory, day: string): PriceSet {
  let chosen = history[0];
  for (const entry of history.slice(1)) if (entry.from <= day && (chosen === history[0] || entry.from >= chosen.from)) chosen = entry;
  return chosen;
}
