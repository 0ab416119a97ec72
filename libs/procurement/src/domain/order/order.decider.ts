import { existing, inStatus } from '../contract/contract.decider';
import { ContractState, ExistingContract, LotState, OrderState, Quantities } from '../contract/contract.state';
import { refuse } from '../contract/refuse';
import { addDays, daysBetween, dayOf } from '../terms/command-meta';
import { awardeeProviderIds, CatalogueModule, Clause, ClauseTerms, ClauseType, Session } from '../terms/procurement-terms';
import { QUALIOPI_CHECKED_SCHEMA_VERSION, requireQualiopi } from '../provider-register/qualiopi-check';
import { checkCoFinancedReduction } from '../co-financing/co-financed-reduction';
import { traineeIdProblem } from '../delivery/trainee-id';
import { checkVolumeRunningTotal, volumeMovedUnderClauses } from '../clause/volume-running-total';
import { checkLimits } from './order-limits';
import { AdjustOrder, IssueOrder, OrderCommand } from './order.commands';
import { DATED_ADJUSTMENT_SCHEMA_VERSION, OrderAdjustmentEvent, OrderEvent, RunPastEnd } from './order.events';

export function decideOrder(command: OrderCommand, state: ContractState): OrderEvent[] {
  const contract = existing(state);
  inStatus(contract, 'ACTIVE', 'CONTRACT_NOT_ACTIVE');
  switch (command.type) {
    case 'IssueOrder':
      return [issue(command, contract)];
    case 'AdjustOrder':
      return [inForceFrom(decideAdjustment(command.data, contract), command.meta.at)];
    case 'CloseOrder': {
      const order = openOrder(contract, command.data.orderId);
      return [{ type: 'OrderClosed', data: { orderId: order.orderId, closedAt: command.meta.at } }];
    }
  }
}

function issue(command: IssueOrder, contract: ExistingContract): OrderEvent {
  const { orderId, lotId, lines, sessions, periodStart, periodEnd, register } = command.data;
  if (contract.orders[orderId]) refuse('ORDER_ALREADY_ISSUED', `Order ${orderId} already exists`);
  const lot = contract.lots[lotId];
  if (!lot) refuse('LOT_NOT_FOUND', `No lot ${lotId} in this contract`);
  if (!lot.awardee) refuse('LOT_NOT_AWARDED', `Lot ${lotId} is not awarded`);
  const today = dayOf(command.meta.at);
  if (today < contract.startDate || today > contract.endDate || periodStart < contract.startDate || periodStart > contract.endDate) {
    refuse('ORDER_OUTSIDE_CONTRACT_PERIOD', 'The order must be issued and start within the contract period', {
      issuedOn: today,
      periodStart,
      periodEnd,
      contractStart: contract.startDate,
      contractEnd: contract.endDate,
    });
  }
  if (periodEnd < periodStart) refuse('ORDER_PERIOD_INVALID', 'The order period ends before it starts', { periodStart, periodEnd });
  const runsPastEnd = runPastEnd(contract, periodEnd);
  for (const session of sessions) withinPeriod(session, periodStart, periodEnd);
  const sessionIds = sessions.map((session) => session.sessionId);
  if (new Set(sessionIds).size !== sessionIds.length) {
    refuse('SESSION_ALREADY_EXISTS', 'Each session of an order has its own id', { sessionIds });
  }
  const quantities: Quantities = {};
  let valueCents = 0;
  for (const line of lines) {
    const unit = lot.workUnits[line.unitType];
    if (!unit) refuse('UNKNOWN_WORK_UNIT', `Lot ${lotId} has no ${line.unitType} work unit`, { unitType: line.unitType });
    if (line.quantity < 0) {
      refuse('QUANTITY_BELOW_ZERO', `An order line cannot hold ${line.quantity} ${line.unitType}`, { ...line });
    }
    quantities[line.unitType] = (quantities[line.unitType] ?? 0) + line.quantity;
    valueCents += line.quantity * unit.unitPriceCents;
  }
  const check = checkLimits(contract, lot, quantities, valueCents);
  const issued = { orderId, lotId, lines, sessions, periodStart, periodEnd, valueCents, check, ...(runsPastEnd === undefined ? {} : { runsPastEnd }) };
  // An order recorded before the register was consulted carries no facts: decided again as it was.
  if (!register) return { type: 'OrderIssued', data: issued };
  const qualiopi = requireQualiopi(awardeeProviderIds(lot.awardee), register, today);
  return { type: 'OrderIssued', schemaVersion: QUALIOPI_CHECKED_SCHEMA_VERSION, data: { ...issued, qualiopi } };
}

/**
 * CCP R2162-5: orders are issued only while the framework is valid, but their execution may go on past its end
 * within the usual execution terms of the services, which the contract sets as a number of days
 * (orderRunPastEndDays); beyond them, the order would defeat the periodic competition the code requires.
 * The figures are recorded with an order that runs past the end.
 */
function runPastEnd(contract: ExistingContract, periodEnd: string): RunPastEnd | undefined {
  if (periodEnd <= contract.endDate) return undefined;
  const daysPastEnd = daysBetween(contract.endDate, periodEnd);
  const maxDaysPastEnd = contract.orderRunPastEndDays ?? 0;
  const figures = { contractEnd: contract.endDate, periodEnd, daysPastEnd, maxDaysPastEnd, latestPeriodEnd: addDays(contract.endDate, maxDaysPastEnd) };
  if (daysPastEnd > maxDaysPastEnd) {
    refuse('ORDER_RUNS_PAST_FRAMEWORK_END', `The order would run ${daysPastEnd} days past the end of the contract; it allows ${maxDaysPastEnd}`, figures);
  }
  return figures;
}

/** A change of the quantities an order commits is in force from the day it is decided: the event says which. */
export function inForceFrom(event: OrderAdjustmentEvent, at: string): OrderAdjustmentEvent {
  if (event.type !== 'OrderQuantityAdjusted' && event.type !== 'OrderModuleAdded') return event;
  return { ...event, data: { ...event.data, adjustedOn: dayOf(at) }, schemaVersion: DATED_ADJUSTMENT_SCHEMA_VERSION } as OrderAdjustmentEvent;
}

/** The adjustment event an order change would produce, or the refusal of the clause or limit it breaks. */
export function decideAdjustment(request: AdjustOrder['data'], contract: ExistingContract): OrderAdjustmentEvent {
  const { orderId, clauseId, reason, adjustment } = request;
  const order = openOrder(contract, orderId);
  const lot = contract.lots[order.lotId];
  const clause = contract.clauses[clauseId];
  if (!clause) refuse('CLAUSE_NOT_FOUND', `No clause ${clauseId} in this contract`);
  if (clause.lotId !== undefined && clause.lotId !== order.lotId) {
    refuse('CLAUSE_NOT_FOR_LOT', `Clause ${clauseId} applies to lot ${clause.lotId}, not ${order.lotId}`);
  }
  const base = { orderId, clauseId, reason };
  switch (adjustment.kind) {
    case 'CHANGE_QUANTITY': {
      const terms = clauseOfType(clause, ['VOLUME'], adjustment.kind);
      const { unitType, delta } = adjustment;
      if (terms.unitType !== unitType) {
        refuse('CLAUSE_DOES_NOT_ALLOW_ADJUSTMENT', `Clause ${clauseId} covers ${terms.unitType}, not ${unitType}`);
      }
      const unit = lot.workUnits[unitType];
      if (!unit) refuse('UNKNOWN_WORK_UNIT', `Lot ${lot.lotId} has no ${unitType} work unit`);
      const quantityAfter = (order.quantities[unitType] ?? 0) + delta;
      if (quantityAfter < 0) {
        refuse('QUANTITY_BELOW_ZERO', `The order holds ${order.quantities[unitType] ?? 0} ${unitType}`, { delta });
      }
      // One running total for the clause: adjustments of orders and amendments made under a volume clause.
      const moved = volumeMovedUnderClauses(contract, lot.lotId, unitType);
      const { bound, settledAfter } = checkVolumeRunningTotal(moved, { delta, pending: false }, { initialQuantity: unit.initialQuantity, percent: terms.percent, unitType, clauseId });
      const valueDeltaCents = delta * unit.unitPriceCents;
      const check = checkLimits(contract, lot, { [unitType]: delta }, valueDeltaCents);
      const coFinancing = checkCoFinancedReduction(order, valueDeltaCents);
      return {
        type: 'OrderQuantityAdjusted',
        data: {
          ...base,
          unitType,
          delta,
          quantityAfter,
          valueDeltaCents,
          check: { ...check, clauseAdjustedAfter: settledAfter, clauseBound: { min: -bound, max: bound } },
          ...(coFinancing === undefined ? {} : { coFinancing }),
        },
      };
    }
    case 'MOVE_SESSION': {
      const terms = clauseOfType(clause, ['CALENDAR'], adjustment.kind);
      const session = activeSession(order, adjustment.sessionId);
      withinPeriod({ ...session, startDate: adjustment.startDate, endDate: adjustment.endDate }, order.periodStart, order.periodEnd);
      const shiftDays = daysBetween(session.originalStartDate, adjustment.startDate);
      if (Math.abs(shiftDays) > terms.maxShiftDays) {
        refuse('CALENDAR_SHIFT_EXCEEDED', `The session would move ${shiftDays} days from its original date; the clause allows ${terms.maxShiftDays}`, {
          originalStartDate: session.originalStartDate,
          requestedStartDate: adjustment.startDate,
          shiftDays,
          maxShiftDays: terms.maxShiftDays,
        });
      }
      return {
        type: 'OrderSessionMoved',
        data: { ...base, sessionId: session.sessionId, startDate: adjustment.startDate, endDate: adjustment.endDate, shiftDays },
      };
    }
    case 'ADD_SESSION': {
      clauseOfType(clause, ['CALENDAR', 'VOLUME'], adjustment.kind);
      if (order.sessions[adjustment.session.sessionId]) {
        refuse('SESSION_ALREADY_EXISTS', `Session ${adjustment.session.sessionId} already exists in the order`);
      }
      withinPeriod(adjustment.session, order.periodStart, order.periodEnd);
      return { type: 'OrderSessionAdded', data: { ...base, session: adjustment.session } };
    }
    case 'CANCEL_SESSION': {
      clauseOfType(clause, ['CALENDAR', 'VOLUME'], adjustment.kind);
      const session = activeSession(order, adjustment.sessionId);
      return { type: 'OrderSessionCancelled', data: { ...base, sessionId: session.sessionId } };
    }
    case 'SWITCH_MODALITY': {
      const terms = clauseOfType(clause, ['MODALITY'], adjustment.kind);
      const session = activeSession(order, adjustment.sessionId);
      if (!terms.allowed.includes(adjustment.modality)) {
        refuse('MODALITY_NOT_ALLOWED', `The clause allows ${terms.allowed.join(', ')}`, { requested: adjustment.modality });
      }
      return {
        type: 'OrderModalitySwitched',
        data: { ...base, sessionId: session.sessionId, from: session.modality, to: adjustment.modality },
      };
    }
    case 'ADD_MODULE': {
      const terms = clauseOfType(clause, ['MODULE_CATALOGUE'], adjustment.kind);
      const module = catalogue(terms.modules, lot).find((m) => m.moduleId === adjustment.moduleId);
      if (!module) refuse('MODULE_NOT_IN_CATALOGUE', `Module ${adjustment.moduleId} is not in the catalogue`);
      // Units come off an order only under a volume clause, within its bound.
      if (adjustment.quantity < 0) {
        refuse('QUANTITY_BELOW_ZERO', `A module is added in a positive quantity, not ${adjustment.quantity}`, {
          moduleId: module.moduleId,
          quantity: adjustment.quantity,
        });
      }
      if (!lot.workUnits[module.unitType]) refuse('UNKNOWN_WORK_UNIT', `Lot ${lot.lotId} has no ${module.unitType} work unit`);
      const valueDeltaCents = adjustment.quantity * module.unitPriceCents;
      const check = checkLimits(contract, lot, { [module.unitType]: adjustment.quantity }, valueDeltaCents);
      return {
        type: 'OrderModuleAdded',
        data: {
          ...base,
          moduleId: module.moduleId,
          unitType: module.unitType,
          quantity: adjustment.quantity,
          unitPriceCents: module.unitPriceCents,
          valueDeltaCents,
          check,
        },
      };
    }
    case 'SWITCH_TRAINEE_TO_REMOTE': {
      const terms = clauseOfType(clause, ['DROPOUT'], adjustment.kind);
      const session = activeSession(order, adjustment.sessionId);
      const { traineeId, weeks } = adjustment;
      if (traineeIdProblem(traineeId) !== undefined) {
        refuse('TRAINEE_ID_NOT_PSEUDONYMOUS', 'A trainee is named by a pseudonymous id, never a name or social-security number', {
          problem: traineeIdProblem(traineeId),
        });
      }
      if (!Number.isInteger(weeks) || weeks < 1) {
        refuse('REMOTE_WEEKS_INVALID', `A remote switch lasts a whole number of weeks, at least 1, not ${weeks}`, { weeks });
      }
      const weeksBefore = order.remoteWeeks?.[traineeId] ?? 0;
      const weeksAfter = weeksBefore + weeks;
      if (weeksAfter > terms.maxRemoteWeeks) {
        refuse('DROPOUT_REMOTE_WEEKS_EXCEEDED', `Trainee ${traineeId} would continue remotely ${weeksAfter} weeks; the clause allows ${terms.maxRemoteWeeks}`, {
          traineeId,
          weeksBefore,
          weeks,
          weeksAfter,
          maxRemoteWeeks: terms.maxRemoteWeeks,
        });
      }
      return {
        type: 'OrderTraineeSwitchedToRemote',
        data: { ...base, traineeId, sessionId: session.sessionId, weeks, weeksBefore, weeksAfter, maxRemoteWeeks: terms.maxRemoteWeeks },
      };
    }
  }
}

export function openOrder(contract: ExistingContract, orderId: string): OrderState {
  const order = contract.orders[orderId];
  if (!order) refuse('ORDER_NOT_FOUND', `No order ${orderId} in this contract`);
  if (order.status === 'CLOSED') refuse('ORDER_CLOSED', `Order ${orderId} is closed`);
  return order;
}

function clauseOfType<Type extends ClauseType>(
  clause: Clause,
  types: Type[],
  adjustment: string,
): Extract<ClauseTerms, { type: Type }> {
  if (!(types as ClauseType[]).includes(clause.terms.type)) {
    refuse('CLAUSE_DOES_NOT_ALLOW_ADJUSTMENT', `A ${clause.terms.type} clause does not cover ${adjustment}`, {
      clauseId: clause.clauseId,
      clauseType: clause.terms.type,
      adjustment,
    });
  }
  return clause.terms as Extract<ClauseTerms, { type: Type }>;
}

export function activeSession(order: OrderState, sessionId: string) {
  const session = order.sessions[sessionId];
  if (!session) refuse('SESSION_NOT_FOUND', `No session ${sessionId} in order ${order.orderId}`);
  if (session.cancelled) refuse('SESSION_CANCELLED', `Session ${sessionId} is cancelled`);
  return session;
}

function withinPeriod(session: Pick<Session, 'sessionId' | 'startDate' | 'endDate'>, periodStart: string, periodEnd: string): void {
  if (session.endDate < session.startDate || session.startDate < periodStart || session.endDate > periodEnd) {
    refuse('ORDER_PERIOD_INVALID', `Session ${session.sessionId} must lie within the order period`, {
      sessionStart: session.startDate,
      sessionEnd: session.endDate,
      periodStart,
      periodEnd,
    });
  }
}

function catalogue(clauseModules: CatalogueModule[], lot: LotState): CatalogueModule[] {
  return [...clauseModules, ...lot.amendedModules];
}

