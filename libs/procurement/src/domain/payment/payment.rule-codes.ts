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
  STATEMENT_ALREADY_CONTESTED: 'A statement is contested once; the buyer’s answer settles it',
  DISPUTE_CLAIM_EQUALS_STATEMENT: 'A dispute claims a total other than the one stated',
  DISPUTE_ALREADY_ANSWERED: 'A dispute has one answer',
  DISPUTE_AGREED_TOTAL_INVALID:
    'An accepted dispute agrees the claimed total, a rejected one the stated total, a partly accepted one a total strictly between them',
} as const;
