import { DateShiftEvent } from './date-shift.events';

export interface DateShiftRequestState {
  requestId: string;
  orderId: string;
  sessionId: string;
  startDate: string;
  endDate: string;
  reason: string;
  requestedBy: string;
  status: 'PENDING' | 'ACCEPTED' | 'DECLINED';
}

export function evolveDateShiftRequests(
  requests: Record<string, DateShiftRequestState>,
  event: DateShiftEvent,
): Record<string, DateShiftRequestState> {
  switch (event.type) {
    case 'SessionDateShiftRequested': {
      const { requestId, orderId, sessionId, startDate, endDate, reason, requestedBy } = event.data;
      return { ...requests, [requestId]: { requestId, orderId, sessionId, startDate, endDate, reason, requestedBy, status: 'PENDING' } };
    }
    case 'SessionDateShiftAccepted':
      return { ...requests, [event.data.requestId]: { ...requests[event.data.requestId], status: 'ACCEPTED' } };
    case 'SessionDateShiftDeclined':
      return { ...requests, [event.data.requestId]: { ...requests[event.data.requestId], status: 'DECLINED' } };
  }
}
