/** The queue that re-verifies the event store's tamper-evidence chains in the background. */
export const INTEGRITY_QUEUE = 'integrity-check';

export interface IntegrityCheckJobData {
  /** Who asked for the check: `schedule` for the periodic run, or an operator's id. */
  requestedBy: string;
}

/** How often the store is re-verified on its own. */
export const INTEGRITY_CHECK_EVERY_MS = 60 * 60 * 1000;
