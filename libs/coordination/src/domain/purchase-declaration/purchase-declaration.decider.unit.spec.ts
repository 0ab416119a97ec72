import { specify } from '@app/shared/testing/decider-specification';
import { buyer, declare, DECLARATION_ID, officer, purchaseDeclared, regionOrder, TENANT } from '../testing/coordination-fixtures';
import { purchaseDeclarationDecider } from './purchase-declaration.decider';
import { PurchaseOverlapDetected } from './purchase-declaration.events';
import { overlapIdOf, overlapOf } from './purchase-overlap';

const spec = specify(purchaseDeclarationDecider);
const at = '2026-03-05T10:00:00.000Z';
const OVERLAP_ID = overlapIdOf(DECLARATION_ID, 'contract-ara-2026-digital', 'order-1');

const detected = (detectedAt = '2026-03-02T09:00:00.000Z'): PurchaseOverlapDetected => ({
  type: 'PurchaseOverlapDetected',
  data: {
    overlapId: OVERLAP_ID,
    declarationId: DECLARATION_ID,
    contractId: 'contract-ara-2026-digital',
    lotId: 'LOT-1',
    orderId: 'order-1',
    domainCode: '31054',
    commonTerritoryCodes: ['69'],
    overlapStart: '2026-06-01',
    overlapEnd: '2026-09-30',
    overlappingDays: 122,
    regionOrder: { periodStart: '2026-06-01', periodEnd: '2026-12-31', lines: [{ unitType: 'PATHWAY', quantity: 40 }], valueCents: 12_000_000 },
    declaration: { periodStart: '2026-04-01', periodEnd: '2026-09-30', plannedSessions: 4, volume: { unitType: 'PATHWAY', quantity: 48 } },
    detectedAt,
  },
});

describe('a Pôle emploi purchase declaration', () => {
  it('records the declaration, and the overlap with a Région order of the same domain, territory and period, with its figures', () => {
    spec.given([]).when(declare([regionOrder()])).then([purchaseDeclared(), detected()]);
  });

  it('records no overlap with an order of another domain, other territories, another period or another tenant', () => {
    const apart = [
      regionOrder({ orderId: 'o-domain', domainCode: '15054' }),
      regionOrder({ orderId: 'o-territory', territoryCodes: ['38', '01'] }),
      regionOrder({ orderId: 'o-after', periodStart: '2026-10-01', periodEnd: '2026-12-31' }),
      regionOrder({ orderId: 'o-before', periodStart: '2026-01-01', periodEnd: '2026-03-31' }),
      regionOrder({ orderId: 'o-tenant', tenant: 'IDF' }),
    ];
    spec.given([]).when(declare(apart)).then([purchaseDeclared()]);
  });

  it('counts a single common day as an overlap of one day', () => {
    const touching = regionOrder({ periodStart: '2026-09-30', periodEnd: '2026-12-31' });
    expect(overlapOf({ ...purchaseDeclared().data }, touching)).toMatchObject({ overlapStart: '2026-09-30', overlapEnd: '2026-09-30', overlappingDays: 1 });
  });

  it('refuses a period that ends before it starts, and a declaration id used twice', () => {
    spec.given([]).when(declare([], { periodEnd: '2026-03-31' })).thenRefuses('DECLARATION_PERIOD_INVALID');
    spec.given([purchaseDeclared()]).when(declare()).thenRefuses('DECLARATION_ALREADY_EXISTS');
  });

  it('records the overlap with a Région order issued after the declaration once, however often the order is checked', () => {
    const check = { type: 'CheckRegionOrder' as const, meta: officer(at), data: { regionOrder: regionOrder() } };
    spec.given([purchaseDeclared()]).when(check).then([detected(at)]);
    spec.given([purchaseDeclared(), detected()]).when(check).then([]);
  });

  it('checks no new order against a withdrawn declaration', () => {
    const withdrawn = { type: 'PurchaseDeclarationWithdrawn' as const, data: { declarationId: DECLARATION_ID, reason: 'Achat abandonné', withdrawnAt: at } };
    spec.given([purchaseDeclared(), withdrawn]).when({ type: 'CheckRegionOrder', meta: officer(at), data: { regionOrder: regionOrder() } }).then([]);
    spec.given([purchaseDeclared(), withdrawn]).when({ type: 'WithdrawPurchaseDeclaration', meta: officer(at), data: { reason: 'encore' } }).thenRefuses('DECLARATION_WITHDRAWN');
  });

  it('records who resolved an overlap, how and why; co-financing may name the order of the overlap', () => {
    spec
      .given([purchaseDeclared(), detected()])
      .when({ type: 'ResolvePurchaseOverlap', meta: buyer(at), data: { overlapId: OVERLAP_ID, decision: 'CO_FINANCE', coFinancedOrderId: 'order-1', reason: 'Abondement de 30 %' } })
      .then([
        {
          type: 'PurchaseOverlapResolved',
          data: {
            overlapId: OVERLAP_ID,
            declarationId: DECLARATION_ID,
            decision: 'CO_FINANCE',
            coFinancedOrderId: 'order-1',
            reason: 'Abondement de 30 %',
            resolvedBy: { actorId: 'buyer-ara-1', role: 'buyer' },
            resolvedAt: at,
          },
        },
      ]);
  });

  it('refuses to resolve an overlap twice, one it does not hold, or to name another order', () => {
    const resolve = (data: object) => ({ type: 'ResolvePurchaseOverlap' as const, meta: officer(at), data: { overlapId: OVERLAP_ID, decision: 'COMPLEMENTARY' as const, reason: 'Publics différents', ...data } });
    const resolved = spec.given([purchaseDeclared(), detected()]).when(resolve({})).events()[0];
    spec.given([purchaseDeclared(), detected(), resolved as never]).when(resolve({})).thenRefuses('OVERLAP_ALREADY_RESOLVED', { decision: 'COMPLEMENTARY' });
    spec.given([purchaseDeclared()]).when(resolve({})).thenRefuses('OVERLAP_NOT_FOUND');
    spec.given([purchaseDeclared(), detected()]).when(resolve({ decision: 'CO_FINANCE', coFinancedOrderId: 'order-2' })).thenRefuses('CO_FINANCED_ORDER_NOT_IN_OVERLAP');
    spec.given([purchaseDeclared(), detected()]).when(resolve({ coFinancedOrderId: 'order-1' })).thenRefuses('CO_FINANCED_ORDER_ONLY_FOR_CO_FINANCE');
    spec.given([]).when(resolve({})).thenRefuses('DECLARATION_NOT_FOUND');
  });

  it('names an overlap after its declaration and order only', () => {
    expect(overlapIdOf(DECLARATION_ID, 'c', 'o')).toBe(overlapIdOf(DECLARATION_ID, 'c', 'o'));
    expect(overlapIdOf(DECLARATION_ID, 'c', 'o')).not.toBe(overlapIdOf(DECLARATION_ID, 'c', 'o2'));
    expect(TENANT).toBe('ARA');
  });
});
