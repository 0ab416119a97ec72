import { AmendmentChange, AmendmentEvent, RecordedLegalCheck } from '../amendment/amendment.events';
import { AmendmentComputation } from '../amendment/amendment-figures';
import { upcastAmendmentProposed } from '../amendment/amendment.upcast';
import { AMENDMENT_EVOLVE, bringIntoForce } from '../amendment/amendment.evolve';
import { ClauseEvent } from '../clause/clause.events';
import { CLAUSE_EVOLVE } from '../clause/clause.evolve';
import { upcastClauseTerms } from '../clause/clause.upcast';
import { CO_FINANCING_EVOLVE, withOrderCoFinancing } from '../co-financing/co-financing.evolve';
import { CoFinancingEvent } from '../co-financing/co-financing.events';
import { afterReduction, evolveCoFinancing, OrderCoFinancing } from '../co-financing/co-financing.state';
import { COMPENSATION_CLAIM_EVOLVE, withCompensationClaims } from '../compensation-claim/compensation-claim.evolve';
import { CompensationClaimEvent } from '../compensation-claim/compensation-claim.events';
import { CompensationClaimState, evolveCompensationClaims } from '../compensation-claim/compensation-claim.state';
import { DATE_SHIFT_EVOLVE, withDateShiftRequests } from '../date-shift/date-shift.evolve';
import { DateShiftEvent } from '../date-shift/date-shift.events';
import { DateShiftRequestState, evolveDateShiftRequests } from '../date-shift/date-shift.state';
import { exhaustive } from '../exhaustive';
import { LOT_EVOLVE } from '../lot/lot.evolve';
import { LotEvent } from '../lot/lot.events';
import { commit, ORDER_EVOLVE } from '../order/order.evolve';
import { Adjustment } from '../order/order.commands';
import { OrderEvent } from '../order/order.events';
import { PRICE_REVISION_EVOLVE } from '../price-revision/price-revision.evolve';
import { PricesRevised, PriceRevisionEvent } from '../price-revision/price-revision.events';
import { latestPrice, priceOn, PriceHistory, withPriceSet } from '../price-revision/unit-price-in-force';
import { answerProposal, PROPOSAL_EVOLVE } from '../proposal/proposal.evolve';
import { AdjustmentPolicySettings, ProposalEvent } from '../proposal/proposal.events';
import { QUALIOPI_EXPIRY_EVOLVE } from '../qualiopi-expiry/qualiopi-expiry.evolve';
import { QualiopiExpiryEvent } from '../qualiopi-expiry/qualiopi-expiry.events';
import { evolveQualiopiExpiries, QualiopiExpiries } from '../qualiopi-expiry/qualiopi-expiry.state';
import { dayOf } from '../terms/command-meta';
import {
  Awardee,
  CatalogueModule,
  Clause,
  LotScope,
  LotTraining,
  Session,
  WorkUnitTerms,
  WorkUnitType,
} from '../terms/procurement-terms';
import { ContractDrafted, ContractLifecycleEvent } from './contract.events';
import { draftContract, LIFECYCLE_EVOLVE } from './contract.evolve';
import { addToLot, evolveBy, FacetEvolve, setPrice, updateAmendment, updateLot, updateOrder, updateSession, withAmendment, withLot } from './facet-evolve';

type ContractTerms = ContractDrafted['data'];

/**
 * The contract is the consistency boundary of a purchase: its lots, clauses, orders and amendments share one
 * stream, so lot maxima, the contract maximum and the cumulative sums of adjustments and amendments are
 * checked against one revision.
 */
export type ProcurementEvent =
  | ContractLifecycleEvent
  | LotEvent
  | ClauseEvent
  | OrderEvent
  | AmendmentEvent
  | ProposalEvent
  | CoFinancingEvent
  | DateShiftEvent
  | PriceRevisionEvent
  | CompensationClaimEvent
  | QualiopiExpiryEvent;

export type Quantities = Partial<Record<WorkUnitType, number>>;

export interface LotState {
  lotId: string;
  title: string;
  scope: LotScope;
  workUnits: Partial<Record<WorkUnitType, WorkUnitTerms>>;
  maximumValueCents?: number;
  /** The training as the lot describes it (LotDefined version 2), absent from lots defined before. */
  training?: LotTraining;
  awardee?: Awardee;
  awardedAt?: string;
  /** Bids received for the lot, where the award recorded them. */
  bidsReceived?: number;
  /** Modules added to the catalogue by amendments in force (the clause's own modules stay in the clause). */
  amendedModules: CatalogueModule[];
  /** Quantities ordered so far, adjustments included. */
  ordered: Quantities;
  orderedValueCents: number;
  /** Net quantity adjustments made under volume clauses since award. */
  volumeAdjusted: Quantities;
  /** Every unit price set since the lot was defined, dated: what a delivery of a given day is paid at. */
  priceHistory: Partial<Record<WorkUnitType, PriceHistory>>;
}

export interface SessionState extends Session {
  /** Dates at issue: calendar shifts are measured from them. */
  originalStartDate: string;
  cancelled: boolean;
}

export interface OrderState {
  orderId: string;
  lotId: string;
  status: 'ISSUED' | 'CLOSED';
  quantities: Quantities;
  /** The quantity of each work unit the order commits, from each day a change came into force (in recording order). */
  committed: Partial<Record<WorkUnitType, Commitment[]>>;
  sessions: Record<string, SessionState>;
  periodStart: string;
  periodEnd: string;
  valueCents: number;
  modules: Array<{ moduleId: string; quantity: number }>;
  /** Pôle emploi's co-financing of the order, once offered. */
  coFinancing?: OrderCoFinancing;
  /** Weeks of remote continuation granted per trainee under the dropout clause (absent: none yet). */
  remoteWeeks?: Record<string, number>;
}

/** A quantity an order commits from a day on (YYYY-MM-DD). */
export interface Commitment {
  from: string;
  quantity: number;
}

/** UNANSWERED: the response deadline passed without the provider's consent; the amendment lapsed. */
export type AmendmentStatus = 'REQUESTED' | 'PROPOSED' | 'SIGNED' | 'NOTIFIED' | 'DISPUTED' | 'UNANSWERED' | 'IN_FORCE' | 'WITHDRAWN';

export interface AmendmentState {
  amendmentId: string;
  status: AmendmentStatus;
  description: string;
  change: AmendmentChange;
  requestedBy?: string;
  /** The computed change in value the legal check used (0 while only requested). */
  amountChangeCents: number;
  computation?: AmendmentComputation;
  declaredAmountChangeCents?: number;
  reviewClauseId?: string;
  legalCheck?: RecordedLegalCheck;
  tenderCommitteeOpinion?: { opinionDate: string; favourable: boolean };
  providerIds: string[];
  responseDeadline?: string;
  acknowledgedBy: string[];
  acceptedBy: string[];
  dispute?: { providerId: string; reason: string };
  withdrawal?: { reason: string; withdrawnAt: string };
  /** A unilateral modification by the buyer (CCP L6 4°), with its ground: in force without the provider's consent. */
  act?: 'UNILATERAL_MODIFICATION';
  ground?: string;
}

export interface ProposalState {
  proposalId: string;
  orderId: string;
  clauseId: string;
  adjustment: Adjustment;
  reason: string;
  policyVersion: string;
  inputs: Record<string, number | string>;
  status: 'PENDING' | 'APPROVED' | 'REJECTED';
}

export interface EmptyContract {
  status: 'EMPTY';
}

/** The terms as drafted (the end date and maximum move with amendments in force), and what came after. */
export interface ExistingContract extends ContractTerms {
  status: 'DRAFT' | 'PUBLISHED' | 'ACTIVE' | 'CLOSED' | 'TERMINATED';
  /** Initial value plus the amounts of amendments in force. */
  currentValueCents: number;
  orderedValueCents: number;
  lots: Record<string, LotState>;
  clauses: Record<string, Clause>;
  orders: Record<string, OrderState>;
  amendments: Record<string, AmendmentState>;
  adjustmentPolicy?: AdjustmentPolicySettings;
  proposals: Record<string, ProposalState>;
  dateShiftRequests: Record<string, DateShiftRequestState>;
  /** Amendments in force with the legal basis each relied on: the running totals of R2194-9. */
  modifications: Array<{ amendmentId: string; legalBasis: string; amountChangeCents: number }>;
  /** Price revisions recorded, by clause and date (`clauseId@YYYY-MM-DD`). */
  priceRevisions: Record<string, PricesRevised['data']>;
  /** Providers' compensation claims for unilateral modifications, by claim id. */
  compensationClaims: Record<string, CompensationClaimState>;
  /** Qualiopi certificates recorded as ended during execution, per provider (absent until one is). */
  qualiopiExpiries?: QualiopiExpiries;
}

export type ContractState = EmptyContract | ExistingContract;

export const initialContractState = (): ContractState => ({ status: 'EMPTY' });

/**
 * How every event after the drafting folds, the facets' tables merged: typed by the whole union, so that an event
 * type no facet folds fails to compile (and the check below, that no facet folds a type outside the union).
 */
export const CONTRACT_EVOLVE: FacetEvolve<Exclude<ProcurementEvent, ContractDrafted>> = {
  ...LIFECYCLE_EVOLVE,
  ...LOT_EVOLVE,
  ...CLAUSE_EVOLVE,
  ...PRICE_REVISION_EVOLVE,
  ...ORDER_EVOLVE,
  ...AMENDMENT_EVOLVE,
  ...COMPENSATION_CLAIM_EVOLVE,
  ...PROPOSAL_EVOLVE,
  ...CO_FINANCING_EVOLVE,
  ...DATE_SHIFT_EVOLVE,
  ...QUALIOPI_EXPIRY_EVOLVE,
};
const _everyTypeFolded: [keyof typeof CONTRACT_EVOLVE | ContractDrafted['type']] extends [ProcurementEvent['type']]
  ? [ProcurementEvent['type']] extends [keyof typeof CONTRACT_EVOLVE | ContractDrafted['type']]
    ? true
    : never
  : never = true;

/** Folds one fact into the state. Never refuses: events are facts. */
export function evolveContract(state: ContractState, event: ProcurementEvent): ContractState {
  if (event.type === 'ContractDrafted') return draftContract(event);
  if (state.status === 'EMPTY') return state;
  return evolveBy(CONTRACT_EVOLVE, state, event);
}

/**
 * Every function the contract fold runs besides the functions of CONTRACT_EVOLVE: the facets' own evolves and the
 * helpers they call. Their source text, with the tables', is the fold's version, so that a snapshot folded by other
 * code is never used (see contractFold). A spec checks that every domain function the fold calls is listed.
 */
export const CONTRACT_FOLD_HELPERS: ReadonlyArray<(...args: never[]) => unknown> = [
  initialContractState,
  evolveContract,
  draftContract,
  evolveBy,
  evolveCoFinancing,
  withOrderCoFinancing,
  afterReduction,
  evolveDateShiftRequests,
  withDateShiftRequests,
  evolveCompensationClaims,
  withCompensationClaims,
  evolveQualiopiExpiries,
  answerProposal,
  dayOf,
  exhaustive,
  upcastClauseTerms,
  upcastAmendmentProposed,
  bringIntoForce,
  commit,
  setPrice,
  withPriceSet,
  latestPrice,
  priceOn,
  withLot,
  updateLot,
  addToLot,
  updateOrder,
  updateSession,
  withAmendment,
  updateAmendment,
];
