import { refuse } from '../contract/refuse';
import { ExistingContract } from '../contract/contract.state';
import { WorkUnitType } from '../terms/procurement-terms';

export interface VolumeMoved {
  /** Net units moved by order adjustments under volume clauses since award. */
  byOrders: number;
  /** Net units moved by amendments in force made under a volume clause. */
  byAmendmentsInForce: number;
  /** Units of the amendments still pending under a volume clause, raises and cuts apart. */
  pendingRaises: number;
  pendingCuts: number;
}

/**
 * What the volume clauses of a lot's work unit have moved since award, in units: one running total shared by
 * order adjustments (each delta) and amendments made under a volume clause (each new − former maximum), so
 * that one clause cannot be used once by each. Pending amendments (proposed to notified) may still be
 * withdrawn or disputed: they are kept apart, so that the bound holds whichever of them come into force.
 * Those recorded before amendments carried computed figures hold no quantities and count 0.
 */
export function volumeMovedUnderClauses(contract: ExistingContract, lotId: string, unitType: WorkUnitType): VolumeMoved {
  const moved: VolumeMoved = { byOrders: contract.lots[lotId]?.volumeAdjusted[unitType] ?? 0, byAmendmentsInForce: 0, pendingRaises: 0, pendingCuts: 0 };
  for (const amendment of Object.values(contract.amendments)) {
    const { change, computation } = amendment;
    if (!amendment.legalCheck || amendment.status === 'DISPUTED' || amendment.status === 'WITHDRAWN' || amendment.status === 'UNANSWERED') continue;
    if (change.kind !== 'VOLUME' || change.lotId !== lotId || change.unitType !== unitType) continue;
    if (amendment.reviewClauseId === undefined || contract.clauses[amendment.reviewClauseId]?.terms.type !== 'VOLUME') continue;
    if (computation?.method !== 'VOLUME_AT_UNIT_PRICE') continue;
    const units = computation.inputs.newMaxQuantity - computation.inputs.currentMaxQuantity;
    if (amendment.status === 'IN_FORCE') moved.byAmendmentsInForce += units;
    else if (units > 0) moved.pendingRaises += units;
    else moved.pendingCuts += units;
  }
  return moved;
}

/** ± this many units of a lot's work unit may move under a volume clause of `percent`: of the initial quantity. */
export function volumeClauseBound(initialQuantity: number, percent: number): number {
  return Math.floor((initialQuantity * percent) / 100);
}

/**
 * Refuses a move of `delta` units (an order adjustment, settled at once, or a pending amendment) that could
 * take the running total beyond ± the bound, with every pending amendment counted in the direction that
 * reaches furthest. Returns the bound and the settled total after the move (pending amendments aside).
 */
export function checkVolumeRunningTotal(
  moved: VolumeMoved,
  move: { delta: number; pending: boolean },
  limit: { initialQuantity: number; percent: number; unitType: WorkUnitType; clauseId: string },
): { bound: number; settledAfter: number } {
  const bound = volumeClauseBound(limit.initialQuantity, limit.percent);
  const settled = moved.byOrders + moved.byAmendmentsInForce;
  const settledAfter = settled + (move.pending ? 0 : move.delta);
  const raisesAfter = moved.pendingRaises + (move.pending ? Math.max(move.delta, 0) : 0);
  const cutsAfter = moved.pendingCuts + (move.pending ? Math.min(move.delta, 0) : 0);
  const up = move.delta >= 0;
  const adjustedBefore = settled + (up ? moved.pendingRaises : moved.pendingCuts);
  const adjustedAfter = settledAfter + (up ? raisesAfter : cutsAfter);
  if (Math.abs(adjustedAfter) > bound) {
    refuse('VOLUME_CLAUSE_BOUND_EXCEEDED', `Volume moved under the clause since award could reach ${adjustedAfter} ${limit.unitType}, beyond ±${bound}`, {
      clauseId: limit.clauseId,
      initialQuantity: limit.initialQuantity,
      percent: limit.percent,
      bound,
      adjustedBefore,
      adjustedByOrdersBefore: moved.byOrders,
      amendedInForceBefore: moved.byAmendmentsInForce,
      pendingRaises: moved.pendingRaises,
      pendingCuts: moved.pendingCuts,
      delta: move.delta,
      adjustedAfter,
    });
  }
  return { bound, settledAfter };
}
