import { afterReduction } from '../co-financing/co-financing.state';
import type { OrderState, Quantities } from '../contract/contract-state.types';
import { addToLot, FacetEvolve, updateLot, updateOrder, updateSession } from '../contract/facet-evolve';
import { WorkUnitType } from '../terms/procurement-terms';
import { OrderEvent } from './order.events';

export const ORDER_EVOLVE: FacetEvolve<OrderEvent> = {
  OrderIssued: (state, event) => {
    const { orderId, lotId, lines, sessions, periodStart, periodEnd, valueCents } = event.data;
    // An order may hold several lines of one work unit: they add up, as the decider counted them.
    const quantities: Quantities = {};
    for (const line of lines) quantities[line.unitType] = (quantities[line.unitType] ?? 0) + line.quantity;
    const order: OrderState = {
      orderId,
      lotId,
      status: 'ISSUED',
      quantities,
      committed: Object.fromEntries(Object.entries(quantities).map(([unitType, quantity]) => [unitType, [{ from: periodStart, quantity }]])),
      sessions: Object.fromEntries(
        sessions.map((session) => [session.sessionId, { ...session, originalStartDate: session.startDate, cancelled: false }]),
      ),
      periodStart,
      periodEnd,
      valueCents,
      modules: [],
    };
    const withOrder = { ...state, orders: { ...state.orders, [orderId]: order } };
    return addToLot(withOrder, lotId, quantities, valueCents);
  },
  OrderQuantityAdjusted: (state, event) => {
    const { orderId, unitType, delta, valueDeltaCents, clauseId } = event.data;
    const order = state.orders[orderId];
    const adjusted = updateOrder(state, orderId, (o) => ({
      ...commit(o, unitType, (o.quantities[unitType] ?? 0) + delta, event.data.adjustedOn),
      valueCents: o.valueCents + valueDeltaCents,
    }));
    const reduced = event.data.coFinancing
      ? updateOrder(adjusted, orderId, (o) => ({ ...o, coFinancing: afterReduction(o.coFinancing ?? {}, event.data.coFinancing!) }))
      : adjusted;
    const counted = addToLot(reduced, order.lotId, { [unitType]: delta }, valueDeltaCents);
    if (state.clauses[clauseId]?.terms.type !== 'VOLUME') return counted;
    return updateLot(counted, order.lotId, (lot) => ({
      ...lot,
      volumeAdjusted: { ...lot.volumeAdjusted, [unitType]: (lot.volumeAdjusted[unitType] ?? 0) + delta },
    }));
  },
  OrderSessionMoved: (state, event) =>
    updateSession(state, event.data.orderId, event.data.sessionId, (session) => ({
      ...session,
      startDate: event.data.startDate,
      endDate: event.data.endDate,
    })),
  OrderSessionAdded: (state, event) => {
    const { session } = event.data;
    return updateOrder(state, event.data.orderId, (o) => ({
      ...o,
      sessions: { ...o.sessions, [session.sessionId]: { ...session, originalStartDate: session.startDate, cancelled: false } },
    }));
  },
  OrderSessionCancelled: (state, event) =>
    updateSession(state, event.data.orderId, event.data.sessionId, (session) => ({ ...session, cancelled: true })),
  OrderModalitySwitched: (state, event) =>
    updateSession(state, event.data.orderId, event.data.sessionId, (session) => ({
      ...session,
      modality: event.data.to,
    })),
  OrderModuleAdded: (state, event) => {
    const { orderId, moduleId, unitType, quantity, valueDeltaCents } = event.data;
    const order = state.orders[orderId];
    const adjusted = updateOrder(state, orderId, (o) => ({
      ...commit(o, unitType, (o.quantities[unitType] ?? 0) + quantity, event.data.adjustedOn),
      valueCents: o.valueCents + valueDeltaCents,
      modules: [...o.modules, { moduleId, quantity }],
    }));
    return addToLot(adjusted, order.lotId, { [unitType]: quantity }, valueDeltaCents);
  },
  OrderTraineeSwitchedToRemote: (state, event) => {
    const { orderId, traineeId, weeksAfter } = event.data;
    return updateOrder(state, orderId, (o) => ({ ...o, remoteWeeks: { ...o.remoteWeeks, [traineeId]: weeksAfter } }));
  },
  OrderClosed: (state, event) => updateOrder(state, event.data.orderId, (o) => ({ ...o, status: 'CLOSED' })),
};

/**
 * The order's new quantity of a work unit, committed from the day of the change; a change recorded without a
 * day (before changes were dated) is read as in force from the order's start, as it was then.
 */
export function commit(order: OrderState, unitType: WorkUnitType, quantity: number, adjustedOn: string | undefined): OrderState {
  const from = adjustedOn ?? order.periodStart;
  return {
    ...order,
    quantities: { ...order.quantities, [unitType]: quantity },
    committed: { ...order.committed, [unitType]: [...(order.committed[unitType] ?? []), { from, quantity }] },
  };
}
