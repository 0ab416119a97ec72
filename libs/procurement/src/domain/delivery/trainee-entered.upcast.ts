import { NOT_RECORDED, TraineeEnteredData, TraineeEnteredV1Data } from './delivery.events';

/**
 * Reads a TraineeEntered of any recorded shape. An entry recorded before the targeting data (schema version 1)
 * stated none of them: it is read as NOT_RECORDED, counted apart from every share, never given a guessed level,
 * age band or sex.
 */
export function upcastTraineeEntered(data: TraineeEnteredData | TraineeEnteredV1Data): TraineeEnteredData {
  if ('targeting' in data) return data;
  return { ...data, targeting: NOT_RECORDED };
}
