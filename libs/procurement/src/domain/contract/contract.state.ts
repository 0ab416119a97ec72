import { AmendmentChange, AmendmentEvent, RecordedLegalCheck } from '../amendment/amendment.events';
import { ClauseEvent } from '../clause/clause.events';
import { CompensationClaimEvent } from '../compensation-claim/compensation-claim.events';
import { CompensationClaimState, evolveCompensationClaims } from '../compensation-claim/compensation-claim.state';
import { CoFinancingEvent } from '../co-financing/co-financing.events';
import { QualiopiExpiryEvent } from '../qualiopi-expiry/qualiopi-expiry.events';
import { evolveQualiopiExpiries, QualiopiExpiries } from '../qualiopi-expiry/qualiopi-expiry.state';
import { afterReduction, evolveCoFinancing, OrderCoFinancing } from '../co-financing/co-financing.state';
import { DateShiftEvent } from '../date-shift/date-shift.events';
import { DateShiftRequestState, evolveDateShiftRequests } from '../date-shift/date-shift.state';
import { LotEvent } from '../lot/lot.events';
import { OrderEvent } from '../order/order.events';
import { Adjustment } from '../order/order.commands';
import { AdjustmentPolicySettings, ProposalEvent } from '../proposal/proposal.events';
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
import { dayOf } from '../terms/command-meta';
import { LOT_EVOLVE } from '../lot/lot.evolve';
import { addToLot, evolveBy, setPrice, updateAmendment, updateLot, updateOrder, updateSession, withAmendment, withLot } from './facet-evolve';
import { latestPrice, priceOn, PriceHistory, withPriceSet } from '../price-revision/unit-price-in-force';
import { upcastClauseTerms } from '../clause/clause.upcast';
import { AmendmentComputation } from '../amendment/amendment-figures';
import { upcastAmendmentProposed } from '../amendment/amendment.upcast';
import { PricesRevised, PriceRevisionEvent } from '../price-revision/price-revision.events';
import { ContractDrafted, ContractLifecycleEvent } from './contract.events';

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

/** Folds one fact into the state. Never refuses: events are facts. */
export function evolveContract(state: ContractState, event: ProcurementEvent): ContractState {
  if (event.type === 'ContractDrafted') {
    const { data } = event;
    return {
      status: 'DRAFT',
      ...data,
      currentValueCents: data.initialValueCents,
      orderedValueCents: 0,
      lots: {},
      clauses: {},
      orders: {},
      amendments: {},
      proposals: {},
      dateShiftRequests: {},
      modifications: [],
      priceRevisions: {},
      compensationClaims: {},
    };
  }
  if (state.status === 'EMPTY') return state;
  switch (event.type) {
    case 'ContractPublished':
      return { ...state, status: 'PUBLISHED' };
    case 'ContractActivated':
      return { ...state, status: 'ACTIVE' };
    case 'ContractClosed':
      return { ...state, status: 'CLOSED' };
    case 'ContractTerminated':
      return { ...state, status: 'TERMINATED' };
    case 'LotDefined':
    case 'LotAwarded':
      return evolveBy(LOT_EVOLVE, state, event);
    case 'ClauseAdded': {
      const clause = { ...event.data, terms: upcastClauseTerms(event.data.terms) };
      return { ...state, clauses: { ...state.clauses, [clause.clauseId]: clause } };
    }
    case 'PricesRevised': {
      const { clauseId, revisionDate, prices } = event.data;
      const revised = prices.reduce(
        (folded, price) =>
          setPrice(folded, price.lotId, price.unitType, {
            from: revisionDate,
            unitPriceCents: price.revisedPriceCents,
            source: 'PRICE_REVISION',
            sourceId: `${clauseId}@${revisionDate}`,
          }),
        state,
      );
      return { ...revised, priceRevisions: { ...revised.priceRevisions, [`${clauseId}@${revisionDate}`]: event.data } };
    }
    case 'OrderIssued': {
      const { orderId, lotId, lines, sessions, periodStart, periodEnd, valueCents } = event.data;
      // An order may hold several lines of one work unit: they add up, as the decider counted them.
      const quantities: Quantities = {};
      for (const line of lines) quantities[line.unitType] = (quantities[line.unitType] ?? 0) + line.quantity;
      const order: OrderState = {
        orderId,
        lotId,
        status: 'ISSUED',
        quantities,
        committed: Object.fromEntries(Object.entries(quantities).map(([unitType, quantity]) => [unitType, [{ from: periodStart, quantity }]])),
        sessions: Object.fromEntries(
          sessions.map((session) => [session.sessionId, { ...session, originalStartDate: session.startDate, cancelled: false }]),
        ),
        periodStart,
        periodEnd,
        valueCents,
        modules: [],
      };
      const withOrder = { ...state, orders: { ...state.orders, [orderId]: order } };
      return addToLot(withOrder, lotId, quantities, valueCents);
    }
    case 'OrderQuantityAdjusted': {
      const { orderId, unitType, delta, valueDeltaCents, clauseId } = event.data;
      const order = state.orders[orderId];
      const adjusted = updateOrder(state, orderId, (o) => ({
        ...commit(o, unitType, (o.quantities[unitType] ?? 0) + delta, event.data.adjustedOn),
        valueCents: o.valueCents + valueDeltaCents,
      }));
      const reduced = event.data.coFinancing
        ? updateOrder(adjusted, orderId, (o) => ({ ...o, coFinancing: afterReduction(o.coFinancing ?? {}, event.data.coFinancing!) }))
        : adjusted;
      const counted = addToLot(reduced, order.lotId, { [unitType]: delta }, valueDeltaCents);
      if (state.clauses[clauseId]?.terms.type !== 'VOLUME') return counted;
      return updateLot(counted, order.lotId, (lot) => ({
        ...lot,
        volumeAdjusted: { ...lot.volumeAdjusted, [unitType]: (lot.volumeAdjusted[unitType] ?? 0) + delta },
      }));
    }
    case 'OrderSessionMoved':
      return updateSession(state, event.data.orderId, event.data.sessionId, (session) => ({
        ...session,
        startDate: event.data.startDate,
        endDate: event.data.endDate,
      }));
    case 'OrderSessionAdded': {
      const { session } = event.data;
      return updateOrder(state, event.data.orderId, (o) => ({
        ...o,
        sessions: { ...o.sessions, [session.sessionId]: { ...session, originalStartDate: session.startDate, cancelled: false } },
      }));
    }
    case 'OrderSessionCancelled':
      return updateSession(state, event.data.orderId, event.data.sessionId, (session) => ({ ...session, cancelled: true }));
    case 'OrderModalitySwitched':
      return updateSession(state, event.data.orderId, event.data.sessionId, (session) => ({
        ...session,
        modality: event.data.to,
      }));
    case 'OrderModuleAdded': {
      const { orderId, moduleId, unitType, quantity, valueDeltaCents } = event.data;
      const order = state.orders[orderId];
      const adjusted = updateOrder(state, orderId, (o) => ({
        ...commit(o, unitType, (o.quantities[unitType] ?? 0) + quantity, event.data.adjustedOn),
        valueCents: o.valueCents + valueDeltaCents,
        modules: [...o.modules, { moduleId, quantity }],
      }));
      return addToLot(adjusted, order.lotId, { [unitType]: quantity }, valueDeltaCents);
    }
    case 'OrderTraineeSwitchedToRemote': {
      const { orderId, traineeId, weeksAfter } = event.data;
      return updateOrder(state, orderId, (o) => ({ ...o, remoteWeeks: { ...o.remoteWeeks, [traineeId]: weeksAfter } }));
    }
    case 'OrderClosed':
      return updateOrder(state, event.data.orderId, (o) => ({ ...o, status: 'CLOSED' }));
    case 'AmendmentRequested': {
      const { amendmentId, providerId, description, change } = event.data;
      return withAmendment(state, {
        amendmentId,
        status: 'REQUESTED',
        description,
        change,
        requestedBy: providerId,
        amountChangeCents: 0,
        providerIds: [],
        acknowledgedBy: [],
        acceptedBy: [],
      });
    }
    case 'AmendmentProposed': {
      const { amendmentId, description, change, amountChangeCents, computation, declaredAmountChangeCents, legalCheck, requestId, reviewClauseId } =
        upcastAmendmentProposed(event.data);
      const requested = requestId ? state.amendments[requestId] : undefined;
      return withAmendment(state, {
        amendmentId,
        status: 'PROPOSED',
        description,
        change,
        ...(requested?.requestedBy ? { requestedBy: requested.requestedBy } : {}),
        amountChangeCents,
        computation,
        ...(declaredAmountChangeCents === undefined ? {} : { declaredAmountChangeCents }),
        ...(reviewClauseId === undefined ? {} : { reviewClauseId }),
        legalCheck,
        providerIds: [],
        acknowledgedBy: [],
        acceptedBy: [],
      });
    }
    case 'TenderCommitteeOpinionRecorded':
      return updateAmendment(state, event.data.amendmentId, (a) => ({
        ...a,
        tenderCommitteeOpinion: { opinionDate: event.data.opinionDate, favourable: event.data.favourable },
      }));
    case 'AmendmentSigned':
      return updateAmendment(state, event.data.amendmentId, (a) => ({ ...a, status: 'SIGNED' }));
    case 'AmendmentNotified':
      return updateAmendment(state, event.data.amendmentId, (a) => ({
        ...a,
        status: 'NOTIFIED',
        providerIds: event.data.providerIds,
        responseDeadline: event.data.responseDeadline,
      }));
    case 'AmendmentAcknowledged':
      return updateAmendment(state, event.data.amendmentId, (a) => ({
        ...a,
        acknowledgedBy: [...a.acknowledgedBy, event.data.providerId],
      }));
    case 'AmendmentDisputed':
      return updateAmendment(state, event.data.amendmentId, (a) => ({
        ...a,
        status: 'DISPUTED',
        dispute: { providerId: event.data.providerId, reason: event.data.reason },
      }));
    case 'AmendmentAccepted':
      return updateAmendment(state, event.data.amendmentId, (a) => ({
        ...a,
        acceptedBy: [...a.acceptedBy, event.data.providerId],
      }));
    case 'AmendmentDeemedAccepted':
      return state;
    case 'AmendmentLeftUnanswered':
      return updateAmendment(state, event.data.amendmentId, (a) => ({ ...a, status: 'UNANSWERED' }));
    case 'AmendmentWithdrawn':
      return updateAmendment(state, event.data.amendmentId, (a) => ({ ...a, status: 'WITHDRAWN', withdrawal: { reason: event.data.reason, withdrawnAt: event.data.withdrawnAt } }));
    case 'AmendmentCameIntoForce':
      return bringIntoForce(state, event.data.amendmentId, event.data.inForceAt);
    case 'UnilateralModificationImposed': {
      const { amendmentId, description, change, amountChangeCents, computation, declaredAmountChangeCents, legalCheck, reviewClauseId, ground, providerIds } = event.data;
      return withAmendment(state, {
        amendmentId,
        status: 'SIGNED',
        act: 'UNILATERAL_MODIFICATION',
        ground,
        description,
        change,
        amountChangeCents,
        computation,
        ...(declaredAmountChangeCents === undefined ? {} : { declaredAmountChangeCents }),
        ...(reviewClauseId === undefined ? {} : { reviewClauseId }),
        legalCheck,
        providerIds,
        acknowledgedBy: [],
        acceptedBy: [],
      });
    }
    case 'CompensationClaimFiled':
    case 'CompensationClaimAccepted':
    case 'CompensationClaimRefused':
      return { ...state, compensationClaims: evolveCompensationClaims(state.compensationClaims, event) };
    case 'AdjustmentPolicyConfigured': {
      const { configuredAt: _configuredAt, ...settings } = event.data;
      return { ...state, adjustmentPolicy: settings };
    }
    case 'OrderAdjustmentProposed': {
      const { proposedAt: _proposedAt, ...proposal } = event.data;
      return { ...state, proposals: { ...state.proposals, [proposal.proposalId]: { ...proposal, status: 'PENDING' } } };
    }
    case 'AdjustmentProposalApproved':
    case 'AdjustmentProposalRejected': {
      const proposal = state.proposals[event.data.proposalId];
      const status = event.type === 'AdjustmentProposalApproved' ? 'APPROVED' : 'REJECTED';
      return { ...state, proposals: { ...state.proposals, [proposal.proposalId]: { ...proposal, status } } };
    }
    case 'CoFinancingOffered':
    case 'CoFinancingTerminationOffered':
    case 'CoFinancingAgreed':
    case 'CoFinancingEnded':
    case 'CoFinancingOfferDeclined':
    case 'CoFinancedReductionConsented':
      return updateOrder(state, event.data.orderId, (o) => ({ ...o, coFinancing: evolveCoFinancing(o.coFinancing, event) }));
    case 'SessionDateShiftRequested':
    case 'SessionDateShiftAccepted':
    case 'SessionDateShiftDeclined':
      return { ...state, dateShiftRequests: evolveDateShiftRequests(state.dateShiftRequests, event) };
    case 'QualiopiCertificateExpired':
      return { ...state, qualiopiExpiries: evolveQualiopiExpiries(state.qualiopiExpiries, event) };
    default:
      return exhaustive(event);
  }
}

/** An accepted amendment changes the terms that later orders and amendments are checked against. */
function bringIntoForce(state: ExistingContract, amendmentId: string, inForceAt: string): ExistingContract {
  const amendment = state.amendments[amendmentId];
  const inForce = updateAmendment(state, amendmentId, (a) => ({ ...a, status: 'IN_FORCE' }));
  const amount = amendment.amountChangeCents;
  const counted: ExistingContract = {
    ...inForce,
    currentValueCents: inForce.currentValueCents + amount,
    ...(inForce.maximumValueCents === undefined ? {} : { maximumValueCents: inForce.maximumValueCents + amount }),
    modifications: [
      ...inForce.modifications,
      { amendmentId, legalBasis: amendment.legalCheck?.legalBasis ?? 'UNKNOWN', amountChangeCents: amount },
    ],
  };
  const change = amendment.change;
  switch (change.kind) {
    case 'DURATION':
      return { ...counted, endDate: change.newEndDate };
    case 'PRICE':
      return setPrice(counted, change.lotId, change.unitType, {
        from: dayOf(inForceAt),
        unitPriceCents: change.newUnitPriceCents,
        source: 'AMENDMENT',
        sourceId: amendmentId,
      });
    case 'SCOPE':
      return updateLot(counted, change.lotId, (lot) => ({
        ...lot,
        scope: {
          ...lot.scope,
          ...(change.territoryCodes ? { territoryCodes: change.territoryCodes } : {}),
          ...(change.targetPublics ? { targetPublics: change.targetPublics } : {}),
        },
      }));
    case 'NEW_MODULES':
      return updateLot(counted, change.lotId, (lot) => ({ ...lot, amendedModules: [...lot.amendedModules, ...change.modules] }));
    case 'CONTRACTOR_CHANGE':
      return updateLot(counted, change.lotId, (lot) => ({ ...lot, awardee: change.awardee }));
    case 'VOLUME':
      return updateLot(counted, change.lotId, (lot) => ({
        ...lot,
        workUnits: {
          ...lot.workUnits,
          [change.unitType]: { ...lot.workUnits[change.unitType]!, maxQuantity: change.newMaxQuantity },
        },
        ...(lot.maximumValueCents === undefined ? {} : { maximumValueCents: lot.maximumValueCents + amount }),
      }));
    default:
      return exhaustive(change);
  }
}

/**
 * The order's new quantity of a work unit, committed from the day of the change; a change recorded without a
 * day (before changes were dated) is read as in force from the order's start, as it was then.
 */
function commit(order: OrderState, unitType: WorkUnitType, quantity: number, adjustedOn: string | undefined): OrderState {
  const from = adjustedOn ?? order.periodStart;
  return {
    ...order,
    quantities: { ...order.quantities, [unitType]: quantity },
    committed: { ...order.committed, [unitType]: [...(order.committed[unitType] ?? []), { from, quantity }] },
  };
}

/**
 * Every function the contract fold runs, the facets' evolves and the helpers they call included: their source text
 * is the fold's version, so that a snapshot folded by other code is never used (see contractFold). A spec checks
 * that every domain function a listed one calls is listed too.
 */
export const CONTRACT_FOLD_CODE: ReadonlyArray<(...args: never[]) => unknown> = [
  initialContractState,
  evolveContract,
  evolveBy,
  ...Object.values(LOT_EVOLVE),
  evolveCoFinancing,
  afterReduction,
  evolveDateShiftRequests,
  evolveCompensationClaims,
  evolveQualiopiExpiries,
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

export function exhaustive(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
