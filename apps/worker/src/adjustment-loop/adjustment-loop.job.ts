/** The queue of adjustment-policy runs, one job per contract and state. */
export const ADJUSTMENT_LOOP_QUEUE = 'adjustment-loop';

export interface AdjustmentLoopJobData {
  contractId: string;
  tenant: string;
  /** Global position of the newest event that can change the policy's inputs (part of the job id). */
  statePosition: number;
}

/** How often every contract with a policy is re-examined, besides the runs triggered by events. */
export const ADJUSTMENT_LOOP_EVERY_MS = 15 * 60 * 1000;

/** The job id: a repeated trigger for the same contract state is the same job, hence a no-op. */
export const adjustmentLoopJobId = (contractId: string, statePosition: number): string => `${contractId}.${statePosition}`;
