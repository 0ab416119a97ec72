import { specify } from '@app/shared/testing/decider-specification';
import { ProcurementEvent } from '../contract/contract.state';
import { ProcurementCommand, procurementDecider } from '../procurement.decider';
import {
  activeContract,
  adjustOrder,
  CALENDAR_CLAUSE,
  meta,
  orderPathways,
  recorded,
  SESSION_END,
  SESSION_ID,
  SESSION_START,
  VOLUME_PATHWAY_CLAUSE,
} from '../testing/fixtures';

const OFFICER = 'officer-pe-ara-1';
const REQUESTED_AT = '2026-02-10T09:00:00.000Z';
const ANSWERED_AT = '2026-02-12T09:00:00.000Z';
const ORDER = 'order-1';
const SEASON = 'Recruitment season of the logistics sector starts in April';

const ordered = (): ProcurementEvent[] => recorded(activeContract(), orderPathways(ORDER, 10));

/** The calendar clause allows 30 days from the original dates (2026-03-09 → 2026-06-26). */
const request = (startDate: string, endDate: string, requestId = 'shift-1'): ProcurementCommand => ({
  type: 'RequestSessionDateShift',
  meta: meta(REQUESTED_AT, OFFICER),
  data: { requestId, orderId: ORDER, sessionId: SESSION_ID, startDate, endDate, reason: SEASON },
});
const accept = (clauseId = CALENDAR_CLAUSE, requestId = 'shift-1'): ProcurementCommand => ({
  type: 'AcceptSessionDateShift',
  meta: meta(ANSWERED_AT),
  data: { requestId, clauseId },
});
const decline = (requestId = 'shift-1'): ProcurementCommand => ({
  type: 'DeclineSessionDateShift',
  meta: meta(ANSWERED_AT),
  data: { requestId, reason: 'The provider’s trainers are not available in April' },
});

const THIRTY_DAYS_LATER = ['2026-04-08', '2026-07-26'] as const;
const THIRTY_ONE_DAYS_LATER = ['2026-04-09', '2026-07-27'] as const;

describe('a date-shift request on the shared session calendar', () => {
  it('records the officer’s request with the session’s current dates', () => {
    specify(procurementDecider)
      .given(ordered())
      .when(request(...THIRTY_DAYS_LATER))
      .then([
        {
          type: 'SessionDateShiftRequested',
          data: {
            requestId: 'shift-1',
            orderId: ORDER,
            sessionId: SESSION_ID,
            currentStartDate: SESSION_START,
            currentEndDate: SESSION_END,
            startDate: THIRTY_DAYS_LATER[0],
            endDate: THIRTY_DAYS_LATER[1],
            reason: SEASON,
            requestedBy: OFFICER,
            requestedAt: REQUESTED_AT,
          },
        },
      ]);
  });

  it('moves the session when the buyer accepts a shift of exactly the clause’s maximum', () => {
    specify(procurementDecider)
      .given(recorded(ordered(), request(...THIRTY_DAYS_LATER)))
      .when(accept())
      .then([
        {
          type: 'SessionDateShiftAccepted',
          data: { requestId: 'shift-1', orderId: ORDER, sessionId: SESSION_ID, clauseId: CALENDAR_CLAUSE, acceptedBy: 'buyer-ara-1', acceptedAt: ANSWERED_AT },
        },
        {
          type: 'OrderSessionMoved',
          data: {
            orderId: ORDER,
            clauseId: CALENDAR_CLAUSE,
            reason: SEASON,
            sessionId: SESSION_ID,
            startDate: THIRTY_DAYS_LATER[0],
            endDate: THIRTY_DAYS_LATER[1],
            shiftDays: 30,
          },
        },
      ]);
  });

  it('refuses to accept a shift one day beyond the clause, which stays pending for a decline', () => {
    const requested = recorded(ordered(), request(...THIRTY_ONE_DAYS_LATER));
    specify(procurementDecider)
      .given(requested)
      .when(accept())
      .thenRefuses('CALENDAR_SHIFT_EXCEEDED', { originalStartDate: SESSION_START, shiftDays: 31, maxShiftDays: 30 });
    expect(specify(procurementDecider).given(requested).when(decline()).events()).toMatchObject([{ type: 'SessionDateShiftDeclined' }]);
  });

  it('measures the shift from the original dates, not from an earlier move', () => {
    const movedOnce = recorded(ordered(), adjustOrder(ORDER, CALENDAR_CLAUSE, { kind: 'MOVE_SESSION', sessionId: SESSION_ID, startDate: '2026-03-23', endDate: '2026-07-10' }));
    specify(procurementDecider)
      .given(recorded(movedOnce, request(...THIRTY_ONE_DAYS_LATER)))
      .when(accept())
      .thenRefuses('CALENDAR_SHIFT_EXCEEDED', { shiftDays: 31 });
  });

  it('refuses to accept under a clause that is not a calendar clause', () => {
    specify(procurementDecider)
      .given(recorded(ordered(), request(...THIRTY_DAYS_LATER)))
      .when(accept(VOLUME_PATHWAY_CLAUSE))
      .thenRefuses('CLAUSE_DOES_NOT_ALLOW_ADJUSTMENT', { clauseType: 'VOLUME', adjustment: 'MOVE_SESSION' });
  });

  it('refuses a move out of the order’s period', () => {
    specify(procurementDecider)
      .given(recorded(ordered(), request('2026-04-08', '2026-08-03')))
      .when(accept())
      .thenRefuses('ORDER_PERIOD_INVALID', { sessionEnd: '2026-08-03', periodEnd: '2026-07-31' });
  });

  it('answers a request once', () => {
    specify(procurementDecider)
      .given(recorded(ordered(), request(...THIRTY_DAYS_LATER), decline()))
      .when(accept())
      .thenRefuses('DATE_SHIFT_REQUEST_NOT_PENDING', { status: 'DECLINED' });
    specify(procurementDecider).given(ordered()).when(accept()).thenRefuses('DATE_SHIFT_REQUEST_NOT_FOUND');
  });

  it('refuses a second request for a session while one waits, and accepts one after the answer', () => {
    const requested = recorded(ordered(), request(...THIRTY_DAYS_LATER));
    specify(procurementDecider)
      .given(requested)
      .when(request(...THIRTY_ONE_DAYS_LATER, 'shift-2'))
      .thenRefuses('DATE_SHIFT_ALREADY_REQUESTED', { pendingRequestId: 'shift-1' });
    expect(specify(procurementDecider).given(recorded(requested, decline())).when(request(...THIRTY_ONE_DAYS_LATER, 'shift-2')).events()).toHaveLength(1);
  });

  it('refuses a request on a cancelled session', () => {
    const cancelled = recorded(ordered(), adjustOrder(ORDER, CALENDAR_CLAUSE, { kind: 'CANCEL_SESSION', sessionId: SESSION_ID }));
    specify(procurementDecider).given(cancelled).when(request(...THIRTY_DAYS_LATER)).thenRefuses('SESSION_CANCELLED');
  });
});
