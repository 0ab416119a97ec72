import { OrderLine, WorkUnitType } from '@app/procurement';

/** The volume Pôle emploi plans to buy, in one work unit. */
export interface PlannedVolume {
  unitType: WorkUnitType;
  quantity: number;
}

/** What Pôle emploi declares of one of its own collective purchases (AFC). */
export interface DeclarationTerms {
  /** Training domain code, in the same nomenclature as the Région's lots (e.g. a Formacode). */
  domainCode: string;
  territoryCodes: string[];
  periodStart: string;
  periodEnd: string;
  plannedSessions: number;
  volume: PlannedVolume;
  title?: string;
  notes?: string;
}

export const OVERLAP_DECISIONS = ['COMPLEMENTARY', 'REDUCE_REGION_ORDER', 'REDUCE_POLE_EMPLOI_PURCHASE', 'CO_FINANCE'] as const;
export type OverlapDecision = (typeof OVERLAP_DECISIONS)[number];

/** A Région order as the overlap check reads it: its lot's scope, its period and its figures. */
export interface RegionOrderScope {
  tenant: string;
  contractId: string;
  lotId: string;
  orderId: string;
  domainCode: string;
  territoryCodes: string[];
  periodStart: string;
  periodEnd: string;
  lines: OrderLine[];
  valueCents: number;
}

/** The figures of an overlap between a declaration and a Région order, as detected. */
export interface OverlapFigures {
  overlapId: string;
  declarationId: string;
  contractId: string;
  lotId: string;
  orderId: string;
  domainCode: string;
  commonTerritoryCodes: string[];
  overlapStart: string;
  overlapEnd: string;
  overlappingDays: number;
  regionOrder: { periodStart: string; periodEnd: string; lines: OrderLine[]; valueCents: number };
  declaration: { periodStart: string; periodEnd: string; plannedSessions: number; volume: PlannedVolume };
}

export type PurchaseDeclared = {
  type: 'PurchaseDeclared';
  data: DeclarationTerms & { declarationId: string; tenant: string; declaredAt: string };
};
export type PurchaseOverlapDetected = { type: 'PurchaseOverlapDetected'; data: OverlapFigures & { detectedAt: string } };
export type PurchaseOverlapResolved = {
  type: 'PurchaseOverlapResolved';
  data: {
    overlapId: string;
    declarationId: string;
    decision: OverlapDecision;
    /** The Région order Pôle emploi co-finances, when the decision is CO_FINANCE and names it. */
    coFinancedOrderId?: string;
    reason: string;
    /** Who decided: a buyer of the Région or the Pôle emploi officer. */
    resolvedBy: { actorId: string; role: string };
    resolvedAt: string;
  };
};
export type PurchaseDeclarationWithdrawn = {
  type: 'PurchaseDeclarationWithdrawn';
  data: { declarationId: string; reason: string; withdrawnAt: string };
};

export type PurchaseDeclarationEvent = PurchaseDeclared | PurchaseOverlapDetected | PurchaseOverlapResolved | PurchaseDeclarationWithdrawn;

export const purchaseDeclarationStream = (declarationId: string): string => `purchase-declaration-${declarationId}`;
