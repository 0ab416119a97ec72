import { CoordinationMeta } from '../coordination-meta';
import { DeclarationTerms, OverlapDecision, RegionOrderScope } from './purchase-declaration.events';

/** Declares a purchase and checks it against the Région orders the caller read (the overlaps are decided here). */
export type DeclarePurchase = {
  type: 'DeclarePurchase';
  meta: CoordinationMeta;
  data: DeclarationTerms & { declarationId: string; tenant: string; regionOrders: RegionOrderScope[] };
};
/** Checks the declaration against one Région order (a new order, or one the declaration did not see). */
export type CheckRegionOrder = { type: 'CheckRegionOrder'; meta: CoordinationMeta; data: { regionOrder: RegionOrderScope } };
export type ResolvePurchaseOverlap = {
  type: 'ResolvePurchaseOverlap';
  meta: CoordinationMeta;
  data: { overlapId: string; decision: OverlapDecision; coFinancedOrderId?: string; reason: string };
};
export type WithdrawPurchaseDeclaration = { type: 'WithdrawPurchaseDeclaration'; meta: CoordinationMeta; data: { reason: string } };

export type PurchaseDeclarationCommand = DeclarePurchase | CheckRegionOrder | ResolvePurchaseOverlap | WithdrawPurchaseDeclaration;
