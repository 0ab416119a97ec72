import { DateShiftEvent } from '@app/procurement';
import { FacetReconstruct } from './facet-reconstruct';

export const DATE_SHIFT_RECONSTRUCT: FacetReconstruct<DateShiftEvent> = {
  SessionDateShiftRequested: (event, meta) => {
    const { requestId, orderId, sessionId, startDate, endDate, reason } = event.data;
    return { type: 'RequestSessionDateShift', meta, data: { requestId, orderId, sessionId, startDate, endDate, reason } };
  },
  SessionDateShiftAccepted: (event, meta) => ({ type: 'AcceptSessionDateShift', meta, data: { requestId: event.data.requestId, clauseId: event.data.clauseId } }),
  SessionDateShiftDeclined: (event, meta) => ({ type: 'DeclineSessionDateShift', meta, data: { requestId: event.data.requestId, reason: event.data.reason } }),
};
