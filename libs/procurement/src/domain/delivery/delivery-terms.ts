import { AttendanceTerms, DEFAULT_ABSENCE_RUN_DAYS } from '../attendance/attendance-terms';
import { Commitment, ExistingContract } from '../contract/contract.state';
import type { PriceHistory } from '../price-revision/price-history';
import { awardeeProviderIds, Clause, ClauseTerms, QualityPart, QualityTier, WorkUnitType } from '../terms/procurement-terms';

/** A work unit the order holds, at the price of the lot in force. */
export interface OrderedWorkUnit {
  /** The latest price set: the one the terms read as current. */
  unitPriceCents: number;
  /** Every price set for the work unit, dated: a delivery is paid at the price in force on its day (absent: unitPriceCents). */
  priceHistory?: PriceHistory;
  qualityPart?: QualityPart;
  /** What the order commits, its adjustments included: units delivered beyond it are not paid. */
  orderedQuantity: number;
  /** The quantity committed from each day a change came into force (absent: orderedQuantity throughout). */
  commitments?: Commitment[];
  /** TRAINEE_HOUR: the lot's bound on a trainee's hours a day. */
  maxDailyHoursPerTrainee?: number;
}

export interface OrderedSession {
  sessionId: string;
  startDate: string;
  endDate: string;
  capacity: number;
  cancelled: boolean;
  /** The session's daily schedule in hours, when the order sets one. */
  dailyHours?: number;
}

/**
 * The terms of an order that delivery is checked against, taken from the contract's stream when the command is
 * sent. The delivery decider stays pure: it gets these terms with the command instead of reading the contract.
 */
export interface DeliveryTerms {
  contractId: string;
  orderId: string;
  lotId: string;
  /** The providers performing the order's lot (one, or the members of a grouping). */
  providerIds: string[];
  periodStart: string;
  periodEnd: string;
  sessions: Record<string, OrderedSession>;
  /** The work units the order holds a line of (adjusted down to 0 or not): only these may be delivered. */
  workUnits: Partial<Record<WorkUnitType, OrderedWorkUnit>>;
  qualityIncentive?: { clauseId: string; tiers: QualityTier[]; minimumGroupSize?: number };
  dropout?: { clauseId: string; maxRemoteWeeks: number };
  /** The clause allowing entries beyond a session's capacity, when the contract has one. */
  overbooking?: { clauseId: string; percent: number };
  /** The attendance clause, when the contract has one for the lot. */
  attendance?: AttendanceTerms;
}

/** Entries a session takes: its capacity, and the places an overbooking clause adds (its percent, rounded down). */
export function entryPlaces(terms: DeliveryTerms, session: OrderedSession): { capacity: number; overbookingPlaces: number; places: number } {
  const overbookingPlaces = terms.overbooking ? Math.floor((session.capacity * terms.overbooking.percent) / 100) : 0;
  return { capacity: session.capacity, overbookingPlaces, places: session.capacity + overbookingPlaces };
}

/**
 * The delivery terms of one order of a contract, or undefined when the contract has no such order. Prices are
 * those in force (an accepted price amendment applies). A clause written for the order's lot wins over a
 * contract-wide one of the same type.
 */
export function deliveryTermsOf(contract: ExistingContract, orderId: string): DeliveryTerms | undefined {
  const order = contract.orders[orderId];
  if (!order) return undefined;
  const lot = contract.lots[order.lotId];
  const workUnits: DeliveryTerms['workUnits'] = {};
  for (const [unitType, quantity] of Object.entries(order.quantities) as Array<[WorkUnitType, number]>) {
    const unit = lot?.workUnits[unitType];
    if (!unit) continue;
    workUnits[unitType] = {
      unitPriceCents: unit.unitPriceCents,
      ...(lot.priceHistory[unitType] ? { priceHistory: lot.priceHistory[unitType] } : {}),
      ...(unit.qualityPart ? { qualityPart: unit.qualityPart } : {}),
      orderedQuantity: quantity,
      ...(order.committed?.[unitType] ? { commitments: order.committed[unitType] } : {}),
      ...(unit.maxDailyHoursPerTrainee === undefined ? {} : { maxDailyHoursPerTrainee: unit.maxDailyHoursPerTrainee }),
    };
  }
  const sessions = Object.fromEntries(
    Object.values(order.sessions).map(({ sessionId, startDate, endDate, capacity, cancelled, dailyHours }) => [
      sessionId,
      { sessionId, startDate, endDate, capacity, cancelled, ...(dailyHours === undefined ? {} : { dailyHours }) },
    ]),
  );
  const quality = clauseFor(contract, order.lotId, 'QUALITY_INCENTIVE');
  const dropout = clauseFor(contract, order.lotId, 'DROPOUT');
  const overbooking = clauseFor(contract, order.lotId, 'OVERBOOKING');
  const attendance = clauseFor(contract, order.lotId, 'ATTENDANCE');
  return {
    contractId: contract.contractId,
    orderId,
    lotId: order.lotId,
    providerIds: lot?.awardee ? awardeeProviderIds(lot.awardee) : [],
    periodStart: order.periodStart,
    periodEnd: order.periodEnd,
    sessions,
    workUnits,
    ...(quality
      ? {
          qualityIncentive: {
            clauseId: quality.clauseId,
            tiers: quality.terms.tiers,
            ...(quality.terms.minimumGroupSize === undefined ? {} : { minimumGroupSize: quality.terms.minimumGroupSize }),
          },
        }
      : {}),
    ...(dropout ? { dropout: { clauseId: dropout.clauseId, maxRemoteWeeks: dropout.terms.maxRemoteWeeks } } : {}),
    ...(overbooking ? { overbooking: { clauseId: overbooking.clauseId, percent: overbooking.terms.percent } } : {}),
    ...(attendance
      ? {
          attendance: {
            clauseId: attendance.clauseId,
            attendanceRequired: attendance.terms.attendanceRequired,
            absenceRunDays: attendance.terms.absenceRunDays ?? DEFAULT_ABSENCE_RUN_DAYS,
          },
        }
      : {}),
  };
}

function clauseFor<Type extends ClauseTerms['type']>(
  contract: ExistingContract,
  lotId: string,
  type: Type,
): (Clause & { terms: Extract<ClauseTerms, { type: Type }> }) | undefined {
  const ofType = Object.values(contract.clauses).filter(
    (clause): clause is Clause & { terms: Extract<ClauseTerms, { type: Type }> } => clause.terms.type === type,
  );
  return ofType.find((clause) => clause.lotId === lotId) ?? ofType.find((clause) => clause.lotId === undefined);
}
