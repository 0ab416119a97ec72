/**
 * Stable codes of the rules that refuse delivery reports and service statements, with what each enforces.
 * Part of the procurement RULES table (contract/rule-codes.ts).
 */
export const DELIVERY_RULES = {
  NOT_PROVIDER_OF_ORDER: 'Only a provider performing the order’s lot reports its delivery',
  DELIVERY_OUTSIDE_ORDER_PERIOD: 'Delivery counts only within the period of the purchase order',
  DELIVERY_DATE_IN_FUTURE: 'A delivery is reported once it has happened',
  WORK_UNIT_NOT_ORDERED: 'Only the work units the order holds are delivered and paid',
  SESSION_FULL: 'Entries stay within the session capacity, and the places an overbooking clause adds to it',
  SESSION_NOT_FULL: 'A trainee waits for a place only in a full session: while places are free, the trainee enters',
  SESSION_NOT_STARTED: 'Trainees enter, and a session ends, only once the session has started',
  SESSION_ALREADY_ENDED: 'Trainees neither enter nor leave a session after its end',
  TRAINEE_ID_NOT_PSEUDONYMOUS:
    'GDPR art. 5(1)(c) and 25, décret 2019-341 (NIR): trainees are named by a pseudonymous id, never a name or social-security number',
  TRAINEE_NOT_ENTERED: 'Exits, completions, certifications and hours concern a trainee who entered the order',
  TRAINEE_ALREADY_ENTERED: 'A trainee enters an order once',
  TRAINEE_ALREADY_EXITED: 'A trainee leaves a pathway once, early or by completing it (dropout clause: remote continuation)',
  TRAINEE_ALREADY_WAITING: 'A job seeker waits once for a place in an order: on the provider’s list or through a referral',
  TRAINEE_NOT_EXITED: 'An outcome is observed after the trainee left the pathway, by completing it or early',
  OUTCOME_OBSERVED_TOO_EARLY: 'An outcome at 6 (or 12) months is observed at least 6 (or 12) months after the exit',
  OUTCOME_ALREADY_OBSERVED: 'A trainee has one outcome per horizon: the same again changes nothing, a different one is refused',
  OUTCOME_SOURCE_NOT_ALLOWED: 'A provider reports the outcomes of its trainees as a provider report, never as a survey answer or Pôle emploi data',
  SATISFACTION_ONLY_FROM_SURVEY: 'Satisfaction is measured from the trainees’ own answers to the survey',
  OUTCOME_LINES_REFUSED: 'Outcomes are recorded whole or not at all: one line refused, none is recorded',
  EMPLOYMENT_CONTRACT_INVALID: 'A job states its contract type, and a CDD its duration in months (Code du travail L1242-12); nothing else has one',
  REFERRAL_NOT_FOUND: 'An outcome concerns a referral made to this order',
  REFERRAL_ALREADY_OPEN: 'A job seeker has one open referral per order: its outcome comes before another referral',
  REFERRAL_ALREADY_CLOSED: 'A referral has one outcome: entered, refused or no-show',
  REFERRAL_NOT_NAMED: 'A referred job seeker enters through the referral: the entry names it',
  REFERRAL_DOES_NOT_MATCH: 'An entry through a referral is the referred job seeker’s, in the session they were referred to',
  REFERRAL_OUTCOME_BEFORE_REFERRAL: 'The outcome of a referral comes on or after the day of the referral',
  HOURS_EXCEED_DAY:
    'A trainee is credited on a day with at most the session’s daily schedule or the lot’s daily bound (24 hours when neither is set)',
  HOURS_WITHOUT_TRAINEE: 'Hours are delivered to a trainee who entered a session of the order',
  CONFLICTS_WITH_EARLIER_REPORT: 'A fact is reported once: the same report again changes nothing, a different one is refused',
  STATEMENT_PERIOD_INVALID: 'A statement period ends on or after its first day',
  STATEMENT_PERIOD_NOT_ELAPSED: 'Service done (service fait) is stated for a period that has ended',
  STATEMENT_PERIOD_OVERLAPS: 'Each delivery is stated once: the statement periods of an order do not overlap',
} as const;
