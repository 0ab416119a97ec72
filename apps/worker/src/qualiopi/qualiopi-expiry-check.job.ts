/** The queue of the daily check for Qualiopi certificates ending during the execution of a contract. */
export const QUALIOPI_EXPIRY_QUEUE = 'qualiopi-expiry-check';

/** Once a day: a certificate is valid through its last day, so the day after is the first one it may be found ended. */
export const QUALIOPI_EXPIRY_CHECK_EVERY_MS = 24 * 60 * 60 * 1000;
