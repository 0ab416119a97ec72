import type { PriceSet } from '../price-revision/price-history';
import { latestPrice, withPriceSet } from '../price-revision/unit-price-in-force';
import { WorkUnitType } from '../terms/procurement-terms';
import type { AmendmentState, ExistingContract, LotState, OrderState, Quantities, SessionState } from './contract-state.types';

/**
 * How each event of a facet folds into the contract, one function per event type of the facet: the compiler asks
 * for a case for every type, and the contract's fold is the facets' tables merged. Never refuses: events are facts.
 */
export type FacetEvolve<E extends { type: string }> = {
  readonly [T in E['type']]: (state: ExistingContract, event: Extract<E, { type: T }>) => ExistingContract;
};

/** Folds an event by its facet's table. */
export function evolveBy<E extends { type: string }>(table: FacetEvolve<E>, state: ExistingContract, event: E): ExistingContract {
  const evolve = table[event.type as E['type']] as (state: ExistingContract, event: E) => ExistingContract;
  return evolve(state, event);
}

export function withLot(state: ExistingContract, lot: LotState): ExistingContract {
  return { ...state, lots: { ...state.lots, [lot.lotId]: lot } };
}

export function updateLot(state: ExistingContract, lotId: string, update: (lot: LotState) => LotState): ExistingContract {
  return withLot(state, update(state.lots[lotId]));
}

export function addToLot(state: ExistingContract, lotId: string, quantities: Quantities, valueCents: number): ExistingContract {
  const updated = updateLot(state, lotId, (lot) => {
    const ordered = { ...lot.ordered };
    for (const [unitType, quantity] of Object.entries(quantities) as Array<[WorkUnitType, number]>) {
      ordered[unitType] = (ordered[unitType] ?? 0) + quantity;
    }
    return { ...lot, ordered, orderedValueCents: lot.orderedValueCents + valueCents };
  });
  return { ...updated, orderedValueCents: updated.orderedValueCents + valueCents };
}

/** A new dated price of a work unit; the terms' current price is the one in force from the latest day. */
export function setPrice(state: ExistingContract, lotId: string, unitType: WorkUnitType, price: PriceSet): ExistingContract {
  return updateLot(state, lotId, (lot) => {
    const history = withPriceSet(lot.priceHistory[unitType], price);
    return {
      ...lot,
      priceHistory: { ...lot.priceHistory, [unitType]: history },
      workUnits: { ...lot.workUnits, [unitType]: { ...lot.workUnits[unitType]!, unitPriceCents: latestPrice(history) } },
    };
  });
}

export function updateOrder(state: ExistingContract, orderId: string, update: (order: OrderState) => OrderState): ExistingContract {
  return { ...state, orders: { ...state.orders, [orderId]: update(state.orders[orderId]) } };
}

export function updateSession(
  state: ExistingContract,
  orderId: string,
  sessionId: string,
  update: (session: SessionState) => SessionState,
): ExistingContract {
  return updateOrder(state, orderId, (order) => ({
    ...order,
    sessions: { ...order.sessions, [sessionId]: update(order.sessions[sessionId]) },
  }));
}

export function withAmendment(state: ExistingContract, amendment: AmendmentState): ExistingContract {
  return { ...state, amendments: { ...state.amendments, [amendment.amendmentId]: amendment } };
}

export function updateAmendment(
  state: ExistingContract,
  amendmentId: string,
  update: (amendment: AmendmentState) => AmendmentState,
): ExistingContract {
  return withAmendment(state, update(state.amendments[amendmentId]));
}
