import { refuse } from '../../contract/refuse';
import { addDays } from '../../terms/command-meta';
import { DeliveryTerms } from '../delivery-terms';
import { TRAINEE_LEFT_EARLY_SCHEMA_VERSION } from '../delivery.events';
import { EarlyExit, TraineeDelivery } from '../delivery.state';
import { deliveredOn, employmentOf, enteredTrainee, notInFuture, sameAs } from '../delivery.checks';
import { ReportRules } from './report-rules';

export const TRAINEE_PATHWAY_REPORTS: ReportRules<'TRAINEE_AT_RISK' | 'TRAINEE_LEFT_EARLY' | 'TRAINEE_COMPLETED' | 'CERTIFICATION_OBTAINED'> = {
  TRAINEE_AT_RISK: (report, { terms, state, today, of }) => {
    const trainee = enteredTrainee(state, report.traineeId, report.on);
    if (trainee.atRisk) return sameAs(trainee.atRisk, { on: report.on, reason: report.reason });
    const exitedOn = trainee.leftEarly?.on ?? trainee.completedOn;
    if (exitedOn !== undefined) {
      refuse('TRAINEE_ALREADY_EXITED', `Trainee ${trainee.traineeId} left the pathway on ${exitedOn}`, { traineeId: trainee.traineeId, exitedOn });
    }
    deliveredOn(terms, report.on, today);
    const endedOn = state.sessions[trainee.sessionId]?.endedOn;
    if (endedOn !== undefined && report.on > endedOn) {
      refuse('SESSION_ALREADY_ENDED', `Session ${trainee.sessionId} ended on ${endedOn}`, { sessionId: trainee.sessionId, endedOn, on: report.on });
    }
    return [{ type: 'TraineeAtRiskReported', data: { ...of, traineeId: trainee.traineeId, sessionId: trainee.sessionId, on: report.on, reason: report.reason } }];
  },
  TRAINEE_LEFT_EARLY: (report, { terms, state, today, of }) => {
    const trainee = enteredTrainee(state, report.traineeId, report.on);
    const employment = employmentOf(report.destination === 'EMPLOYMENT', report.employment);
    const exit: EarlyExit = { on: report.on, destination: report.destination, ...employment, ...(report.reason === undefined ? {} : { reason: report.reason }) };
    if (trainee.leftEarly) return sameAs(trainee.leftEarly, exit);
    if (trainee.completedOn !== undefined) {
      refuse('TRAINEE_ALREADY_EXITED', `Trainee ${trainee.traineeId} completed on ${trainee.completedOn}`, {
        traineeId: trainee.traineeId,
        completedOn: trainee.completedOn,
      });
    }
    deliveredOn(terms, report.on, today);
    const endedOn = state.sessions[trainee.sessionId]?.endedOn;
    if (endedOn !== undefined && report.on > endedOn) {
      refuse('SESSION_ALREADY_ENDED', `Session ${trainee.sessionId} ended on ${endedOn}`, { sessionId: trainee.sessionId, endedOn, on: report.on });
    }
    return [
      {
        type: 'TraineeLeftEarly',
        data: { ...of, traineeId: trainee.traineeId, sessionId: trainee.sessionId, ...exit },
        schemaVersion: TRAINEE_LEFT_EARLY_SCHEMA_VERSION,
      },
    ];
  },
  TRAINEE_COMPLETED: (report, { terms, state, today, of }) => {
    const trainee = enteredTrainee(state, report.traineeId, report.on);
    if (trainee.completedOn !== undefined) return sameAs({ completedOn: trainee.completedOn }, { completedOn: report.on });
    if (trainee.leftEarly) continuedRemotely(terms, trainee, report.on);
    deliveredOn(terms, report.on, today);
    return [{ type: 'TraineeCompleted', data: { ...of, traineeId: trainee.traineeId, sessionId: trainee.sessionId, on: report.on } }];
  },
  CERTIFICATION_OBTAINED: (report, { state, today, of }) => {
    const trainee = enteredTrainee(state, report.traineeId, report.on);
    const obtainedOn = trainee.certifications[report.certificationCode];
    if (obtainedOn !== undefined) return sameAs({ on: obtainedOn }, { on: report.on });
    // Not bound to the order period: certification juries often sit weeks after the training ends.
    notInFuture(report.on, today);
    return [
      {
        type: 'CertificationObtained',
        data: { ...of, traineeId: trainee.traineeId, sessionId: trainee.sessionId, on: report.on, certificationCode: report.certificationCode },
      },
    ];
  },
};

/**
 * A trainee who left early completes only by continuing remotely under the dropout clause (evening-course
 * style), within the clause's number of weeks after leaving.
 */
function continuedRemotely(terms: DeliveryTerms, trainee: TraineeDelivery, completedOn: string): void {
  const leftOn = trainee.leftEarly!.on;
  const dropout = terms.dropout;
  const latest = dropout ? addDays(leftOn, dropout.maxRemoteWeeks * 7) : leftOn;
  if (!dropout || completedOn > latest) {
    refuse('TRAINEE_ALREADY_EXITED', `Trainee ${trainee.traineeId} left early on ${leftOn}`, {
      traineeId: trainee.traineeId,
      leftOn,
      completedOn,
      dropoutClauseId: dropout?.clauseId ?? null,
      latestRemoteCompletion: dropout ? latest : null,
    });
  }
}
