/** Stable codes of the compensation claim rules, with the text each enforces. */
export const COMPENSATION_CLAIM_RULES = {
  COMPENSATION_CLAIM_NOT_OPEN:
    'CCP L6 4°, L2194-2: compensation is claimed for a unilateral modification in force, by a provider whose lot it changed',
  COMPENSATION_CLAIM_ALREADY_FILED: 'A provider files one compensation claim per unilateral modification',
  COMPENSATION_CLAIM_NOT_FOUND: 'The compensation claim must exist',
  COMPENSATION_CLAIM_ALREADY_ANSWERED: 'The buyer answers a compensation claim once',
  COMPENSATION_AMOUNT_INVALID: 'A compensation claimed or accepted is a positive amount in cents',
  COMPENSATION_ABOVE_CLAIM: 'The buyer accepts at most the amount the provider claimed',
} as const;
