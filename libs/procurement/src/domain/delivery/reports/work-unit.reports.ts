import { checkHoursBackedByAttendance } from '../../attendance/attendance.decider';
import { refuse } from '../../contract/refuse';
import { addDays } from '../../terms/command-meta';
import { WorkUnitType } from '../../terms/procurement-terms';
import { DeliveryTerms } from '../delivery-terms';
import { DeliveryReport } from '../delivery.commands';
import { HOURS_DELIVERED_SCHEMA_VERSION } from '../delivery.events';
import { DeliveryState, hoursKey, TraineeDelivery } from '../delivery.state';
import { dailyBound, deliveredOn, enteredTrainee, notInFuture, outsidePeriod, sameAs } from '../delivery.checks';
import { ReportRules } from './report-rules';

export const WORK_UNIT_REPORTS: ReportRules<'OPEN_DAYS_DELIVERED' | 'HOURS_DELIVERED' | 'SUBSCRIPTION_MONTHS_DELIVERED'> = {
  OPEN_DAYS_DELIVERED: (report, { terms, state, today, of }) => {
    ordered(terms, 'OPEN_DAY', report);
    const recorded = state.openDays[report.date];
    if (recorded !== undefined) return sameAs({ count: recorded }, { count: report.count });
    deliveredOn(terms, report.date, today);
    return [{ type: 'OpenDaysDelivered', data: { ...of, date: report.date, count: report.count } }];
  },
  HOURS_DELIVERED: (report, { terms, state, today, of }) => {
    ordered(terms, 'TRAINEE_HOUR', report);
    const { traineeId, date, hours } = report;
    if (traineeId !== undefined) checkHoursBackedByAttendance(terms, state, traineeId, date, hours);
    const recorded = state.hours[hoursKey(traineeId, date)];
    if (recorded !== undefined) return sameAs({ hours: recorded.hours }, { hours });
    if (traineeId === undefined) {
      refuse('HOURS_WITHOUT_TRAINEE', `${hours} hours on ${date} name no trainee: hours are delivered to a trainee of a session`, {
        date,
        hours,
      });
    }
    const trainee = enteredTrainee(state, traineeId, date);
    deliveredOn(terms, date, today);
    inSessionOn(state, trainee, date);
    const { maximum, bound } = dailyBound(terms, trainee.sessionId);
    if (hours > maximum) {
      refuse('HOURS_EXCEED_DAY', `${hours} hours on ${date} for one trainee; at most ${maximum} a day`, {
        traineeId,
        sessionId: trainee.sessionId,
        date,
        hours,
        maximum,
        bound,
      });
    }
    return [
      { type: 'HoursDelivered', data: { ...of, traineeId, date, hours }, schemaVersion: HOURS_DELIVERED_SCHEMA_VERSION },
    ];
  },
  SUBSCRIPTION_MONTHS_DELIVERED: (report, { terms, state, today, of }) => {
    ordered(terms, 'SUBSCRIPTION', report);
    const recorded = state.subscriptionMonths[report.month];
    if (recorded !== undefined) return sameAs({ count: recorded }, { count: report.count });
    const firstDay = `${report.month}-01`;
    const lastDay = addDays(nextMonth(firstDay), -1);
    if (lastDay < terms.periodStart || firstDay > terms.periodEnd) outsidePeriod(terms, report.month);
    notInFuture(firstDay, today);
    return [{ type: 'SubscriptionMonthsDelivered', data: { ...of, month: report.month, count: report.count } }];
  },
};

function ordered(terms: DeliveryTerms, unitType: WorkUnitType, report: DeliveryReport): void {
  if (!terms.workUnits[unitType]) {
    refuse('WORK_UNIT_NOT_ORDERED', `Order ${terms.orderId} holds no ${unitType}: ${report.kind} cannot be reported on it`, {
      unitType,
      ordered: Object.keys(terms.workUnits),
    });
  }
}

/**
 * Hours are delivered on a day the trainee's session runs: from its reported start, not after its reported end
 * (nor after its planned end while no end is reported), and not after the trainee left early.
 */
function inSessionOn(state: DeliveryState, trainee: TraineeDelivery, date: string): void {
  const delivered = state.sessions[trainee.sessionId] ?? {};
  if (delivered.startedOn === undefined || date < delivered.startedOn) {
    refuse('SESSION_NOT_STARTED', `Session ${trainee.sessionId} had not started on ${date}`, {
      sessionId: trainee.sessionId,
      startedOn: delivered.startedOn ?? null,
      date,
    });
  }
  if (delivered.endedOn !== undefined && date > delivered.endedOn) {
    refuse('SESSION_ALREADY_ENDED', `Session ${trainee.sessionId} ended on ${delivered.endedOn}`, {
      sessionId: trainee.sessionId,
      endedOn: delivered.endedOn,
      date,
    });
  }
  if (trainee.leftEarly && date > trainee.leftEarly.on) {
    refuse('TRAINEE_ALREADY_EXITED', `Trainee ${trainee.traineeId} left the pathway on ${trainee.leftEarly.on}`, {
      traineeId: trainee.traineeId,
      exitedOn: trainee.leftEarly.on,
      date,
    });
  }
}

/** The first day of the month after the one of `firstDay` (YYYY-MM-01). */
function nextMonth(firstDay: string): string {
  const [year, month] = firstDay.split('-').map(Number);
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}
