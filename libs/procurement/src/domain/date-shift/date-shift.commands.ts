import { CommandMeta } from '../terms/command-meta';

/** Sent by a Pôle emploi officer. */
export type RequestSessionDateShift = {
  type: 'RequestSessionDateShift';
  meta: CommandMeta;
  data: { requestId: string; orderId: string; sessionId: string; startDate: string; endDate: string; reason: string };
};
/** Sent by the buyer, naming the calendar clause the move relies on. */
export type AcceptSessionDateShift = { type: 'AcceptSessionDateShift'; meta: CommandMeta; data: { requestId: string; clauseId: string } };
/** Sent by the buyer. */
export type DeclineSessionDateShift = { type: 'DeclineSessionDateShift'; meta: CommandMeta; data: { requestId: string; reason: string } };

export type DateShiftCommand = RequestSessionDateShift | AcceptSessionDateShift | DeclineSessionDateShift;
