import { ExitDestination, LeavingReason, TraineeLeftEarlyData, TraineeLeftEarlyV1Data } from './delivery.events';

/**
 * Reads a TraineeLeftEarly of any recorded shape. One recorded before the exit's destination (schema version 1)
 * gave why the trainee left, from LEAVING_REASONS: EMPLOYMENT (left for a job, whose contract was not asked),
 * HEALTH, MOBILITY, FAMILY, MOTIVATION or OTHER. A job is read as an exit to employment, OTHER as another exit,
 * and every other reason as an exit without solution (the trainee left for a reason of their own, with no
 * destination recorded); the reason is kept beside it.
 */
export function upcastTraineeLeftEarly(data: TraineeLeftEarlyData | TraineeLeftEarlyV1Data): TraineeLeftEarlyData {
  if ('destination' in data) return data;
  return { ...data, destination: destinationOfReason(data.reason) };
}

function destinationOfReason(reason: LeavingReason): ExitDestination {
  switch (reason) {
    case 'EMPLOYMENT':
      return 'EMPLOYMENT';
    case 'OTHER':
      return 'OTHER';
    default:
      return 'WITHOUT_SOLUTION';
  }
}
