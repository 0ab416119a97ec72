import { ATTENDANCE_RULES } from '../attendance/attendance.rule-codes';
import { COMPENSATION_CLAIM_RULES } from '../compensation-claim/compensation-claim.rule-codes';
import { DELIVERY_RULES } from '../delivery/delivery.rule-codes';
import { PAYMENT_RULES } from '../payment/payment.rule-codes';
import { PRICE_REVISION_RULES } from '../price-revision/price-revision.rule-codes';
import { PROGRAMME_RULES } from '../programme/programme.rule-codes';
import { EVALUATION_RULES } from '../evaluation/evaluation.rule-codes';
import { PROVIDER_REGISTER_RULES } from '../provider-register/provider-register.rule-codes';
import { QUALIOPI_EXPIRY_RULES } from '../qualiopi-expiry/qualiopi-expiry.rule-codes';

/** Stable codes of the rules that refuse procurement commands, with the text or clause each enforces. */
export const RULES = {
  CONTRACT_ALREADY_EXISTS: 'A contract id is used once',
  CONTRACT_NOT_FOUND: 'The contract must exist',
  CONTRACT_NOT_IN_DRAFT: 'Terms are set while the contract is a draft',
  CONTRACT_NOT_PUBLISHED: 'Lots are awarded after publication',
  CONTRACT_NOT_ACTIVE: 'Orders and amendments need an active contract',
  CONTRACT_DATES_INVALID: 'The end date must follow the start date',
  FRAMEWORK_MAXIMUM_REQUIRED: 'CCP R2162-4: a framework agreement states a maximum',
  FRAMEWORK_MINIMUM_NOT_REACHED:
    'CCP R2162-4: a framework agreement with a minimum commits the buyer to order it; closing below it needs the recorded reason (the holder may claim for what was not ordered)',
  FRAMEWORK_DURATION_EXCEEDS_4_YEARS:
    'CCP L2125-1 1°: a framework agreement lasts at most 4 years, save exceptional cases whose justification (its object, investments to amortise over a longer period) is recorded',
  MANDATE_DURATION_EXCEEDS_5_YEARS: 'Code du travail L6121-2-1: a public-service mandate lasts at most 5 years',
  MAXIMUM_BELOW_INITIAL_VALUE: 'The maximum cannot be below the initial value',
  LOTS_REQUIRED: 'CCP L2113-10/-11: a contract is split into lots unless not splitting is justified',
  LOT_ALREADY_DEFINED: 'A lot id is used once',
  LOT_NOT_FOUND: 'The lot must exist',
  LOT_QUANTITIES_INVALID: 'Minimum ≤ initial ≤ maximum quantity',
  LOT_WORK_UNITS_DUPLICATED: 'A lot prices each work unit type once',
  LOT_MAXIMUM_REQUIRED: 'CCP R2162-4: each lot of a framework agreement states a maximum',
  LOT_ALREADY_AWARDED: 'A lot is awarded once',
  LOT_NOT_AWARDED: 'Orders go to awarded lots',
  LOTS_NOT_ALL_AWARDED: 'Every lot is awarded before the contract is activated',
  GROUPING_LEAD_NOT_MEMBER: 'The lead of a grouping is one of its members',
  CLAUSE_ALREADY_DEFINED: 'A clause id is used once',
  QUALITY_MINIMUM_GROUP_SIZE_INVALID: 'A quality-incentive clause sets its minimum group size as a whole number of trainees, at least 1',
  CLAUSES_FROZEN_AFTER_PUBLICATION: 'CCP R2194-1: review clauses are part of the initial documents',
  CLAUSE_NOT_FOUND: 'An adjustment names a clause of the contract',
  CLAUSE_DOES_NOT_ALLOW_ADJUSTMENT: 'The clause named does not cover this kind of adjustment',
  CLAUSE_NOT_FOR_LOT: 'The clause named applies to another lot',
  ORDER_ALREADY_ISSUED: 'An order id is used once',
  ORDER_NOT_FOUND: 'The order must exist',
  ORDER_CLOSED: 'A closed order is not adjusted',
  ORDER_OUTSIDE_CONTRACT_PERIOD: 'CCP R2162-5: orders are issued, and start, while the framework is valid',
  ORDER_RUNS_PAST_FRAMEWORK_END:
    'CCP R2162-5: an order runs past the end of the framework only within the usual execution terms the contract sets (orderRunPastEndDays)',
  ORDER_PERIOD_INVALID: 'The order period ends after it starts and contains its sessions',
  UNKNOWN_WORK_UNIT: 'Orders use the work units priced in the lot',
  LOT_MAX_EXCEEDED: 'The lot maximum quantity or value is not exceeded',
  CONTRACT_MAX_EXCEEDED: 'CCP R2162-4: cumulative orders stay within the maximum; beyond, the framework is exhausted',
  VOLUME_CLAUSE_BOUND_EXCEEDED: 'Volume clause: cumulative adjustments since award stay within ± the clause percentage',
  QUANTITY_BELOW_ZERO: 'An order cannot hold a negative quantity',
  CALENDAR_SHIFT_EXCEEDED: 'Calendar clause: a session moves within the clause number of days',
  MODALITY_NOT_ALLOWED: 'Modality clause: only the listed modalities are allowed',
  DROPOUT_REMOTE_WEEKS_EXCEEDED: 'Dropout clause: a trainee at risk continues remotely for at most the clause number of weeks, counted over the order',
  REMOTE_WEEKS_INVALID: 'A remote continuation lasts at least one whole week',
  MODULE_NOT_IN_CATALOGUE: 'Module catalogue clause: only catalogue modules may be added',
  SESSION_NOT_FOUND: 'The session must be part of the order',
  SESSION_ALREADY_EXISTS: 'A session id is used once in an order',
  SESSION_CANCELLED: 'A cancelled session is not changed',
  AMENDMENT_ALREADY_EXISTS: 'An amendment id is used once',
  AMENDMENT_NOT_FOUND: 'The amendment must exist',
  AMENDMENT_WRONG_STATUS: 'Amendments go proposed → signed → notified → answered',
  TENDER_COMMITTEE_OPINION_REQUIRED: 'CGCT L1414-4: a rise above 5% needs the tender committee opinion before signature',
  AMENDMENT_NOT_ADDRESSED_TO_PROVIDER: 'Only a provider of the amended lot answers an amendment',
  RESPONSE_DEADLINE_NOT_REACHED: 'A provider\'s silence on an amendment is recorded only after its response deadline',
  DEEMED_ACCEPTANCE_NOT_ALLOWED:
    'CCP L2194-1, L6 4°: an avenant binds the contractor only with its consent, silence is not acceptance; the buyer may instead impose a unilateral modification (L6 4°, L2194-2)',
  UNILATERAL_MODIFICATION_CANNOT_REPLACE_CONTRACTOR:
    'CCP R2194-6: a new contractor takes over only under a review clause or a restructuring, with its consent, never by a unilateral modification',
  PROVIDER_NOT_ON_LOT: 'A provider requests amendments of its own lots',
  POLICY_THRESHOLDS_INVALID: 'The low fill rate of the adjustment policy is below its high fill rate',
  POLICY_SEASON_LEAD_TIME_MISSING: 'Recruitment seasons of the adjustment policy come with the lead time before them',
  PROPOSAL_NOT_FOUND: 'The adjustment proposal must exist',
  PROPOSAL_NOT_PENDING: 'A proposal is approved or rejected once',
  CO_FINANCING_SHARE_INVALID: 'Co-financing: a share above 0% and at most 100%, or a positive amount in cents',
  CO_FINANCING_EXCEEDS_ORDER_VALUE: 'Co-financing: the co-financed amount is not above the order’s value',
  CO_FINANCING_ALREADY_IN_FORCE: 'Co-financing: one agreement in force per order; an offer changing it names it',
  CO_FINANCING_NOT_IN_FORCE: 'Co-financing: ending an agreement or consenting to a reduction needs the agreement in force',
  CO_FINANCING_OFFER_PENDING: 'Co-financing: one offer at a time waits for the buyer’s answer',
  CO_FINANCING_OFFER_NOT_PENDING: 'Co-financing: the buyer answers the offer waiting on the order',
  REDUCTION_CONSENT_FLOOR_INVALID: 'Co-financing: a consent to reduce sets a floor below the co-financed part',
  CO_FINANCED_ORDER_REDUCTION_NOT_AGREED:
    'Co-financing: a co-financed order is not reduced below the co-financed part without the Pôle emploi officer’s consent',
  DATE_SHIFT_REQUEST_ALREADY_EXISTS: 'A date-shift request id is used once',
  DATE_SHIFT_ALREADY_REQUESTED: 'One date-shift request at a time waits for an answer per session',
  DATE_SHIFT_REQUEST_NOT_FOUND: 'The date-shift request must exist',
  DATE_SHIFT_REQUEST_NOT_PENDING: 'A date-shift request is accepted or declined once',
  ...COMPENSATION_CLAIM_RULES,
  ...DELIVERY_RULES,
  ...ATTENDANCE_RULES,
  ...PRICE_REVISION_RULES,
  ...PROVIDER_REGISTER_RULES,
  ...QUALIOPI_EXPIRY_RULES,
  ...PAYMENT_RULES,
  ...PROGRAMME_RULES,
  ...EVALUATION_RULES,
} as const;

export type RuleCode = keyof typeof RULES;
