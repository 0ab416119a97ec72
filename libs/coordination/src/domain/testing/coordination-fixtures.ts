/**
 * A Pôle emploi purchase in Auvergne-Rhône-Alpes for the domain's unit tests: digital-skills training (domain
 * 31054) in the Rhône (69) and the Loire (42), April to September 2026, and the Région orders it may overlap.
 */
import { CoordinationMeta } from '../coordination-meta';
import { DeclarePurchase } from '../purchase-declaration/purchase-declaration.commands';
import { PurchaseDeclared, RegionOrderScope } from '../purchase-declaration/purchase-declaration.events';

export const TENANT = 'ARA';
export const DECLARATION_ID = 'decl-pe-ara-2026-digital';
export const OFFICER = 'pe-officer-lyon';
export const BUYER = 'buyer-ara-1';

export const officer = (at: string): CoordinationMeta => ({ at, actorId: OFFICER, role: 'pole_emploi' });
export const buyer = (at: string): CoordinationMeta => ({ at, actorId: BUYER, role: 'buyer' });

export const DECLARATION_TERMS = {
  declarationId: DECLARATION_ID,
  tenant: TENANT,
  domainCode: '31054',
  territoryCodes: ['69', '42'],
  periodStart: '2026-04-01',
  periodEnd: '2026-09-30',
  plannedSessions: 4,
  volume: { unitType: 'PATHWAY' as const, quantity: 48 },
  title: 'AFC Compétences numériques',
};

export function purchaseDeclared(at = '2026-03-02T09:00:00.000Z'): PurchaseDeclared {
  return { type: 'PurchaseDeclared', data: { ...DECLARATION_TERMS, declaredAt: at } };
}

export function declare(regionOrders: RegionOrderScope[] = [], overrides: Partial<DeclarePurchase['data']> = {}): DeclarePurchase {
  return { type: 'DeclarePurchase', meta: officer('2026-03-02T09:00:00.000Z'), data: { ...DECLARATION_TERMS, regionOrders, ...overrides } };
}

/** A Région order on a digital-skills lot covering the Rhône and the Ain, June to December 2026. */
export function regionOrder(overrides: Partial<RegionOrderScope> = {}): RegionOrderScope {
  return {
    tenant: TENANT,
    contractId: 'contract-ara-2026-digital',
    lotId: 'LOT-1',
    orderId: 'order-1',
    domainCode: '31054',
    territoryCodes: ['69', '01'],
    periodStart: '2026-06-01',
    periodEnd: '2026-12-31',
    lines: [{ unitType: 'PATHWAY', quantity: 40 }],
    valueCents: 12_000_000,
    ...overrides,
  };
}
