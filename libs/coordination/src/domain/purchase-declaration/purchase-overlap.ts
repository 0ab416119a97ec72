import { idFromName } from '@app/shared/ids';
import { daysIncluding } from '../coordination-meta';
import { DeclarationTerms, OverlapFigures, RegionOrderScope } from './purchase-declaration.events';

export interface DeclarationInScope extends DeclarationTerms {
  declarationId: string;
  tenant: string;
}

/** One overlap per declaration and order, whichever side the check runs from: it is recorded once. */
export const overlapIdOf = (declarationId: string, contractId: string, orderId: string): string =>
  idFromName('purchase-overlap', declarationId, contractId, orderId);

/**
 * A Pôle emploi purchase and a Région order overlap when they are in the same tenant and training domain,
 * share at least one territory and their periods share at least one day. Undefined when they do not.
 */
export function overlapOf(declaration: DeclarationInScope, order: RegionOrderScope): OverlapFigures | undefined {
  if (declaration.tenant !== order.tenant || declaration.domainCode !== order.domainCode) return undefined;
  const commonTerritoryCodes = declaration.territoryCodes.filter((code) => order.territoryCodes.includes(code)).sort();
  if (commonTerritoryCodes.length === 0) return undefined;
  const overlapStart = declaration.periodStart > order.periodStart ? declaration.periodStart : order.periodStart;
  const overlapEnd = declaration.periodEnd < order.periodEnd ? declaration.periodEnd : order.periodEnd;
  if (overlapEnd < overlapStart) return undefined;
  return {
    overlapId: overlapIdOf(declaration.declarationId, order.contractId, order.orderId),
    declarationId: declaration.declarationId,
    contractId: order.contractId,
    lotId: order.lotId,
    orderId: order.orderId,
    domainCode: order.domainCode,
    commonTerritoryCodes,
    overlapStart,
    overlapEnd,
    overlappingDays: daysIncluding(overlapStart, overlapEnd),
    regionOrder: { periodStart: order.periodStart, periodEnd: order.periodEnd, lines: order.lines, valueCents: order.valueCents },
    declaration: {
      periodStart: declaration.periodStart,
      periodEnd: declaration.periodEnd,
      plannedSessions: declaration.plannedSessions,
      volume: declaration.volume,
    },
  };
}
