import {
  CoordinationMeta,
  ImportLabourMarketSignals,
  LabourMarketSignalsImported,
  PurchaseDeclarationCommand,
  PurchaseDeclarationEvent,
  PurchaseOverlapDetected,
  RecruitmentTensionObserved,
  RegionOrderScope,
} from '@app/coordination';
import { RecordedEvent } from '@app/event-store';
import {
  AttendanceRecorded,
  CommandMeta,
  DeliveryCommand,
  DeliveryReport,
  DeliveryTerms,
  HOURS_DELIVERED_SCHEMA_VERSION,
  SERVICE_STATEMENT_SCHEMA_VERSION,
  TRAINEE_ENTERED_SCHEMA_VERSION,
  TRAINEE_LEFT_EARLY_SCHEMA_VERSION,
  TraineeOutcomeObserved,
  ImportPriceIndexValues,
  OrderFacts,
  PaymentCommand,
  PaymentEvent,
  StatementFacts,
  EvaluationCommand,
  EvaluationEvent,
  ProgrammeCommand,
  ProgrammeEvent,
  ProviderRegisterCommand,
  ProviderRegisterEvent,
  PriceIndexValuesImported,
  ProcurementCommand,
  ProcurementEvent,
  TraineeReferred,
} from '@app/procurement';
import { SameTypes } from '@app/shared/same-types';
import { AMENDMENT_RECONSTRUCT } from './command-reconstruction/amendment.reconstruct';
import { CLAUSE_RECONSTRUCT } from './command-reconstruction/clause.reconstruct';
import { CO_FINANCING_RECONSTRUCT } from './command-reconstruction/co-financing.reconstruct';
import { COMPENSATION_CLAIM_RECONSTRUCT } from './command-reconstruction/compensation-claim.reconstruct';
import { CONTRACT_RECONSTRUCT } from './command-reconstruction/contract.reconstruct';
import { DATE_SHIFT_RECONSTRUCT } from './command-reconstruction/date-shift.reconstruct';
import { FacetReconstruct } from './command-reconstruction/facet-reconstruct';
import { LOT_RECONSTRUCT } from './command-reconstruction/lot.reconstruct';
import { ORDER_RECONSTRUCT } from './command-reconstruction/order.reconstruct';
import { PRICE_REVISION_RECONSTRUCT } from './command-reconstruction/price-revision.reconstruct';
import { PROPOSAL_RECONSTRUCT } from './command-reconstruction/proposal.reconstruct';
import { QUALIOPI_EXPIRY_RECONSTRUCT } from './command-reconstruction/qualiopi-expiry.reconstruct';

/**
 * How the command behind each kind of contract decision is rebuilt, the facets' tables merged
 * (command-reconstruction/<facet>.reconstruct.ts): an event type of the union without its case fails to compile,
 * and so does a table of a type outside it.
 */
const RECONSTRUCT = {
  ...CONTRACT_RECONSTRUCT,
  ...LOT_RECONSTRUCT,
  ...QUALIOPI_EXPIRY_RECONSTRUCT,
  ...CLAUSE_RECONSTRUCT,
  ...ORDER_RECONSTRUCT,
  ...AMENDMENT_RECONSTRUCT,
  ...COMPENSATION_CLAIM_RECONSTRUCT,
  ...PRICE_REVISION_RECONSTRUCT,
  ...PROPOSAL_RECONSTRUCT,
  ...CO_FINANCING_RECONSTRUCT,
  ...DATE_SHIFT_RECONSTRUCT,
} satisfies FacetReconstruct<ProcurementEvent>;
const _everyTypeReconstructed: SameTypes<keyof typeof RECONSTRUCT, ProcurementEvent['type']> = true;

/**
 * The command that produced a recorded decision, rebuilt from the first event the command wrote: the events
 * carry the command's data (that is what makes them auditable), and the metadata carries when and who.
 * Undefined when the command cannot be rebuilt exactly (the events are then only folded, not decided again),
 * and for a type of no facet's table (own keys only: a type is any string).
 */
export function contractCommandOf(first: RecordedEvent): ProcurementCommand | undefined {
  if (!Object.hasOwn(RECONSTRUCT, first.type)) return undefined;
  const reconstruct = RECONSTRUCT[first.type as ProcurementEvent['type']] as (event: ProcurementEvent, meta: CommandMeta, recorded: RecordedEvent) => ProcurementCommand | undefined;
  return reconstruct({ type: first.type, data: first.data } as ProcurementEvent, metaOf(first), first);
}

/**
 * Delivery events whose rules changed with their schema version: those recorded before are read as they were
 * written (a version 1 statement paid every unit delivered at the price of its issue day; version 1 hours took
 * no trainee, no session day and no daily schedule into account), folded, and not decided again by the rules
 * of today, which would refuse or compute them otherwise.
 */
const CURRENT_SCHEMA_VERSIONS: Record<string, number> = {
  ServiceStatementIssued: SERVICE_STATEMENT_SCHEMA_VERSION,
  HoursDelivered: HOURS_DELIVERED_SCHEMA_VERSION,
  // Version 1 exits gave a reason only: today's report states the destination, so they are folded as recorded.
  TraineeLeftEarly: TRAINEE_LEFT_EARLY_SCHEMA_VERSION,
  // Version 1 entries stated no targeting data: read as NOT_RECORDED, they are folded as recorded.
  TraineeEntered: TRAINEE_ENTERED_SCHEMA_VERSION,
};

function decidedUnderEarlierRules(event: RecordedEvent): boolean {
  const current = CURRENT_SCHEMA_VERSIONS[event.type];
  return current !== undefined && (event.metadata.schemaVersion ?? 1) < current;
}

/** Report kinds by the event each produces: the report's fields are the event's, less the order's ids. */
const REPORT_KINDS: Record<string, string> = {
  SessionStarted: 'SESSION_STARTED',
  SessionEnded: 'SESSION_ENDED',
  TraineeEntered: 'TRAINEE_ENTERED',
  TraineeWaitlisted: 'TRAINEE_WAITLISTED',
  TraineeAtRiskReported: 'TRAINEE_AT_RISK',
  ReferralRefused: 'REFERRAL_REFUSED',
  ReferralNoShow: 'REFERRAL_NO_SHOW',
  TraineeLeftEarly: 'TRAINEE_LEFT_EARLY',
  TraineeCompleted: 'TRAINEE_COMPLETED',
  CertificationObtained: 'CERTIFICATION_OBTAINED',
  OpenDaysDelivered: 'OPEN_DAYS_DELIVERED',
  HoursDelivered: 'HOURS_DELIVERED',
  SubscriptionMonthsDelivered: 'SUBSCRIPTION_MONTHS_DELIVERED',
};

/**
 * The delivery command behind a recorded delivery event, given the order's terms as the contract's stream
 * stood when the event was written. Event metadata does not record which provider a provider's user acts
 * for, so the report is rebuilt as sent by the order's first provider: the provider-membership rule is not
 * re-checked (the role is).
 */
export function deliveryCommandOf(first: RecordedEvent, terms: DeliveryTerms, group: RecordedEvent[] = [first]): DeliveryCommand | undefined {
  const meta = metaOf(first);
  if (decidedUnderEarlierRules(first)) return undefined;
  if (first.type === 'TraineeOutcomeObserved') {
    // The outcomes one command recorded (one, or an import's lines for the order), in their order.
    const outcomes = group.map((event) => {
      const { contractId: _c, orderId: _o, sessionId: _s, exitedOn: _e, ...observation } = event.data as unknown as TraineeOutcomeObserved['data'];
      return observation;
    });
    const providerId = first.metadata.role === 'provider' ? terms.providerIds[0] : undefined;
    return { type: 'RecordTraineeOutcomes', meta: { ...meta, ...(providerId === undefined ? {} : { providerId }) }, terms, data: { outcomes } };
  }
  if (first.type === 'ServiceStatementIssued') {
    const { statementId, periodStart, periodEnd } = first.data as { statementId: string; periodStart: string; periodEnd: string };
    return { type: 'IssueServiceStatement', meta, terms, data: { statementId, periodStart, periodEnd } };
  }
  if (first.type === 'TraineeReferred') {
    const { referralId, traineeId, sessionId, publics } = first.data as unknown as TraineeReferred['data'];
    return { type: 'ReferTrainee', meta, terms, data: { referralId, traineeId, sessionId, publics } };
  }
  if (first.type === 'AttendanceRecorded') {
    const { sheetId, sessionId, contentHash, lines } = first.data as unknown as AttendanceRecorded['data'];
    return {
      type: 'RecordAttendance',
      meta: { ...meta, providerId: terms.providerIds[0] },
      terms,
      data: { sheetId, sessionId, contentHash, lines: lines.map((line, index) => ({ ...line, line: index + 1 })) },
    };
  }
  const kind = REPORT_KINDS[first.type];
  if (kind === undefined) return undefined;
  const { contractId: _contractId, orderId: _orderId, ...fields } = first.data;
  const providerId = first.metadata.role === 'provider' ? terms.providerIds[0] : undefined;
  return {
    type: 'ReportDelivery',
    meta: { ...meta, ...(providerId === undefined ? {} : { providerId }) },
    terms,
    data: { kind, ...fields } as unknown as DeliveryReport,
  };
}

function metaOf(event: RecordedEvent): CommandMeta {
  return { at: event.metadata.occurredAt, actorId: event.metadata.actorId };
}

/**
 * The command behind a group of purchase-declaration events. A declaration and the worker's check record the
 * overlaps they found with the figures of the Région order read: the order is rebuilt from those figures (its
 * territories as the ones in common), so the overlap is computed again, but an order read and found apart
 * leaves no trace and is not re-checked.
 */
export function declarationCommandOf(events: RecordedEvent[]): PurchaseDeclarationCommand | undefined {
  const [first] = events;
  const meta = coordinationMetaOf(first);
  const regionOrders = events.filter((event) => event.type === 'PurchaseOverlapDetected').map((event) => regionOrderOf(event));
  const event = { type: first.type, data: first.data } as PurchaseDeclarationEvent;
  switch (event.type) {
    case 'PurchaseDeclared': {
      const { declaredAt: _declaredAt, ...terms } = event.data;
      return { type: 'DeclarePurchase', meta, data: { ...terms, regionOrders } };
    }
    case 'PurchaseOverlapDetected':
      return regionOrders.length === 1 ? { type: 'CheckRegionOrder', meta, data: { regionOrder: regionOrders[0] } } : undefined;
    case 'PurchaseOverlapResolved': {
      const { overlapId, decision, coFinancedOrderId, reason } = event.data;
      return { type: 'ResolvePurchaseOverlap', meta, data: { overlapId, decision, ...(coFinancedOrderId === undefined ? {} : { coFinancedOrderId }), reason } };
    }
    case 'PurchaseDeclarationWithdrawn':
      return { type: 'WithdrawPurchaseDeclaration', meta, data: { reason: event.data.reason } };
  }
}

/** The import behind a group of labour-market events: the file's rows are the figures recorded with it. */
export function labourMarketCommandOf(events: RecordedEvent[]): ImportLabourMarketSignals | undefined {
  const [first] = events;
  if (first.type !== 'LabourMarketSignalsImported') return undefined;
  const { tenant, contentHash } = first.data as LabourMarketSignalsImported['data'];
  const signals = events
    .filter((event) => event.type === 'RecruitmentTensionObserved')
    .map((event) => {
      const { importId: _importId, tenant: _tenant, ...signal } = event.data as unknown as RecruitmentTensionObserved['data'];
      return signal;
    });
  return { type: 'ImportLabourMarketSignals', meta: coordinationMetaOf(first), data: { tenant, contentHash, signals } };
}

function regionOrderOf(detected: RecordedEvent): RegionOrderScope {
  const figures = detected.data as unknown as PurchaseOverlapDetected['data'];
  return {
    tenant: detected.metadata.tenant,
    contractId: figures.contractId,
    lotId: figures.lotId,
    orderId: figures.orderId,
    domainCode: figures.domainCode,
    territoryCodes: figures.commonTerritoryCodes,
    periodStart: figures.regionOrder.periodStart,
    periodEnd: figures.regionOrder.periodEnd,
    lines: figures.regionOrder.lines,
    valueCents: figures.regionOrder.valueCents,
  };
}

function coordinationMetaOf(event: RecordedEvent): CoordinationMeta {
  return { at: event.metadata.occurredAt, actorId: event.metadata.actorId, role: event.metadata.role };
}

/** The import behind a file of index values: the values are the event's. */
export function priceIndexCommandOf(first: RecordedEvent): ImportPriceIndexValues | undefined {
  if (first.type !== 'PriceIndexValuesImported') return undefined;
  const { tenant, contentHash, values } = first.data as PriceIndexValuesImported['data'];
  return { type: 'ImportPriceIndexValues', meta: metaOf(first), data: { tenant, contentHash, values } };
}

/** The register's commands carry what their events record, less the time of recording. */
export function providerRegisterCommandOf(first: RecordedEvent): ProviderRegisterCommand | undefined {
  const event = { type: first.type, data: first.data } as ProviderRegisterEvent;
  switch (event.type) {
    case 'ProviderRegistered': {
      const { tenant, providerId, legalName, siret, declarationNumber } = event.data;
      return { type: 'RegisterProvider', meta: metaOf(first), data: { tenant, providerId, legalName, siret, declarationNumber } };
    }
    case 'QualiopiCertificateRecorded': {
      const { tenant, providerId, certificate } = event.data;
      return { type: 'RecordQualiopiCertificate', meta: metaOf(first), data: { tenant, providerId, certificate } };
    }
    case 'ProviderContactsUpdated': {
      const { tenant, providerId, contacts } = event.data;
      return { type: 'UpdateProviderContacts', meta: metaOf(first), data: { tenant, providerId, contacts } };
    }
    default:
      return undefined;
  }
}

/**
 * The payments stream's commands carry what their events record; a payment request and a dispute also carry
 * the statement they concern, given here as the order's delivery stream and the contract held it then.
 */
export function paymentCommandOf(first: RecordedEvent, statement: StatementFacts | undefined, order: OrderFacts | undefined): PaymentCommand | undefined {
  const meta = metaOf(first);
  const event = { type: first.type, data: first.data } as unknown as PaymentEvent;
  switch (event.type) {
    case 'AdvanceGranted': {
      if (!order) return undefined;
      const { buyerCategory, providerIsSme, ratePercent, vatRatePercent } = event.data.computation;
      return { type: 'GrantAdvance', meta, order, data: { buyerCategory, providerIsSme, ratePercent, vatRatePercent } };
    }
    case 'RetentionSet': {
      const { contractId, retentionPercent, releaseOn } = event.data;
      return { type: 'SetRetention', meta, data: { contractId, retentionPercent, releaseOn } };
    }
    case 'RetentionReleased':
      return { type: 'ReleaseRetention', meta };
    case 'PaymentRequested': {
      if (!statement) return undefined;
      const { requestId, invoiceReference, amountCents, providerId } = event.data;
      return { type: 'RequestPayment', meta: { ...meta, providerId }, statement, data: { requestId, invoiceReference, amountCents } };
    }
    case 'PaymentPeriodInterrupted': {
      const { requestId, reason, missingDocuments } = event.data;
      return { type: 'InterruptPaymentPeriod', meta, data: { requestId, reason, missingDocuments } };
    }
    case 'MissingDocumentsReceived':
      return { type: 'SupplyMissingDocuments', meta, data: { requestId: event.data.requestId, documents: event.data.documents } };
    case 'PaymentRecorded': {
      const { requestId, paymentId, amountCents, paidOn } = event.data;
      return { type: 'RecordPayment', meta, data: { requestId, paymentId, amountCents, paidOn } };
    }
    case 'PaymentDeadlineApproaching':
    case 'PaymentDeadlinePassed':
      return { type: 'WarnOfPaymentDeadline', meta, data: { requestId: event.data.requestId, windowDays: event.data.windowDays } };
    case 'StatementContested': {
      if (!statement) return undefined;
      const { disputeId, reasons, claimedTotalCents, providerId } = event.data;
      return { type: 'ContestStatement', meta: { ...meta, providerId }, statement, data: { disputeId, reasons, claimedTotalCents } };
    }
    case 'StatementDisputeAnswered': {
      const { disputeId, outcome, answer, agreedTotalCents } = event.data;
      // The total agreed is sent only when partly accepted; otherwise the outcome fixes it.
      return { type: 'AnswerStatementDispute', meta, data: { disputeId, outcome, answer, ...(outcome === 'PARTIALLY_ACCEPTED' ? { agreedTotalCents } : {}) } };
    }
    default:
      return undefined;
  }
}

/** A programme's commands carry what their events record, less the time of recording. */
export function programmeCommandOf(first: RecordedEvent): ProgrammeCommand | undefined {
  const event = { type: first.type, data: first.data } as ProgrammeEvent;
  const meta = metaOf(first);
  switch (event.type) {
    case 'ProgrammeDefined': {
      const { definedAt: _definedAt, ...data } = event.data;
      return { type: 'DefineProgramme', meta, data };
    }
    case 'ProjectAdded': {
      const { addedAt: _addedAt, ...data } = event.data;
      return { type: 'AddProject', meta, data };
    }
    case 'FundingLineAdded': {
      const { addedAt: _addedAt, ...data } = event.data;
      return { type: 'AddFundingLine', meta, data };
    }
    case 'ObjectiveSet': {
      const { setAt: _setAt, ...data } = event.data;
      return { type: 'SetObjective', meta, data };
    }
    case 'TargetShareSet': {
      const { setAt: _setAt, ...data } = event.data;
      return { type: 'SetTargetShare', meta, data };
    }
    case 'LotAttached': {
      const { attachedAt: _attachedAt, ...data } = event.data;
      return { type: 'AttachLot', meta, data };
    }
    default:
      return undefined;
  }
}

/**
 * An evaluation's commands carry what their events record: a registration every candidate of the group, a draw
 * only the seed it revealed (the candidates and the assignment are decided again from the stream).
 */
export function evaluationCommandOf(events: RecordedEvent[]): EvaluationCommand | undefined {
  const [first] = events;
  const event = { type: first.type, data: first.data } as EvaluationEvent;
  const meta = metaOf(first);
  switch (event.type) {
    case 'ExperimentalProjectDeclared': {
      const { declaredAt: _declaredAt, ...data } = event.data;
      return { type: 'DeclareExperimentalProject', meta, data };
    }
    case 'CandidateRegistered': {
      const candidates = events.map((recorded) => (recorded.data as Extract<EvaluationEvent, { type: 'CandidateRegistered' }>['data']).candidate);
      return { type: 'RegisterCandidates', meta, data: { programmeId: event.data.programmeId, projectId: event.data.projectId, candidates } };
    }
    case 'CandidateRegistrationClosed':
      return { type: 'CloseCandidateRegistration', meta, data: { programmeId: event.data.programmeId, projectId: event.data.projectId } };
    case 'CandidatesDrawn':
      return { type: 'DrawCandidates', meta, data: { programmeId: event.data.programmeId, projectId: event.data.projectId, seed: event.data.seed } };
    default:
      return undefined;
  }
}
