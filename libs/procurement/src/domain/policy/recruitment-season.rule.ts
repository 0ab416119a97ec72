import { idFromName } from '@app/shared/ids';
import { ExistingContract } from '../contract/contract.state';
import { AdjustmentPolicySettings } from '../proposal/proposal.events';
import { addDays, daysBetween } from '../terms/command-meta';
import { Clause, Modality, WorkUnitType } from '../terms/procurement-terms';
import { ADJUSTMENT_POLICY_VERSION, OrderFill, ProposalDraft } from './adjustment-policy';

export const RECRUITMENT_SEASON_RULE = 'RECRUITMENT_SEASON_SESSION';

/**
 * What the rule reads of one order and one recruitment season concerning its lot, flat so that it is recorded
 * as is in the proposal's inputs: the season, the lead time, the day of the run, the waiting list and the
 * order's last session (the model of the new one).
 */
export interface PreSeasonSignals {
  orderId: string;
  lotId: string;
  /** The calendar clause of the lot (else its volume clause): the one an added session is issued under. */
  clauseId: string;
  runDay: string;
  seasonLabel: string;
  seasonStartMonth: number;
  seasonEndMonth: number;
  seasonLeadWeeks: number;
  waitingList: number;
  waitingListThreshold: number;
  lastSessionId: string;
  lastSessionStartDate: string;
  lastSessionEndDate: string;
  lastSessionPlace: string;
  lastSessionCapacity: number;
  lastSessionModality: string;
  /** Places taken in the last session: trainees, and referrals holding a place. */
  lastSessionEntries: number;
  periodStart: string;
  periodEnd: string;
  /** Units left under the lot maximum, for the order's unit with the least room. */
  lotRoomUp: number;
}

/** The first day of the season's next start strictly after the run day, and its last day. */
export function nextSeason(runDay: string, startMonth: number, endMonth: number): { start: string; end: string; year: number } {
  const runYear = Number(runDay.slice(0, 4));
  const year = firstOfMonth(runYear, startMonth) > runDay ? runYear : runYear + 1;
  const endYear = endMonth >= startMonth ? year : year + 1;
  return { start: firstOfMonth(year, startMonth), end: addDays(endMonth === 12 ? firstOfMonth(endYear + 1, 1) : firstOfMonth(endYear, endMonth + 1), -1), year };
}

/**
 * Sessions before a recruitment season: within the lead time before the season starts, on an order where people
 * wait (at or above the threshold) or whose last session is full, propose one more session like the last one
 * (place, capacity, modality, duration) from the season's start, or the first working day the order's period
 * allows. Nothing when the season is already under way, when a session already starts in it, when the session
 * would not end within the order's period or start before the season ends, or when the lot maximum has no room
 * for its places. Ids come from the order, the season and its year: at most one proposal per order and season
 * year, whatever the runs see meanwhile.
 */
export function proposePreSeasonSessions(signals: readonly PreSeasonSignals[], policyVersion: string = ADJUSTMENT_POLICY_VERSION): ProposalDraft[] {
  return [...signals]
    .sort((a, b) => a.orderId.localeCompare(b.orderId) || a.seasonStartMonth - b.seasonStartMonth || a.seasonLabel.localeCompare(b.seasonLabel))
    .flatMap((order) => {
      const season = nextSeason(order.runDay, order.seasonStartMonth, order.seasonEndMonth);
      if (order.runDay < addDays(season.start, -7 * order.seasonLeadWeeks)) return [];
      if (order.lastSessionStartDate >= season.start) return [];
      const waiting = order.waitingList >= order.waitingListThreshold;
      const full = order.lastSessionEntries >= order.lastSessionCapacity;
      if (!waiting && !full) return [];
      const startDate = firstWorkingDay(season.start > order.periodStart ? season.start : order.periodStart);
      const endDate = addDays(startDate, daysBetween(order.lastSessionStartDate, order.lastSessionEndDate));
      if (startDate > season.end || endDate > order.periodEnd) return [];
      if (order.lotRoomUp < order.lastSessionCapacity) return [];
      const seasonKey = [order.orderId, order.seasonLabel, String(order.seasonStartMonth), String(season.year)];
      const session = {
        sessionId: idFromName('pre-season-session', ...seasonKey),
        startDate,
        endDate,
        place: order.lastSessionPlace,
        capacity: order.lastSessionCapacity,
        modality: order.lastSessionModality as Modality,
      };
      const why = waiting ? `${order.waitingList} people waiting` : `last session ${order.lastSessionId} full`;
      return [
        {
          proposalId: idFromName('proposal', policyVersion, RECRUITMENT_SEASON_RULE, ...seasonKey),
          orderId: order.orderId,
          clauseId: order.clauseId,
          adjustment: { kind: 'ADD_SESSION', session },
          reason:
            `recruitment season "${order.seasonLabel}" starts ${season.start} and ${why}: ` +
            `one more session like ${order.lastSessionId}, ${startDate} to ${endDate} in ${order.lastSessionPlace}`,
          policyVersion,
          inputs: { rule: RECRUITMENT_SEASON_RULE, ...order },
        },
      ];
    });
}

/**
 * The signals of every open order against each season of the policy concerning its lot (a season naming a lot
 * or a domain concerns only that lot or the lots of that domain), on the day of the run. Orders without a
 * session to model the new one on, or without a calendar or volume clause for their lot, have none.
 */
export function preSeasonSignalsOf(
  contract: ExistingContract,
  settings: AdjustmentPolicySettings,
  runDay: string,
  fill: Readonly<Record<string, OrderFill>>,
  sessionEntries: Readonly<Record<string, Readonly<Record<string, number>>>>,
): PreSeasonSignals[] {
  const seasons = settings.recruitmentSeasons ?? [];
  if (seasons.length === 0 || settings.seasonLeadWeeks === undefined) return [];
  const leadWeeks = settings.seasonLeadWeeks;
  return Object.values(contract.orders)
    .filter((order) => order.status === 'ISSUED')
    .flatMap((order) => {
      const lot = contract.lots[order.lotId];
      const [last] = Object.values(order.sessions)
        .filter((session) => !session.cancelled)
        .sort((a, b) => b.startDate.localeCompare(a.startDate) || b.sessionId.localeCompare(a.sessionId));
      const clause = sessionClauseOf(contract, order.lotId);
      if (!last || !clause) return [];
      const unitTypes = Object.keys(order.quantities) as WorkUnitType[];
      const rooms = unitTypes.flatMap((unitType) => {
        const unit = lot.workUnits[unitType];
        return unit ? [Math.max(0, unit.maxQuantity - (lot.ordered[unitType] ?? 0))] : [];
      });
      return seasons
        .filter((season) => (season.lotId === undefined || season.lotId === order.lotId) && (season.domainCode === undefined || season.domainCode === lot.scope.domainCode))
        .map((season) => ({
          orderId: order.orderId,
          lotId: order.lotId,
          clauseId: clause.clauseId,
          runDay,
          seasonLabel: season.label,
          seasonStartMonth: season.startMonth,
          seasonEndMonth: season.endMonth,
          seasonLeadWeeks: leadWeeks,
          waitingList: fill[order.orderId]?.waitingList ?? 0,
          waitingListThreshold: settings.waitingListThreshold,
          lastSessionId: last.sessionId,
          lastSessionStartDate: last.startDate,
          lastSessionEndDate: last.endDate,
          lastSessionPlace: last.place,
          lastSessionCapacity: last.capacity,
          lastSessionModality: last.modality,
          lastSessionEntries: sessionEntries[order.orderId]?.[last.sessionId] ?? 0,
          periodStart: order.periodStart,
          periodEnd: order.periodEnd,
          lotRoomUp: rooms.length === 0 ? 0 : Math.min(...rooms),
        }));
    });
}

/** The clause an added session goes under: the lot's calendar clause (one written for the lot first), else its volume clause. */
function sessionClauseOf(contract: ExistingContract, lotId: string): Clause | undefined {
  const forLot = (type: Clause['terms']['type']) => {
    const clauses = Object.values(contract.clauses).filter((clause) => clause.terms.type === type);
    return clauses.find((clause) => clause.lotId === lotId) ?? clauses.find((clause) => clause.lotId === undefined);
  };
  return forLot('CALENDAR') ?? forLot('VOLUME');
}

function firstOfMonth(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}-01`;
}

/** The day itself from Monday to Friday, else the Monday after. */
function firstWorkingDay(day: string): string {
  const weekday = new Date(`${day}T00:00:00.000Z`).getUTCDay();
  return weekday === 6 ? addDays(day, 2) : weekday === 0 ? addDays(day, 1) : day;
}
