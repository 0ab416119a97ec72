import type { WorkUnitType } from '../terms/procurement-terms';
import type { DeliveryEvent, HoursDelivered, OpenDaysDelivered, SubscriptionMonthsDelivered, TraineeCompleted } from './delivery.events';
import { DeliveryState, hoursKey } from './delivery.state';

/** Units of a work unit delivered, and the day they count on (a statement pays those whose day is in its period). */
export interface DeliveredOnDay {
  day: string;
  quantity: number;
}

/** What one report delivers: `quantity` units for `key`, replacing what an earlier report of the same key delivered. */
export interface ReportedUnits extends DeliveredOnDay {
  /** The fact reported: the trainee completing, the day of open days, the trainee's (or no one's) hours of a day, the month. */
  key: string;
}

/** The report that delivers each work unit. */
interface Reports {
  PATHWAY: TraineeCompleted;
  OPEN_DAY: OpenDaysDelivered;
  TRAINEE_HOUR: HoursDelivered;
  SUBSCRIPTION: SubscriptionMonthsDelivered;
}

interface UnitDelivery<Report extends DeliveryEvent> {
  reportedBy: Report['type'];
  /** What one report delivers. */
  delivered(report: Report['data']): ReportedUnits;
  /** What the reports an order's delivery holds delivered, read from the state they folded into. */
  recorded(state: DeliveryState): DeliveredOnDay[];
}

/**
 * What each work unit counts as delivered, the one mapping the service statements, the lot_delivery read model
 * and the lot series count by: PATHWAY = a trainee's completion, on its day; OPEN_DAY = open days, on their day;
 * TRAINEE_HOUR = hours, on their day; SUBSCRIPTION = months, on the month's first day (so that statements over
 * periods that do not overlap count each month once). A report of a fact reported before replaces it (logs
 * hold such corrections from before the delivery decider answered a different report with
 * CONFLICTS_WITH_EARLIER_REPORT): a trainee completing again delivers no second pathway.
 */
export const UNITS_DELIVERED: { [Unit in WorkUnitType]: UnitDelivery<Reports[Unit]> } = {
  PATHWAY: {
    reportedBy: 'TraineeCompleted',
    delivered: (report) => ({ key: report.traineeId, day: report.on, quantity: 1 }),
    recorded: (state) => Object.values(state.trainees).flatMap((trainee) => (trainee.completedOn === undefined ? [] : [{ day: trainee.completedOn, quantity: 1 }])),
  },
  OPEN_DAY: {
    reportedBy: 'OpenDaysDelivered',
    delivered: (report) => ({ key: report.date, day: report.date, quantity: report.count }),
    recorded: (state) => Object.entries(state.openDays).map(([day, quantity]) => ({ day, quantity })),
  },
  TRAINEE_HOUR: {
    reportedBy: 'HoursDelivered',
    delivered: (report) => ({ key: hoursKey(report.traineeId, report.date), day: report.date, quantity: report.hours }),
    recorded: (state) => Object.values(state.hours).map((entry) => ({ day: entry.date, quantity: entry.hours })),
  },
  SUBSCRIPTION: {
    reportedBy: 'SubscriptionMonthsDelivered',
    delivered: (report) => ({ key: report.month, day: `${report.month}-01`, quantity: report.count }),
    recorded: (state) => Object.entries(state.subscriptionMonths).map(([month, quantity]) => ({ day: `${month}-01`, quantity })),
  },
};

const UNIT_REPORTED_BY = new Map<string, WorkUnitType>(Object.entries(UNITS_DELIVERED).map(([unitType, unit]) => [unit.reportedBy, unitType as WorkUnitType]));

/** The units a delivery event reports delivered; undefined for an event that delivers none. */
export function unitsDeliveredBy(event: { type: string; data: object }): ({ unitType: WorkUnitType } & ReportedUnits) | undefined {
  const unitType = UNIT_REPORTED_BY.get(event.type);
  if (unitType === undefined) return undefined;
  const unit = UNITS_DELIVERED[unitType] as UnitDelivery<DeliveryEvent>;
  return { unitType, ...unit.delivered(event.data as DeliveryEvent['data']) };
}

/** The units of a work unit an order's delivery holds, each on its day (not summed, in no particular order). */
export function unitsDeliveredIn(state: DeliveryState, unitType: WorkUnitType): DeliveredOnDay[] {
  return UNITS_DELIVERED[unitType].recorded(state);
}

/** What the reports seen so far delivered, by order, work unit and fact (a Map will do, or a read model's table). */
export interface ReportedQuantities {
  get(key: string): number | undefined;
  set(key: string, quantity: number): unknown;
}

/**
 * What a delivery event adds to the units delivered on its order: its quantity less what an earlier report of
 * the same fact delivered (nothing for a trainee completing again, less for a day corrected down), noted in
 * `reported`; undefined for an event that delivers none.
 */
export function unitsAddedBy(event: { type: string; data: object }, orderId: string, reported: ReportedQuantities): { unitType: WorkUnitType; quantity: number } | undefined {
  const units = unitsDeliveredBy(event);
  if (!units) return undefined;
  const key = `${orderId}|${units.unitType}|${units.key}`;
  const before = reported.get(key) ?? 0;
  reported.set(key, units.quantity);
  return { unitType: units.unitType, quantity: units.quantity - before };
}
