import { OrderEvent, RULES } from '@app/procurement';
import { certified, FacetExplain, money, signed, signedMoney, words } from './facet-explain';

export const ORDER_EXPLAIN: FacetExplain<OrderEvent> = {
  OrderIssued: (event) => {
    const d = event.data;
    const lines = d.lines.map((line) => `${line.quantity} ${line.unitType}`).join(', ');
    return [
      `Order ${d.orderId} issued on lot ${d.lotId}: ${lines || 'no units'}, ${money(d.valueCents)}` +
        (d.runsPastEnd ? `, running ${d.runsPastEnd.daysPastEnd} days past the contract's end (${d.runsPastEnd.maxDaysPastEnd} allowed)` : '') +
        certified(d.qualiopi),
      {
        article: [RULES.LOT_MAX_EXCEEDED, RULES.CONTRACT_MAX_EXCEEDED, ...(d.runsPastEnd ? [RULES.ORDER_RUNS_PAST_FRAMEWORK_END] : []), ...(d.qualiopi ? [RULES.QUALIOPI_CERTIFICATE_NOT_VALID] : [])].join('; '),
        figures: { ...d.check, ...(d.runsPastEnd ? { runsPastEnd: d.runsPastEnd } : {}), ...(d.qualiopi ? { qualiopi: d.qualiopi } : {}) },
      },
    ];
  },
  OrderQuantityAdjusted: (event) => {
    const d = event.data;
    return [
      `Order ${d.orderId}: ${signed(d.delta)} ${d.unitType} under clause ${d.clauseId} (now ${d.quantityAfter}, ${signedMoney(d.valueDeltaCents)})`,
      {
        clauseId: d.clauseId,
        article: RULES.VOLUME_CLAUSE_BOUND_EXCEEDED,
        figures: { ...d.check, ...(d.coFinancing ? { coFinancing: d.coFinancing } : {}) },
        reason: d.reason,
      },
    ];
  },
  OrderSessionMoved: (event) => {
    const d = event.data;
    return [
      `Order ${d.orderId}: session ${d.sessionId} moved to ${d.startDate}–${d.endDate} (${signed(d.shiftDays)} days) under clause ${d.clauseId}`,
      { clauseId: d.clauseId, article: RULES.CALENDAR_SHIFT_EXCEEDED, figures: { shiftDays: d.shiftDays }, reason: d.reason },
    ];
  },
  OrderSessionAdded: (event) => {
    const d = event.data;
    return [
      `Order ${d.orderId}: session ${d.session.sessionId} added (${d.session.startDate}–${d.session.endDate}, ${d.session.capacity} places) under clause ${d.clauseId}`,
      { clauseId: d.clauseId, reason: d.reason },
    ];
  },
  OrderSessionCancelled: (event) => {
    const d = event.data;
    return [`Order ${d.orderId}: session ${d.sessionId} cancelled under clause ${d.clauseId}`, { clauseId: d.clauseId, reason: d.reason }];
  },
  OrderModalitySwitched: (event) => {
    const d = event.data;
    return [
      `Order ${d.orderId}: session ${d.sessionId} switched from ${words(d.from)} to ${words(d.to)} under clause ${d.clauseId}`,
      { clauseId: d.clauseId, article: RULES.MODALITY_NOT_ALLOWED, reason: d.reason },
    ];
  },
  OrderModuleAdded: (event) => {
    const d = event.data;
    return [
      `Order ${d.orderId}: module ${d.moduleId} added, ${d.quantity} ${d.unitType} at ${money(d.unitPriceCents)} under clause ${d.clauseId}`,
      { clauseId: d.clauseId, article: RULES.MODULE_NOT_IN_CATALOGUE, figures: { ...d.check }, reason: d.reason },
    ];
  },
  OrderTraineeSwitchedToRemote: (event) => {
    const d = event.data;
    return [
      `Order ${d.orderId}: trainee ${d.traineeId} of session ${d.sessionId} continues remotely ${d.weeks} weeks (${d.weeksAfter} of ${d.maxRemoteWeeks}) under clause ${d.clauseId}`,
      { clauseId: d.clauseId, article: RULES.DROPOUT_REMOTE_WEEKS_EXCEEDED, figures: { weeksBefore: d.weeksBefore, weeksAfter: d.weeksAfter, maxRemoteWeeks: d.maxRemoteWeeks }, reason: d.reason },
    ];
  },
  OrderClosed: (event) => [`Order ${event.data.orderId} closed`, {}],
};
