/** The queue of the daily check for payment deadlines coming or passed (CCP R2192-10). */
export const PAYMENT_DEADLINE_QUEUE = 'payment-deadline-check';

/** Once a day: a deadline is a day, so a warning given on the first day of its window is never late by more than that. */
export const PAYMENT_DEADLINE_CHECK_EVERY_MS = 24 * 60 * 60 * 1000;
