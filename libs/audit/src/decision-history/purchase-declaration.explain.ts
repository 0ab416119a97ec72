import { COORDINATION_RULES, OverlapDecision, PurchaseDeclarationEvent } from '@app/coordination';
import { FacetExplain } from './facet-explain';

export const PURCHASE_DECLARATION_EXPLAIN: FacetExplain<PurchaseDeclarationEvent> = {
  PurchaseDeclared: (event) => {
    const d = event.data;
    return [
      `Pôle emploi declared purchase ${d.declarationId}${d.title ? ` "${d.title}"` : ''}: domain ${d.domainCode} in ${d.territoryCodes.join(', ')}, ` +
        `${d.periodStart} to ${d.periodEnd}, ${d.plannedSessions} session(s), ${d.volume.quantity} ${d.volume.unitType}`,
      { article: COORDINATION_RULES.DECLARATION_PERIOD_INVALID, ...(d.notes ? { reason: d.notes } : {}) },
    ];
  },
  PurchaseOverlapDetected: (event) => {
    const d = event.data;
    return [
      `Purchase ${d.declarationId} overlaps order ${d.orderId} of lot ${d.lotId}: domain ${d.domainCode} in ${d.commonTerritoryCodes.join(', ')}, ` +
        `${d.overlapStart} to ${d.overlapEnd} (${d.overlappingDays} days)`,
      {
        figures: {
          overlapId: d.overlapId,
          contractId: d.contractId,
          commonTerritoryCodes: d.commonTerritoryCodes,
          overlappingDays: d.overlappingDays,
          regionOrder: d.regionOrder,
          declaration: d.declaration,
        },
      },
    ];
  },
  PurchaseOverlapResolved: (event) => {
    const d = event.data;
    const onOrder = d.coFinancedOrderId ? ` of order ${d.coFinancedOrderId}` : '';
    return [
      `Overlap ${d.overlapId} of purchase ${d.declarationId} resolved: ${OVERLAP_DECISION_WORDS[d.decision]}${onOrder}, decided by ${ROLE_WORDS[d.resolvedBy.role] ?? d.resolvedBy.role} ${d.resolvedBy.actorId}`,
      { article: COORDINATION_RULES.OVERLAP_ALREADY_RESOLVED, reason: d.reason },
    ];
  },
  PurchaseDeclarationWithdrawn: (event) => [`Pôle emploi withdrew purchase ${event.data.declarationId}: no new order is checked against it`, { reason: event.data.reason }],
};

const OVERLAP_DECISION_WORDS: Record<OverlapDecision, string> = {
  COMPLEMENTARY: 'complementary purchases (different publics or calendars)',
  REDUCE_REGION_ORDER: 'the Région reduces its order',
  REDUCE_POLE_EMPLOI_PURCHASE: 'Pôle emploi reduces its purchase',
  CO_FINANCE: 'co-financing by Pôle emploi',
};

const ROLE_WORDS: Record<string, string> = { buyer: 'the buyer', pole_emploi: 'the Pôle emploi officer', system: 'the system' };
