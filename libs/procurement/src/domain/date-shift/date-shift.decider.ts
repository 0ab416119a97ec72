import { existing, inStatus } from '../contract/contract.decider';
import { ContractState, ExistingContract } from '../contract/contract.state';
import { refuse } from '../contract/refuse';
import { activeSession, decideAdjustment, openOrder } from '../order/order.decider';
import { OrderEvent } from '../order/order.events';
import { DateShiftCommand } from './date-shift.commands';
import { DateShiftEvent } from './date-shift.events';
import { DateShiftRequestState } from './date-shift.state';

export function decideDateShift(command: DateShiftCommand, state: ContractState): Array<DateShiftEvent | OrderEvent> {
  const contract = existing(state);
  inStatus(contract, 'ACTIVE', 'CONTRACT_NOT_ACTIVE');
  const { at, actorId } = command.meta;
  switch (command.type) {
    case 'RequestSessionDateShift': {
      const { requestId, orderId, sessionId, startDate, endDate, reason } = command.data;
      if (contract.dateShiftRequests[requestId]) refuse('DATE_SHIFT_REQUEST_ALREADY_EXISTS', `Date-shift request ${requestId} already exists`);
      const session = activeSession(openOrder(contract, orderId), sessionId);
      const waiting = Object.values(contract.dateShiftRequests).find(
        (request) => request.status === 'PENDING' && request.orderId === orderId && request.sessionId === sessionId,
      );
      if (waiting) {
        refuse('DATE_SHIFT_ALREADY_REQUESTED', `Request ${waiting.requestId} for this session waits for the buyer's answer`, {
          pendingRequestId: waiting.requestId,
        });
      }
      return [
        {
          type: 'SessionDateShiftRequested',
          data: {
            requestId,
            orderId,
            sessionId,
            currentStartDate: session.startDate,
            currentEndDate: session.endDate,
            startDate,
            endDate,
            reason,
            requestedBy: actorId,
            requestedAt: at,
          },
        },
      ];
    }
    case 'AcceptSessionDateShift': {
      const request = pending(contract, command.data.requestId);
      const { requestId, orderId, sessionId, startDate, endDate, reason } = request;
      // The move is an order adjustment like the buyer's own: a refusal leaves the request pending.
      const moved = decideAdjustment(
        { orderId, clauseId: command.data.clauseId, reason, adjustment: { kind: 'MOVE_SESSION', sessionId, startDate, endDate } },
        contract,
      );
      return [
        { type: 'SessionDateShiftAccepted', data: { requestId, orderId, sessionId, clauseId: command.data.clauseId, acceptedBy: actorId, acceptedAt: at } },
        moved,
      ];
    }
    case 'DeclineSessionDateShift': {
      const { requestId, orderId, sessionId } = pending(contract, command.data.requestId);
      return [
        { type: 'SessionDateShiftDeclined', data: { requestId, orderId, sessionId, reason: command.data.reason, declinedBy: actorId, declinedAt: at } },
      ];
    }
  }
}

function pending(contract: ExistingContract, requestId: string): DateShiftRequestState {
  const request = contract.dateShiftRequests[requestId];
  if (!request) refuse('DATE_SHIFT_REQUEST_NOT_FOUND', `No date-shift request ${requestId} in this contract`);
  if (request.status !== 'PENDING') {
    refuse('DATE_SHIFT_REQUEST_NOT_PENDING', `Request ${requestId} is ${request.status.toLowerCase()}`, { status: request.status });
  }
  return request;
}
