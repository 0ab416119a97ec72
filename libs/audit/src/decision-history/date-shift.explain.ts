import { DateShiftEvent } from '@app/procurement';
import { FacetExplain } from './facet-explain';

export const DATE_SHIFT_EXPLAIN: FacetExplain<DateShiftEvent> = {
  SessionDateShiftRequested: (event) => {
    const d = event.data;
    return [`Pôle emploi asked to move session ${d.sessionId} of order ${d.orderId} to ${d.startDate}–${d.endDate}`, { reason: d.reason }];
  },
  SessionDateShiftAccepted: (event) => [`Date-shift request ${event.data.requestId} accepted under clause ${event.data.clauseId}`, { clauseId: event.data.clauseId }],
  SessionDateShiftDeclined: (event) => [`Date-shift request ${event.data.requestId} declined`, { reason: event.data.reason }],
};
