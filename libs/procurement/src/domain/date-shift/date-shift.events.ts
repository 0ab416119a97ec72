/**
 * Date-shift requests on the shared session calendar: a Pôle emploi officer asks that a session of an order
 * move (e.g. to follow a sector's recruitment season); the buyer accepts it, as an order adjustment under a
 * calendar clause checked like any other, or declines it with a reason.
 */
export type SessionDateShiftRequested = {
  type: 'SessionDateShiftRequested';
  data: {
    requestId: string;
    orderId: string;
    sessionId: string;
    /** The session's dates when asked, and the dates asked for. */
    currentStartDate: string;
    currentEndDate: string;
    startDate: string;
    endDate: string;
    reason: string;
    requestedBy: string;
    requestedAt: string;
  };
};

/** Written with the OrderSessionMoved it leads to, in the same command. */
export type SessionDateShiftAccepted = {
  type: 'SessionDateShiftAccepted';
  data: { requestId: string; orderId: string; sessionId: string; clauseId: string; acceptedBy: string; acceptedAt: string };
};

export type SessionDateShiftDeclined = {
  type: 'SessionDateShiftDeclined';
  data: { requestId: string; orderId: string; sessionId: string; reason: string; declinedBy: string; declinedAt: string };
};

export type DateShiftEvent = SessionDateShiftRequested | SessionDateShiftAccepted | SessionDateShiftDeclined;
