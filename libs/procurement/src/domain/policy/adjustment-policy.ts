import { idFromName } from '@app/shared/ids';
import { Adjustment } from '../order/order.commands';
import { AdjustmentPolicySettings, ProposalDraft } from '../proposal/proposal.events';
import { ExistingContract, OrderState } from '../contract/contract.state';
import { tensionProposal, TENSION_POLICY_VERSION, tensionSettingsOf } from './labour-market-tension';
import type { LotTension, OrderSignals } from './order-signals';

export type { OrderSignals };

/**
 * Recorded with every proposal: an auditor re-runs the same version on the same inputs (policy-replay.ts).
 * @2 adds remote switches for trainees at risk (remote-switch.rule.ts); its volume rule is @1's. @3 adds
 * sessions before recruitment seasons (recruitment-season.rule.ts); its volume and remote-switch rules are @2's.
 * @4 judges low fill only on orders with a session started by the day of the run (`sessionsStarted`, absent
 * from older records, which re-run as they were): a new order is not proposed a decrease before anyone could enter.
 * On a co-financed order the volume rule stops a decrease at the co-financed part (coFinancedRoomDown, recorded
 * only then): the decider refuses a reduction below it, so such a proposal was never recorded, and every
 * recorded proposal re-runs as before.
 */
export const ADJUSTMENT_POLICY_VERSION = 'fill-rate-and-waiting-list@4';


export type { ProposalDraft };

/**
 * The adjustment policy: pure and deterministic, so the same signals always give the same proposals (and
 * the same proposal ids, which makes a repeated run on an unchanged state a no-op). It only proposes what the
 * clause and the lot maximum still allow.
 */
export function proposeAdjustments(
  signals: readonly OrderSignals[],
  settings: AdjustmentPolicySettings,
  policyVersion: string = ADJUSTMENT_POLICY_VERSION,
): ProposalDraft[] {
  return [...signals]
    .sort((a, b) => a.orderId.localeCompare(b.orderId))
    .flatMap((order) => {
      if (!order.volumeClauseId || order.capacity === 0) return [];
      const fillRatePercent = Math.floor((order.entries * 100) / order.capacity);
      const inputs: Record<string, number | string> = {
        ...order,
        volumeClauseId: order.volumeClauseId,
        fillRatePercent,
        waitingListThreshold: settings.waitingListThreshold,
        highFillRatePercent: settings.highFillRatePercent,
        lowFillRatePercent: settings.lowFillRatePercent,
        ...tensionSettingsOf(settings),
      };
      let delta = 0;
      let reason = '';
      let version = policyVersion;
      const tension = tensionProposal(order, settings);
      if (tension) {
        ({ delta, reason } = tension);
        inputs.tensionExtraUnits = tension.extraUnits;
        version = TENSION_POLICY_VERSION;
      } else if (order.waitingList >= settings.waitingListThreshold && fillRatePercent >= settings.highFillRatePercent) {
        delta = Math.min(order.waitingList, order.clauseRoomUp, order.lotRoomUp);
        reason = `${order.waitingList} people waiting and sessions ${fillRatePercent}% full`;
      } else if (fillRatePercent < settings.lowFillRatePercent && order.sessionsStarted !== 0) {
        delta = -Math.min(order.capacity - order.entries, order.clauseRoomDown, order.orderedQuantity, order.coFinancedRoomDown ?? Infinity);
        reason = `sessions only ${fillRatePercent}% full`;
      }
      if (delta === 0) return [];
      const adjustment: Adjustment = { kind: 'CHANGE_QUANTITY', unitType: order.unitType, delta };
      return [
        {
          proposalId: idFromName('proposal', version, JSON.stringify(inputs)),
          orderId: order.orderId,
          clauseId: order.volumeClauseId,
          adjustment,
          reason,
          policyVersion: version,
          inputs,
        },
      ];
    });
}

/** Deliveries and referrals of one order, as the read models count them. */
export interface OrderFill {
  entries: number;
  waitingList: number;
}

/** The signals of every open order of a contract, from its state and the fill the read models give. */
export function signalsOf(
  contract: ExistingContract,
  fill: Readonly<Record<string, OrderFill>>,
  tensionByLot: Readonly<Record<string, LotTension>> = {},
  /** The day of the run (YYYY-MM-DD): with it, the signals say how many sessions have started. */
  today?: string,
): OrderSignals[] {
  return Object.values(contract.orders)
    .filter((order) => order.status === 'ISSUED')
    .flatMap((order) => {
      const lot = contract.lots[order.lotId];
      const volumeClause = Object.values(contract.clauses).find(
        (clause) =>
          clause.terms.type === 'VOLUME' &&
          (clause.lotId === undefined || clause.lotId === order.lotId) &&
          order.quantities[clause.terms.unitType] !== undefined,
      );
      if (!volumeClause || volumeClause.terms.type !== 'VOLUME') return [];
      const unitType = volumeClause.terms.unitType;
      const unit = lot.workUnits[unitType]!;
      const bound = Math.floor((unit.initialQuantity * volumeClause.terms.percent) / 100);
      const adjusted = lot.volumeAdjusted[unitType] ?? 0;
      const sessions = Object.values(order.sessions).filter((session) => !session.cancelled);
      const coFinancedRoomDown = coFinancedRoomDownOf(order, unit.unitPriceCents);
      return [
        {
          orderId: order.orderId,
          unitType,
          orderedQuantity: order.quantities[unitType] ?? 0,
          capacity: sessions.reduce((sum, session) => sum + session.capacity, 0),
          entries: fill[order.orderId]?.entries ?? 0,
          waitingList: fill[order.orderId]?.waitingList ?? 0,
          volumeClauseId: volumeClause.clauseId,
          clauseRoomUp: Math.max(0, bound - adjusted),
          clauseRoomDown: Math.max(0, bound + adjusted),
          lotRoomUp: Math.max(0, unit.maxQuantity - (lot.ordered[unitType] ?? 0)),
          ...(today === undefined ? {} : { sessionsStarted: sessions.filter((session) => session.startDate <= today).length }),
          ...(coFinancedRoomDown === undefined ? {} : { coFinancedRoomDown }),
          ...tensionByLot[order.lotId],
        },
      ];
    });
}

/** Whole units of the price the order may lose and stay at or above its co-financed part. */
function coFinancedRoomDownOf(order: OrderState, unitPriceCents: number): number | undefined {
  const agreement = order.coFinancing?.inForce;
  if (!agreement) return undefined;
  return Math.max(0, Math.floor((order.valueCents - agreement.coFinancedCents) / unitPriceCents));
}
