import { ExistingContract } from '../contract/contract.state';
import { WorkUnitType } from '../terms/procurement-terms';

/**
 * What the volume clauses of a lot's work unit have moved since award, in units: one running total shared by
 * order adjustments (each delta) and amendments made under a volume clause (each new − former maximum), so
 * that one clause cannot be used once by each. Amendments count from their proposal until withdrawn or
 * disputed, as in the R2194-9 totals; those recorded before amendments carried computed figures hold no
 * quantities and count 0.
 */
export function volumeMovedUnderClauses(contract: ExistingContract, lotId: string, unitType: WorkUnitType): { byOrders: number; byAmendments: number } {
  const byOrders = contract.lots[lotId]?.volumeAdjusted[unitType] ?? 0;
  let byAmendments = 0;
  for (const amendment of Object.values(contract.amendments)) {
    const { change, computation } = amendment;
    if (!amendment.legalCheck || amendment.status === 'DISPUTED' || amendment.status === 'WITHDRAWN') continue;
    if (change.kind !== 'VOLUME' || change.lotId !== lotId || change.unitType !== unitType) continue;
    if (amendment.reviewClauseId === undefined || contract.clauses[amendment.reviewClauseId]?.terms.type !== 'VOLUME') continue;
    if (computation?.method === 'VOLUME_AT_UNIT_PRICE') byAmendments += computation.inputs.newMaxQuantity - computation.inputs.currentMaxQuantity;
  }
  return { byOrders, byAmendments };
}

/** ± this many units of a lot's work unit may move under a volume clause of `percent`: of the initial quantity. */
export function volumeClauseBound(initialQuantity: number, percent: number): number {
  return Math.floor((initialQuantity * percent) / 100);
}
