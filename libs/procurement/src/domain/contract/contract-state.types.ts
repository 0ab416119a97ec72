// Types only: the facets' folds import these without importing the fold that merges them (contract.state.ts).
import type { AmendmentChange, AmendmentComputation, AmendmentEvent, RecordedLegalCheck } from '../amendment/amendment.events';
import type { ClauseEvent } from '../clause/clause.events';
import type { CoFinancingEvent } from '../co-financing/co-financing.events';
import type { OrderCoFinancing } from '../co-financing/co-financing.state';
import type { CompensationClaimEvent } from '../compensation-claim/compensation-claim.events';
import type { CompensationClaimState } from '../compensation-claim/compensation-claim.state';
import type { DateShiftEvent } from '../date-shift/date-shift.events';
import type { DateShiftRequestState } from '../date-shift/date-shift.state';
import type { LotEvent } from '../lot/lot.events';
import type { OrderEvent } from '../order/order.events';
import type { PriceHistory } from '../price-revision/price-history';
import type { PricesRevised, PriceRevisionEvent } from '../price-revision/price-revision.events';
import type { AdjustmentPolicySettings, ProposalDraft, ProposalEvent } from '../proposal/proposal.events';
import type { QualiopiExpiryEvent } from '../qualiopi-expiry/qualiopi-expiry.events';
import type { QualiopiExpiries } from '../qualiopi-expiry/qualiopi-expiry.state';
import type { Awardee, CatalogueModule, Clause, LotScope, LotTraining, Session, WorkUnitTerms, WorkUnitType } from '../terms/procurement-terms';
import type { ContractDrafted, ContractLifecycleEvent } from './contract.events';

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

export interface ProposalState extends ProposalDraft {
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
