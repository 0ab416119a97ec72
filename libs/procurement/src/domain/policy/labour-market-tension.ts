import type { AdjustmentPolicySettings } from '../proposal/proposal.events';
import type { LotScope } from '../terms/procurement-terms';
import type { LotTension, OrderSignals } from './order-signals';

export type { LotTension };

/** Recorded with the proposals of the labour-market rule (the other rules keep ADJUSTMENT_POLICY_VERSION). */
export const TENSION_POLICY_VERSION = 'labour-market-tension@1';

/** A figure of recruitment tension, as the labour-market read model gives it. */
export interface TensionObservation {
  occupationCode: string;
  territoryCode: string;
  /** YYYY-MM. */
  period: string;
  tensionIndex: number;
}

/**
 * The tension of a lot: among its occupations in its territories, the latest month known of each pair, and of
 * those the highest index (ties go to the first occupation and territory in code order). Undefined when the
 * lot names no occupation or no figure matches.
 */
export function lotTension(scope: LotScope, observations: readonly TensionObservation[]): LotTension | undefined {
  const latest = new Map<string, TensionObservation>();
  for (const observation of observations) {
    if (!scope.occupationCodes?.includes(observation.occupationCode) || !scope.territoryCodes.includes(observation.territoryCode)) continue;
    const key = `${observation.occupationCode}|${observation.territoryCode}`;
    const known = latest.get(key);
    if (!known || observation.period > known.period) latest.set(key, observation);
  }
  const [highest] = [...latest.values()].sort(
    (a, b) => b.tensionIndex - a.tensionIndex || a.occupationCode.localeCompare(b.occupationCode) || a.territoryCode.localeCompare(b.territoryCode),
  );
  return (
    highest && {
      tensionOccupationCode: highest.occupationCode,
      tensionTerritoryCode: highest.territoryCode,
      tensionPeriod: highest.period,
      tensionIndex: highest.tensionIndex,
    }
  );
}

/** The settings of the labour-market rule, as recorded in a proposal's inputs (none when the rule is off). */
export function tensionSettingsOf(settings: AdjustmentPolicySettings): Record<string, number> {
  if (settings.tensionIndexThreshold === undefined) return {};
  return { tensionIndexThreshold: settings.tensionIndexThreshold, tensionExtraPercent: settings.tensionExtraPercent ?? 0 };
}

/**
 * The labour-market rule: where employers struggle to recruit for the lot's occupation in its territory
 * (tension at or above the contract's threshold) and people wait for a place, propose the waiting list plus
 * the contract's extra percentage, even when the sessions are not full yet; within the clause and the lot.
 */
export function tensionProposal(
  order: OrderSignals,
  settings: AdjustmentPolicySettings,
): { delta: number; extraUnits: number; reason: string } | undefined {
  const threshold = settings.tensionIndexThreshold;
  if (threshold === undefined || order.tensionIndex === undefined) return undefined;
  if (order.tensionIndex < threshold || order.waitingList < settings.waitingListThreshold) return undefined;
  const extraPercent = settings.tensionExtraPercent ?? 0;
  const extraUnits = Math.ceil((order.waitingList * extraPercent) / 100);
  return {
    delta: Math.min(order.waitingList + extraUnits, order.clauseRoomUp, order.lotRoomUp),
    extraUnits,
    reason:
      `${order.waitingList} people waiting and recruitment tension ${order.tensionIndex} (threshold ${threshold}) for occupation ` +
      `${order.tensionOccupationCode} in territory ${order.tensionTerritoryCode} in ${order.tensionPeriod}: ` +
      `the waiting list plus ${extraPercent}% (${extraUnits} units)`,
  };
}
