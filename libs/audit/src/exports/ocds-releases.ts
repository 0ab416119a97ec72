import { RecordedEvent } from '@app/event-store';
import {
  AmendmentChange,
  AWARD_PROCEDURE_ARTICLES,
  AwardProcedureKind,
  Awardee,
  awardeeProviderIds,
  contractFold,
  ContractState,
  ExistingContract,
  LotState,
  OrderState,
  PaymentEvent,
  ProcurementEvent,
  WorkUnitType,
} from '@app/procurement';
import { DECP_PROCEDURES } from './decp-procedures';

/**
 * OCDS 1.1 releases of a contract: one release per decision (event of the contract's stream). Each release
 * repeats the tender, awards and contracts as they stand just after the decision, and carries only the
 * amendments and purchase-order milestones that the decision itself made or changed (identified by `id`, so
 * merging the releases into an OCDS compiled release gives the whole lists): the size of a contract's releases
 * grows with its decisions, not with their square. The mapping:
 * - the contract is the contracting process (`ocid` = prefix + contract id) and its `tender`; its lots are
 *   `tender.lots` (lots extension) and each lot's work units are `tender.items` with `relatedLot`;
 * - a lot award is an `award` (suppliers as awarded, `relatedLots`) and a `contract` (`contract-<lotId>`);
 * - purchase orders are `implementation.milestones` of their lot's contract (value, period end, met when closed);
 * - amendments in force and order adjustments are `amendments` of the contract(s) they change, with the legal
 *   basis or clause as `rationale` and `amendsReleaseID`/`releaseID` pointing at the releases before and after.
 * Money is in euros (events keep cents), currency EUR.
 */

export const OCDS_VERSION = '1.1';
export const LOTS_EXTENSION = 'https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/master/extension.json';
/** CPV code of vocational training services, the object of every contract of this platform. */
export const TRAINING_CPV: OcdsClassification = { scheme: 'CPV', id: '80530000', description: 'Services de formation professionnelle' };

/**
 * The contract's main CPV code as OCDS classifies it (eight digits, the check digit left out). Contracts drafted
 * before the code was recorded were published as vocational training services, which they keep.
 */
export function cpvClassificationOf(state: ExistingContract): OcdsClassification {
  if (state.cpvCode === undefined) return TRAINING_CPV;
  const id = state.cpvCode.slice(0, 8);
  return id === TRAINING_CPV.id ? TRAINING_CPV : { scheme: 'CPV', id };
}

/** OCDS procurementMethod codelist: open, selective, limited, direct. */
const OCDS_METHODS: Readonly<Record<AwardProcedureKind, OcdsProcurementMethod>> = {
  MAPA: 'open',
  OPEN_TENDER: 'open',
  RESTRICTED_TENDER: 'selective',
  COMPETITIVE_NEGOTIATION: 'selective',
  COMPETITIVE_DIALOGUE: 'selective',
  WITHOUT_PUBLICATION_OR_COMPETITION: 'limited',
};

/**
 * The recorded award procedure as OCDS states it. A contract drafted before it was recorded keeps what was
 * published for it then ("open"), since published data are appended to, never rewritten.
 */
function procurementMethodOf(state: ExistingContract): Pick<OcdsRelease['tender'], 'procurementMethod' | 'procurementMethodDetails' | 'procurementMethodRationale'> {
  const award = state.awardProcedure;
  if (award === undefined) return { procurementMethod: 'open', procurementMethodDetails: state.mode };
  return {
    procurementMethod: OCDS_METHODS[award.procedure],
    procurementMethodDetails: `${DECP_PROCEDURES[award.procedure]} (${AWARD_PROCEDURE_ARTICLES[award.procedure]}); ${state.mode}`,
    ...(award.ground === undefined ? {} : { procurementMethodRationale: `CCP ${award.ground}` }),
  };
}

export interface OcdsValue {
  amount: number;
  currency: 'EUR';
}
export interface OcdsOrganizationReference {
  id: string;
  name: string;
}
export interface OcdsAmendment {
  id: string;
  date: string;
  rationale: string;
  description: string;
  amendsReleaseID: string;
  releaseID: string;
}
/** Money paid to a holder: an advance, a payment of a request, retained sums released. */
export interface OcdsTransaction {
  id: string;
  date: string;
  value: OcdsValue;
  payer: OcdsOrganizationReference;
  payee: OcdsOrganizationReference;
}
export interface OcdsMilestone {
  id: string;
  title: string;
  type: 'delivery';
  code: 'purchaseOrder';
  dueDate: string;
  dateModified: string;
  dateMet?: string;
  status: 'scheduled' | 'met';
  value: OcdsValue;
}
export type OcdsProcurementMethod = 'open' | 'selective' | 'limited' | 'direct';
export interface OcdsClassification {
  scheme: 'CPV';
  id: string;
  description?: string;
}
export interface OcdsItem {
  id: string;
  description: string;
  classification: OcdsClassification;
  quantity: number;
  unit: { name: WorkUnitType; value: OcdsValue };
  relatedLot: string;
}
export interface OcdsRelease {
  ocid: string;
  id: string;
  date: string;
  tag: string[];
  initiationType: 'tender';
  language: 'fr';
  parties: Array<OcdsOrganizationReference & { roles: string[] }>;
  buyer: OcdsOrganizationReference;
  tender: {
    id: string;
    title: string;
    status: 'planning' | 'active' | 'complete' | 'cancelled';
    procurementMethod: OcdsProcurementMethod;
    procurementMethodDetails: string;
    procurementMethodRationale?: string;
    mainProcurementCategory: 'services';
    value: OcdsValue;
    maximumValue?: OcdsValue;
    contractPeriod: { startDate: string; endDate: string };
    datePublished?: string;
    items: OcdsItem[];
    lots: Array<{ id: string; title: string; description: string; maximumValue?: OcdsValue }>;
  };
  awards: Array<{
    id: string;
    title: string;
    status: 'active';
    date: string;
    suppliers: OcdsOrganizationReference[];
    relatedLots: string[];
    estimatedValue: OcdsValue;
    maximumValue?: OcdsValue;
  }>;
  contracts: Array<{
    id: string;
    awardID: string;
    title: string;
    status: 'pending' | 'active' | 'terminated';
    statusDetails?: string;
    dateSigned: string;
    period: { startDate: string; endDate: string };
    value: OcdsValue;
    maximumValue?: OcdsValue;
    implementation?: { milestones?: OcdsMilestone[]; transactions?: OcdsTransaction[] };
    amendments?: OcdsAmendment[];
  }>;
}

/** Cents as euros, the unit of OCDS amounts. */
export const euros = (cents: number): OcdsValue => ({ amount: cents / 100, currency: 'EUR' });
/** A calendar day (YYYY-MM-DD) as the date-time OCDS wants: midnight UTC. */
const dayTime = (day: string): string => `${day}T00:00:00Z`;
const buyerOf = (tenant: string): OcdsOrganizationReference => ({ id: `buyer-${tenant}`, name: `Région ${tenant}` });
const supplierOf = (providerId: string): OcdsOrganizationReference => ({ id: providerId, name: providerId });

/** What the releases remember of decisions the folded state does not keep (dates, values as awarded, amendments). */
interface Memory {
  tenant: string;
  initialEndDate: string;
  publishedAt?: string;
  awards: Map<string, { date: string; awardee: Awardee; estimatedValueCents: number }>;
  orderDates: Map<string, { issuedAt: string; modifiedAt: string; closedAt?: string }>;
  /** The amendments the current decision made, by lot. */
  amendmentsNow: Map<string, OcdsAmendment[]>;
  /** The transactions the current payment made, by lot. */
  transactionsNow: Map<string, OcdsTransaction[]>;
  /** Who asked for each payment request, and the order of each statement requested. */
  requesters: Map<string, string>;
  statementOrders: Map<string, string>;
  providers: Set<string>;
}

export function ocidOf(prefix: string, contractId: string): string {
  return `${prefix}-${contractId}`;
}

/**
 * The releases of one contract, from its stream's events and its payments stream's, in global order: each
 * decision on the contract is a release, and so is each payment made (an advance granted, a request paid,
 * retained sums released), as `implementation.transactions` of the lot's contract. Interest and the recovery
 * indemnity owed on a late payment are not transactions until paid: they are in the payments read model.
 */
export function ocdsReleasesOf(history: RecordedEvent[], ocidPrefix: string, payments: RecordedEvent[] = []): OcdsRelease[] {
  const releases: OcdsRelease[] = [];
  let state: ContractState = contractFold.initial();
  let memory: Memory | undefined;
  const ordered = [...history.map((recorded) => ({ recorded, payment: false })), ...payments.map((recorded) => ({ recorded, payment: true }))].sort(
    (a, b) => a.recorded.position - b.recorded.position,
  );
  for (const { recorded, payment } of ordered) {
    if (payment) {
      if (state.status === 'EMPTY' || memory === undefined) continue;
      memory.amendmentsNow.clear();
      memory.transactionsNow.clear();
      const event = { type: recorded.type, data: recorded.data } as PaymentEvent;
      if (!rememberPayment(memory, state, event, recorded)) continue;
      const ocid = ocidOf(ocidPrefix, state.contractId);
      releases.push(releaseOf(state, memory, event, state, ocid, `${ocid}-payments-${recorded.revision}`, recorded.metadata.occurredAt));
      continue;
    }
    const event = { type: recorded.type, data: recorded.data } as ProcurementEvent;
    const before = state;
    state = contractFold.evolve(state, recorded);
    if (state.status === 'EMPTY') continue;
    const ocid = ocidOf(ocidPrefix, state.contractId);
    const releaseId = `${ocid}-${recorded.revision}`;
    memory ??= {
      tenant: state.tenant,
      initialEndDate: state.endDate,
      awards: new Map(),
      orderDates: new Map(),
      amendmentsNow: new Map(),
      transactionsNow: new Map(),
      requesters: new Map(),
      statementOrders: new Map(),
      providers: new Set(),
    };
    memory.amendmentsNow.clear();
    memory.transactionsNow.clear();
    remember(memory, state, event, recorded, releaseId, releases.at(-1)?.id);
    releases.push(releaseOf(state, memory, event, before, ocid, releaseId, recorded.metadata.occurredAt));
  }
  return releases;
}

const PAYMENTS_MADE = new Set<string>(['AdvanceGranted', 'PaymentRecorded', 'RetentionReleased']);

/**
 * Records what a payments event tells the releases; true when it is a payment made, which makes a release. The
 * payee of an advance to a grouping is its representative (mandataire), who receives the payments of the lot.
 */
function rememberPayment(memory: Memory, state: ExistingContract, event: PaymentEvent, recorded: RecordedEvent): boolean {
  const buyer = buyerOf(memory.tenant);
  const pay = (orderId: string | undefined, transaction: Omit<OcdsTransaction, 'payer'>) => {
    const lotId = orderId === undefined ? undefined : state.orders[orderId]?.lotId;
    if (lotId === undefined) return;
    const list = memory.transactionsNow.get(lotId) ?? [];
    list.push({ ...transaction, payer: buyer });
    memory.transactionsNow.set(lotId, list);
  };
  switch (event.type) {
    case 'PaymentRequested':
      memory.requesters.set(event.data.requestId, event.data.providerId);
      memory.statementOrders.set(event.data.statementId, event.data.orderId);
      return false;
    case 'AdvanceGranted': {
      const { orderId, computation, grantedOn } = event.data;
      const awardee = state.lots[state.orders[orderId]?.lotId ?? '']?.awardee;
      const payee = awardee?.kind === 'GROUPING' ? awardee.leadProviderId : event.data.providerIds[0];
      pay(orderId, { id: `advance-${orderId}`, date: dayTime(grantedOn), value: euros(computation.amountCents), payee: supplierOf(payee) });
      break;
    }
    case 'PaymentRecorded': {
      const { orderId, requestId, paymentId, amountCents, paidOn } = event.data;
      const payee = memory.requesters.get(requestId);
      if (payee !== undefined) pay(orderId, { id: `payment-${paymentId}`, date: dayTime(paidOn), value: euros(amountCents), payee: supplierOf(payee) });
      break;
    }
    case 'RetentionReleased': {
      // Released for the whole contract: one transaction per statement, to the holder of the statement's lot.
      for (const [statementId, amountCents] of Object.entries(event.data.byStatement)) {
        const orderId = memory.statementOrders.get(statementId);
        const awardee = state.lots[state.orders[orderId ?? '']?.lotId ?? '']?.awardee;
        const holder = awardee === undefined ? undefined : awardee.kind === 'GROUPING' ? awardee.leadProviderId : awardee.providerId;
        if (holder !== undefined && amountCents > 0) {
          pay(orderId, { id: `retention-${recorded.revision}-${statementId}`, date: dayTime(event.data.releasedOn), value: euros(amountCents), payee: supplierOf(holder) });
        }
      }
      break;
    }
    default:
      return false;
  }
  return memory.transactionsNow.size > 0;
}

function remember(
  memory: Memory,
  state: ExistingContract,
  event: ProcurementEvent,
  recorded: RecordedEvent,
  releaseId: string,
  previousReleaseId: string | undefined,
): void {
  const at = recorded.metadata.occurredAt;
  const amend = (lotIds: string[], amendment: Omit<OcdsAmendment, 'amendsReleaseID' | 'releaseID'>) => {
    for (const lotId of lotIds) {
      const list = memory.amendmentsNow.get(lotId) ?? [];
      list.push({ ...amendment, amendsReleaseID: previousReleaseId ?? releaseId, releaseID: releaseId });
      memory.amendmentsNow.set(lotId, list);
    }
  };
  switch (event.type) {
    case 'ContractPublished':
      memory.publishedAt = at;
      return;
    case 'LotAwarded': {
      const lot = state.lots[event.data.lotId];
      memory.awards.set(lot.lotId, { date: event.data.awardedAt, awardee: event.data.awardee, estimatedValueCents: estimatedValueCents(lot) });
      for (const providerId of awardeeProviderIds(event.data.awardee)) memory.providers.add(providerId);
      return;
    }
    case 'OrderIssued':
      memory.orderDates.set(event.data.orderId, { issuedAt: at, modifiedAt: at });
      return;
    case 'OrderClosed': {
      const dates = memory.orderDates.get(event.data.orderId);
      if (dates) memory.orderDates.set(event.data.orderId, { ...dates, modifiedAt: at, closedAt: event.data.closedAt });
      return;
    }
    case 'OrderQuantityAdjusted':
    case 'OrderSessionMoved':
    case 'OrderSessionAdded':
    case 'OrderSessionCancelled':
    case 'OrderModalitySwitched':
    case 'OrderModuleAdded': {
      const order = state.orders[event.data.orderId];
      const dates = memory.orderDates.get(order.orderId);
      if (dates) memory.orderDates.set(order.orderId, { ...dates, modifiedAt: at });
      amend([order.lotId], {
        id: `adjustment-${recorded.revision}`,
        date: at,
        rationale: `Clause ${event.data.clauseId}: ${event.data.reason}`,
        description: `Order ${order.orderId}: ${adjustmentInWords(event)}`,
      });
      return;
    }
    case 'AmendmentCameIntoForce': {
      const amendment = state.amendments[event.data.amendmentId];
      const check = amendment.legalCheck;
      const basis = check ? `${check.article} (${check.legalBasis}, eForms ${check.eformsCode})` : event.data.legalBasis;
      const clause = amendment.reviewClauseId ? `, clause ${amendment.reviewClauseId}` : '';
      const change = event.data.change;
      const lotIds = 'lotId' in change ? [change.lotId] : Object.keys(state.lots);
      amend(lotIds, {
        id: amendment.amendmentId,
        date: event.data.inForceAt,
        rationale: `${basis}${clause}`,
        description: `${amendment.description}: ${changeInWords(change)}; amount change ${event.data.amountChangeCents / 100} EUR`,
      });
      if (change.kind === 'CONTRACTOR_CHANGE') for (const providerId of awardeeProviderIds(change.awardee)) memory.providers.add(providerId);
      return;
    }
    case 'PricesRevised': {
      // The price moving by the contract's own revision formula (revisable price, R2112-13 and R2112-14): not a modification
      // of the contract, published as an OCDS amendment so that the prices in force can be followed; formula, index values, prices.
      const { clauseId, revisionDate, formula, index, prices } = event.data;
      amend([...new Set(prices.map((price) => price.lotId))], {
        id: `price-revision-${clauseId}-${revisionDate}`,
        date: at,
        rationale: `Clause ${clauseId} (revisable price, R2112-13 and R2112-14): P = P0 × (${formula.fixedPartBasisPoints / 10_000} + ${formula.indexedPartBasisPoints / 10_000} × I/I0), index ${index.seriesId} ${index.month} = ${index.value}, base ${index.baseMonth} = ${index.baseValue}`,
        description: `Prices from ${revisionDate}: ${prices.map((price) => `${price.lotId} ${price.unitType} ${price.basePriceCents / 100} → ${price.revisedPriceCents / 100} EUR`).join('; ')}`,
      });
      return;
    }
    default:
      return;
  }
}

function releaseOf(
  state: ExistingContract,
  memory: Memory,
  event: ProcurementEvent | PaymentEvent,
  before: ContractState,
  ocid: string,
  releaseId: string,
  at: string,
): OcdsRelease {
  const lots = Object.values(state.lots);
  const buyer = buyerOf(memory.tenant);
  return {
    ocid,
    id: releaseId,
    date: at,
    tag: tagOf(event, before),
    initiationType: 'tender',
    language: 'fr',
    parties: [{ ...buyer, roles: ['buyer'] }, ...[...memory.providers].map((providerId) => ({ ...supplierOf(providerId), roles: ['supplier'] }))],
    buyer,
    tender: {
      id: state.contractId,
      title: state.title,
      status: tenderStatus(state, memory),
      ...procurementMethodOf(state),
      mainProcurementCategory: 'services',
      value: euros(state.initialValueCents),
      ...(state.maximumValueCents === undefined ? {} : { maximumValue: euros(state.maximumValueCents) }),
      contractPeriod: { startDate: dayTime(state.startDate), endDate: dayTime(memory.initialEndDate) },
      ...(memory.publishedAt ? { datePublished: memory.publishedAt } : {}),
      items: lots.flatMap((lot) => itemsOf(lot, cpvClassificationOf(state))),
      lots: lots.map((lot) => ({
        id: lot.lotId,
        title: lot.title,
        description: `Domain ${lot.scope.domainCode}; territories ${lot.scope.territoryCodes.join(', ')}; publics ${lot.scope.targetPublics.join(', ') || 'all'}`,
        ...(lot.maximumValueCents === undefined ? {} : { maximumValue: euros(lot.maximumValueCents) }),
      })),
    },
    awards: [...memory.awards].map(([lotId, award]) => ({
      id: `award-${lotId}`,
      title: state.lots[lotId].title,
      status: 'active',
      date: award.date,
      suppliers: awardeeProviderIds(award.awardee).map(supplierOf),
      relatedLots: [lotId],
      estimatedValue: euros(award.estimatedValueCents),
      ...(state.lots[lotId].maximumValueCents === undefined ? {} : { maximumValue: euros(state.lots[lotId].maximumValueCents!) }),
    })),
    contracts: [...memory.awards].map(([lotId, award]) => {
      const lot = state.lots[lotId];
      // A payment makes a transaction, not a change of its order's milestone.
      const order = PAYMENTS_MADE.has(event.type) ? undefined : state.orders[orderOf(event as ProcurementEvent) ?? ''];
      const milestones = order?.lotId === lotId ? [milestoneOf(order, memory)] : [];
      const amendments = memory.amendmentsNow.get(lotId) ?? [];
      const transactions = memory.transactionsNow.get(lotId) ?? [];
      const implementation = {
        ...(milestones.length === 0 ? {} : { milestones }),
        ...(transactions.length === 0 ? {} : { transactions }),
      };
      return {
        id: `contract-${lotId}`,
        awardID: `award-${lotId}`,
        title: lot.title,
        ...contractStatus(state, event),
        dateSigned: award.date,
        period: { startDate: dayTime(state.startDate), endDate: dayTime(state.endDate) },
        // What purchase orders have committed so far: a framework's own value is its maximum.
        value: euros(lot.orderedValueCents),
        ...(lot.maximumValueCents === undefined ? {} : { maximumValue: euros(lot.maximumValueCents) }),
        ...(Object.keys(implementation).length === 0 ? {} : { implementation }),
        ...(amendments.length === 0 ? {} : { amendments }),
      };
    }),
  };
}

/** The purchase order a decision concerns, if any. */
function orderOf(event: ProcurementEvent): string | undefined {
  const data = event.data as { orderId?: unknown };
  return typeof data.orderId === 'string' ? data.orderId : undefined;
}

/** Release tags (open releaseTag codelist) by the kind of decision. */
function tagOf(event: ProcurementEvent | PaymentEvent, before: ContractState): string[] {
  if (event.type === 'ContractDrafted') return ['planning'];
  if (before.status === 'DRAFT' && event.type !== 'ContractPublished') return ['planningUpdate'];
  switch (event.type) {
    case 'ContractPublished':
      return ['tender'];
    case 'LotDefined':
    case 'ClauseAdded':
      return ['tenderUpdate'];
    case 'LotAwarded':
      return ['award', 'contract'];
    case 'OrderIssued':
      return ['implementation'];
    case 'OrderQuantityAdjusted':
    case 'OrderSessionMoved':
    case 'OrderSessionAdded':
    case 'OrderSessionCancelled':
    case 'OrderModalitySwitched':
    case 'OrderModuleAdded':
    case 'OrderClosed':
    case 'AdjustmentPolicyConfigured':
    case 'OrderAdjustmentProposed':
    case 'AdjustmentProposalApproved':
    case 'AdjustmentProposalRejected':
      return ['implementationUpdate'];
    case 'AmendmentCameIntoForce':
    case 'PricesRevised':
      return ['contractAmendment'];
    case 'AdvanceGranted':
    case 'PaymentRecorded':
    case 'RetentionReleased':
      return ['implementationUpdate'];
    case 'ContractClosed':
    case 'ContractTerminated':
      return ['contractTermination'];
    default:
      // Activation and the steps of an amendment before it is in force.
      return ['contractUpdate'];
  }
}

function tenderStatus(state: ExistingContract, memory: Memory): OcdsRelease['tender']['status'] {
  if (state.status === 'DRAFT') return 'planning';
  if (memory.awards.size > 0) return 'complete';
  return state.status === 'PUBLISHED' ? 'active' : 'cancelled';
}

function contractStatus(state: ExistingContract, event: ProcurementEvent | PaymentEvent): { status: 'pending' | 'active' | 'terminated'; statusDetails?: string } {
  switch (state.status) {
    case 'ACTIVE':
      return { status: 'active' };
    case 'CLOSED':
      return { status: 'terminated', statusDetails: 'Closed at its end' };
    case 'TERMINATED':
      return { status: 'terminated', statusDetails: event.type === 'ContractTerminated' ? `Terminated: ${event.data.reason}` : 'Terminated' };
    default:
      return { status: 'pending' };
  }
}

function itemsOf(lot: LotState, classification: OcdsClassification): OcdsItem[] {
  return Object.values(lot.workUnits).map((unit) => ({
    id: `${lot.lotId}-${unit!.type}`,
    description: `${lot.title}: ${unit!.type}`,
    classification,
    quantity: unit!.initialQuantity,
    unit: { name: unit!.type, value: euros(unit!.unitPriceCents) },
    relatedLot: lot.lotId,
  }));
}

function estimatedValueCents(lot: LotState): number {
  return Object.values(lot.workUnits).reduce((sum, unit) => sum + unit!.initialQuantity * unit!.unitPriceCents, 0);
}

function milestoneOf(order: OrderState, memory: Memory): OcdsMilestone {
  const dates = memory.orderDates.get(order.orderId)!;
  return {
    id: `order-${order.orderId}`,
    title: `Purchase order ${order.orderId}`,
    type: 'delivery',
    code: 'purchaseOrder',
    dueDate: dayTime(order.periodEnd),
    dateModified: dates.modifiedAt,
    ...(dates.closedAt ? { dateMet: dates.closedAt } : {}),
    status: order.status === 'CLOSED' ? 'met' : 'scheduled',
    value: euros(order.valueCents),
  };
}

function adjustmentInWords(event: ProcurementEvent): string {
  switch (event.type) {
    case 'OrderQuantityAdjusted':
      return `${event.data.delta > 0 ? '+' : ''}${event.data.delta} ${event.data.unitType} (now ${event.data.quantityAfter})`;
    case 'OrderSessionMoved':
      return `session ${event.data.sessionId} moved to ${event.data.startDate}–${event.data.endDate}`;
    case 'OrderSessionAdded':
      return `session ${event.data.session.sessionId} added`;
    case 'OrderSessionCancelled':
      return `session ${event.data.sessionId} cancelled`;
    case 'OrderModalitySwitched':
      return `session ${event.data.sessionId} switched from ${event.data.from} to ${event.data.to}`;
    case 'OrderModuleAdded':
      return `module ${event.data.moduleId} added (${event.data.quantity} ${event.data.unitType})`;
    default:
      return event.type;
  }
}

function changeInWords(change: AmendmentChange): string {
  switch (change.kind) {
    case 'PRICE':
      return `lot ${change.lotId} ${change.unitType} unit price ${change.newUnitPriceCents / 100} EUR`;
    case 'DURATION':
      return `end date ${change.newEndDate}`;
    case 'SCOPE':
      return `lot ${change.lotId} scope changed`;
    case 'NEW_MODULES':
      return `lot ${change.lotId} modules ${change.modules.map((module) => module.moduleId).join(', ')} added`;
    case 'CONTRACTOR_CHANGE':
      return `lot ${change.lotId} performed by ${awardeeProviderIds(change.awardee).join(', ')}`;
    case 'VOLUME':
      return `lot ${change.lotId} ${change.unitType} maximum ${change.newMaxQuantity}`;
  }
}
