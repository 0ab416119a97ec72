import { OrderEvent } from '@app/procurement';
import { FacetReconstruct, registerOf } from './facet-reconstruct';

export const ORDER_RECONSTRUCT: FacetReconstruct<OrderEvent> = {
  OrderIssued: (event, meta) => {
    const { orderId, lotId, lines, sessions, periodStart, periodEnd, qualiopi } = event.data;
    return { type: 'IssueOrder', meta, data: { orderId, lotId, lines, sessions, periodStart, periodEnd, ...registerOf(qualiopi) } };
  },
  OrderQuantityAdjusted: (event, meta) => {
    const { orderId, clauseId, reason, unitType, delta } = event.data;
    return { type: 'AdjustOrder', meta, data: { orderId, clauseId, reason, adjustment: { kind: 'CHANGE_QUANTITY', unitType, delta } } };
  },
  OrderSessionMoved: (event, meta) => {
    const { orderId, clauseId, reason, sessionId, startDate, endDate } = event.data;
    return { type: 'AdjustOrder', meta, data: { orderId, clauseId, reason, adjustment: { kind: 'MOVE_SESSION', sessionId, startDate, endDate } } };
  },
  OrderSessionAdded: (event, meta) => {
    const { orderId, clauseId, reason, session } = event.data;
    return { type: 'AdjustOrder', meta, data: { orderId, clauseId, reason, adjustment: { kind: 'ADD_SESSION', session } } };
  },
  OrderSessionCancelled: (event, meta) => {
    const { orderId, clauseId, reason, sessionId } = event.data;
    return { type: 'AdjustOrder', meta, data: { orderId, clauseId, reason, adjustment: { kind: 'CANCEL_SESSION', sessionId } } };
  },
  OrderModalitySwitched: (event, meta) => {
    const { orderId, clauseId, reason, sessionId, to } = event.data;
    return { type: 'AdjustOrder', meta, data: { orderId, clauseId, reason, adjustment: { kind: 'SWITCH_MODALITY', sessionId, modality: to } } };
  },
  OrderModuleAdded: (event, meta) => {
    const { orderId, clauseId, reason, moduleId, quantity } = event.data;
    return { type: 'AdjustOrder', meta, data: { orderId, clauseId, reason, adjustment: { kind: 'ADD_MODULE', moduleId, quantity } } };
  },
  OrderTraineeSwitchedToRemote: (event, meta) => {
    const { orderId, clauseId, reason, traineeId, sessionId, weeks } = event.data;
    return { type: 'AdjustOrder', meta, data: { orderId, clauseId, reason, adjustment: { kind: 'SWITCH_TRAINEE_TO_REMOTE', traineeId, sessionId, weeks } } };
  },
  OrderClosed: (event, meta) => ({ type: 'CloseOrder', meta, data: { orderId: event.data.orderId } }),
};
