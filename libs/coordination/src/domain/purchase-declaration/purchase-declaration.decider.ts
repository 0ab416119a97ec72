import { Decider } from '@app/shared';
import { refuse } from '../rule-codes';
import { PurchaseDeclarationCommand } from './purchase-declaration.commands';
import { OverlapFigures, PurchaseDeclarationEvent, PurchaseOverlapDetected, PurchaseOverlapResolved, RegionOrderScope } from './purchase-declaration.events';
import { DeclarationInScope, overlapOf } from './purchase-overlap';

export interface OverlapState extends OverlapFigures {
  resolution?: PurchaseOverlapResolved['data'];
}

export type PurchaseDeclarationState =
  | { status: 'EMPTY' }
  | (DeclarationInScope & { status: 'DECLARED' | 'WITHDRAWN'; declaredAt: string; overlaps: Record<string, OverlapState> });

export const initialDeclarationState = (): PurchaseDeclarationState => ({ status: 'EMPTY' });

/** Folds one fact into the state. Never refuses: events are facts. */
export function evolveDeclaration(state: PurchaseDeclarationState, event: PurchaseDeclarationEvent): PurchaseDeclarationState {
  if (event.type === 'PurchaseDeclared') return { ...event.data, status: 'DECLARED', overlaps: {} };
  if (state.status === 'EMPTY') return state;
  switch (event.type) {
    case 'PurchaseOverlapDetected': {
      const { detectedAt: _detectedAt, ...figures } = event.data;
      return { ...state, overlaps: { ...state.overlaps, [figures.overlapId]: figures } };
    }
    case 'PurchaseOverlapResolved': {
      const overlap = state.overlaps[event.data.overlapId];
      if (!overlap) return state;
      return { ...state, overlaps: { ...state.overlaps, [overlap.overlapId]: { ...overlap, resolution: event.data } } };
    }
    case 'PurchaseDeclarationWithdrawn':
      return { ...state, status: 'WITHDRAWN' };
  }
}

/**
 * Pôle emploi's declaration of one of its own purchases, and the overlaps with Région orders found on it.
 * An overlap is detected once per declaration and order (its id derives from both), whichever side the check
 * runs from and however often it runs; a withdrawn declaration overlaps nothing new.
 */
export function decideDeclaration(command: PurchaseDeclarationCommand, state: PurchaseDeclarationState): PurchaseDeclarationEvent[] {
  const at = command.meta.at;
  if (command.type === 'DeclarePurchase') {
    if (state.status !== 'EMPTY') refuse('DECLARATION_ALREADY_EXISTS', `Declaration ${command.data.declarationId} already exists`);
    const { regionOrders, ...terms } = command.data;
    if (terms.periodEnd < terms.periodStart) {
      refuse('DECLARATION_PERIOD_INVALID', 'The period ends before it starts', { periodStart: terms.periodStart, periodEnd: terms.periodEnd });
    }
    const declared: PurchaseDeclarationEvent = { type: 'PurchaseDeclared', data: { ...terms, declaredAt: at } };
    return [declared, ...detected(terms, regionOrders, {}, at)];
  }
  if (state.status === 'EMPTY') refuse('DECLARATION_NOT_FOUND', 'No such purchase declaration');
  switch (command.type) {
    case 'CheckRegionOrder':
      if (state.status === 'WITHDRAWN') return [];
      return detected(state, [command.data.regionOrder], state.overlaps, at);
    case 'ResolvePurchaseOverlap': {
      const { overlapId, decision, coFinancedOrderId, reason } = command.data;
      const overlap = state.overlaps[overlapId];
      if (!overlap) refuse('OVERLAP_NOT_FOUND', `No overlap ${overlapId} on this declaration`);
      if (overlap.resolution) {
        refuse('OVERLAP_ALREADY_RESOLVED', `Overlap ${overlapId} was resolved as ${overlap.resolution.decision}`, {
          decision: overlap.resolution.decision,
          resolvedAt: overlap.resolution.resolvedAt,
        });
      }
      if (coFinancedOrderId !== undefined && decision !== 'CO_FINANCE') {
        refuse('CO_FINANCED_ORDER_ONLY_FOR_CO_FINANCE', `A ${decision} decision names no co-financed order`);
      }
      if (coFinancedOrderId !== undefined && coFinancedOrderId !== overlap.orderId) {
        refuse('CO_FINANCED_ORDER_NOT_IN_OVERLAP', `Order ${coFinancedOrderId} is not the order of this overlap`, { orderId: overlap.orderId });
      }
      return [
        {
          type: 'PurchaseOverlapResolved',
          data: {
            overlapId,
            declarationId: state.declarationId,
            decision,
            ...(coFinancedOrderId !== undefined ? { coFinancedOrderId } : {}),
            reason,
            resolvedBy: { actorId: command.meta.actorId, role: command.meta.role },
            resolvedAt: at,
          },
        },
      ];
    }
    case 'WithdrawPurchaseDeclaration':
      if (state.status === 'WITHDRAWN') refuse('DECLARATION_WITHDRAWN', 'The declaration is already withdrawn');
      return [{ type: 'PurchaseDeclarationWithdrawn', data: { declarationId: state.declarationId, reason: command.data.reason, withdrawnAt: at } }];
  }
}

function detected(
  declaration: DeclarationInScope,
  orders: RegionOrderScope[],
  known: Record<string, OverlapState>,
  at: string,
): PurchaseOverlapDetected[] {
  const found = new Map<string, OverlapFigures>();
  for (const order of orders) {
    const overlap = overlapOf(declaration, order);
    if (overlap && !known[overlap.overlapId]) found.set(overlap.overlapId, overlap);
  }
  return [...found.values()]
    .sort((a, b) => a.overlapId.localeCompare(b.overlapId))
    .map((overlap) => ({ type: 'PurchaseOverlapDetected', data: { ...overlap, detectedAt: at } }));
}

export const purchaseDeclarationDecider: Decider<PurchaseDeclarationCommand, PurchaseDeclarationEvent, PurchaseDeclarationState> = {
  initialState: initialDeclarationState,
  decide: decideDeclaration,
  evolve: evolveDeclaration,
};
