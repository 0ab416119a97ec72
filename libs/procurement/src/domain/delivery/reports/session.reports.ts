import { refuse } from '../../contract/refuse';
import { deliveredOn, orderedSession, sameAs } from '../delivery.checks';
import { ReportRules } from './report-rules';

export const SESSION_REPORTS: ReportRules<'SESSION_STARTED' | 'SESSION_ENDED'> = {
  SESSION_STARTED: (report, { terms, state, today, of }) => {
    const session = orderedSession(terms, report.sessionId);
    const started = state.sessions[session.sessionId]?.startedOn;
    if (started !== undefined) return sameAs({ startedOn: started }, { startedOn: report.on });
    deliveredOn(terms, report.on, today);
    return [{ type: 'SessionStarted', data: { ...of, sessionId: session.sessionId, on: report.on } }];
  },
  SESSION_ENDED: (report, { terms, state, today, of }) => {
    const session = orderedSession(terms, report.sessionId);
    const delivered = state.sessions[session.sessionId] ?? {};
    if (delivered.endedOn !== undefined) return sameAs({ endedOn: delivered.endedOn }, { endedOn: report.on });
    deliveredOn(terms, report.on, today);
    if (delivered.startedOn === undefined || report.on < delivered.startedOn) {
      refuse('SESSION_NOT_STARTED', `Session ${session.sessionId} had not started on ${report.on}`, {
        sessionId: session.sessionId,
        startedOn: delivered.startedOn ?? null,
        endedOn: report.on,
      });
    }
    return [{ type: 'SessionEnded', data: { ...of, sessionId: session.sessionId, on: report.on } }];
  },
};
