/**
 * Stable codes of the rules that refuse payment requests, payments and statement disputes, with what each
 * enforces. Part of the procurement RULES table (contract/rule-codes.ts).
 */
export const PAYMENT_RULES = {
  NOT_PROVIDER_OF_STATEMENT: 'Only a provider performing the order’s lot requests payment of its statements or contests them',
  INVOICE_REFERENCE_ALREADY_USED: 'An invoice is presented once: its reference names one payment request of the contract',
  PAYMENT_REQUEST_EXCEEDS_PAYABLE:
    'A payment request asks at most what the statement makes payable (with the answers to its disputes), less what was already requested on it',
  PAYMENT_REQUEST_AMOUNT_INVALID: 'A payment request asks a positive amount in cents',
  PAYMENT_PERIOD_ALREADY_INTERRUPTED: 'CCP R2192-27: the payment period is interrupted once only',
  PAYMENT_PERIOD_EXPIRED: 'CCP R2192-27: the period is interrupted while it runs, not after its deadline has passed',
  PAYMENT_REQUEST_PAID: 'A request paid in full is neither interrupted nor paid again',
  PAYMENT_PERIOD_NOT_INTERRUPTED: 'CCP R2192-29: missing documents are supplied after an interruption that asked for them',
  PAYMENT_EXCEEDS_REQUEST: 'A payment pays at most what is still unpaid on the request',
  PAYMENT_AMOUNT_INVALID: 'A payment is a positive amount in cents',
  PAYMENT_DATE_BEFORE_REQUEST: 'A payment is made on or after the day its request was received',
  PAYMENT_DATE_IN_FUTURE: 'A payment is recorded once it has been made',
  PAYMENT_DEADLINE_NOT_NEAR: 'CCP R2192-10: the buyer is warned of a deadline within the warning window, or once it has passed, not earlier',
  PAYMENT_DEADLINE_NOT_RUNNING: 'CCP R2192-27: while the period is interrupted no deadline runs, so none is warned of',
  PAYMENT_DEADLINE_ALREADY_WARNED: 'The buyer is warned once per request, deadline and kind of warning (approaching, passed)',
  PAYMENT_DEADLINE_WARNING_WINDOW_INVALID: 'A warning window is a whole number of days from 1 to 30',
  STATEMENT_ALREADY_CONTESTED: 'A statement is contested once; the buyer’s answer settles it',
  DISPUTE_CLAIM_EQUALS_STATEMENT: 'A dispute claims a total other than the one stated',
  DISPUTE_ALREADY_ANSWERED: 'A dispute has one answer',
  DISPUTE_AGREED_TOTAL_INVALID:
    'An accepted dispute agrees the claimed total, a rejected one the stated total, a partly accepted one a total strictly between them',
  ADVANCE_ALREADY_GRANTED: 'CCP R2191-3: an order has one advance',
  ADVANCE_RATE_INVALID: 'An advance rate is above 0 and at most 100 % of its base, for a known buyer category',
  ADVANCE_RATE_BELOW_MINIMUM:
    'CCP R2191-7: the mandatory advance is at least 5 % (SME holder: 30 % State since 1 April 2025, 20 % before; 10 % local authorities over 60 M€)',
  RETENTION_ALREADY_SET: 'CCP R2191-32: the contract sets its retention once',
  RETENTION_AFTER_PAYMENT_REQUESTS: 'CCP R2191-32: the retention is kept on each payment, so it is set before the first request',
  RETENTION_ABOVE_MAXIMUM: 'CCP R2191-32: a retention is at most 5 % of the amount',
  RETENTION_NOT_SET: 'A retention is released where the contract keeps one',
  RETENTION_ALREADY_RELEASED: 'A retention is released once',
  RETENTION_NOT_DUE: 'CCP R2191-35: the retention is released at the term of the guarantee, not before',
} as const;
