import { COORDINATION_RULES, LabourMarketEvent, OverlapDecision, PurchaseDeclarationEvent } from '@app/coordination';
import { RecordedEvent, Role } from '@app/event-store';
import {
  CoFinancingShare,
  DeliveryEvent,
  EvaluationEvent,
  LotPlacedUnderEvaluation,
  EmploymentContract,
  ExitDestination,
  OutcomeSource,
  PaymentEvent,
  POSITIVE_EXIT_DESTINATIONS,
  ProcurementEvent,
  ProgrammeEvent,
  QualiopiCheck,
  RULES,
  TRAINEE_LEFT_EARLY_SCHEMA_VERSION,
} from '@app/procurement';
import { Adjustment } from '@app/procurement/domain/order/order.commands';
import { AmendmentChange } from '@app/procurement/domain/amendment/amendment.events';
import { ContractDrafted } from '@app/procurement/domain/contract/contract.events';

/** Where an event sits in the log. */
export interface EventReference {
  eventId: string;
  streamId: string;
  revision: number;
  position: number;
  type: string;
}

/** What a decision rests on: the clause or article, the figures checked, the inputs a proposal used. */
export interface DecisionGrounds {
  clauseId?: string;
  /** The legal basis an amendment relies on (CCP article code, e.g. R2194-8) and its eForms BT-200 code. */
  legalBasis?: string;
  eformsCode?: string;
  /** The text of the article or rule that was checked. */
  article?: string;
  /** The figures the rule was checked against, as recorded with the decision. */
  figures?: Record<string, unknown>;
  /** The reason the actor gave. */
  reason?: string;
  /** Version of the adjustment policy and the projection values it used. */
  policyVersion?: string;
  inputs?: Record<string, number | string>;
}

/** One recorded decision, in the words an auditor reads. */
export interface Decision {
  position: number;
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  /** Business time of the decision (from the command), and when the store recorded it. */
  occurredAt: string;
  recordedAt: string;
  tenant: string;
  actor: { id: string; role: Role };
  what: string;
  why: DecisionGrounds;
  causation: {
    commandId: string;
    correlationId: string;
    causationId: string;
    /** The earlier event whose id is the causation id, when the decision was caused by an event. */
    causedByEvent?: EventReference;
  };
}

/** Finds an event by id (for causation chains); undefined when no event has that id. */
export type EventLookup = (eventId: string) => EventReference | undefined;

export function referenceOf(event: RecordedEvent): EventReference {
  return { eventId: event.id, streamId: event.streamId, revision: event.revision, position: event.position, type: event.type };
}

/** A recorded event as a decision: who, when, what, why, and what led to it. */
export function decisionOf(event: RecordedEvent, lookup: EventLookup = () => undefined): Decision {
  const { metadata } = event;
  const causedBy = lookup(metadata.causationId);
  const [what, why] = explain(event);
  return {
    position: event.position,
    streamId: event.streamId,
    revision: event.revision,
    eventId: event.id,
    type: event.type,
    occurredAt: metadata.occurredAt,
    recordedAt: event.recordedAt,
    tenant: metadata.tenant,
    actor: { id: metadata.actorId, role: metadata.role },
    what,
    why,
    causation: {
      commandId: metadata.commandId,
      correlationId: metadata.correlationId,
      causationId: metadata.causationId,
      ...(causedBy ? { causedByEvent: causedBy } : {}),
    },
  };
}

/** Filters of the tenant-wide decision list. Periods are on business time: from included, to excluded. */
export interface DecisionFilter {
  tenant: string;
  actorId?: string;
  types?: string[];
  from?: string;
  to?: string;
}

export function matches(event: RecordedEvent, filter: DecisionFilter): boolean {
  const { metadata } = event;
  if (metadata.tenant !== filter.tenant) return false;
  if (filter.actorId !== undefined && metadata.actorId !== filter.actorId) return false;
  if (filter.types !== undefined && !filter.types.includes(event.type)) return false;
  const at = Date.parse(metadata.occurredAt);
  if (filter.from !== undefined && at < Date.parse(filter.from)) return false;
  if (filter.to !== undefined && at >= Date.parse(filter.to)) return false;
  return true;
}

type Known = ProcurementEvent | DeliveryEvent | PaymentEvent | PurchaseDeclarationEvent | LabourMarketEvent | ProgrammeEvent | EvaluationEvent | LotPlacedUnderEvaluation;

/** The Qualiopi certificates a decision was checked against, in words (nothing for one recorded before the check). */
function certified(qualiopi: QualiopiCheck | undefined): string {
  if (!qualiopi) return '';
  const held = qualiopi.certificates.map(({ providerId, certificate }) => `${providerId}'s ${certificate.number} (${certificate.certifier}, valid to ${certificate.validUntil})`);
  return `; Qualiopi certificate${held.length === 1 ? '' : 's'} ${held.join(', ')} valid on ${qualiopi.checkedOn}`;
}

/** The plain-English sentence and the grounds of each kind of decision. */
function explain(recorded: RecordedEvent): [string, DecisionGrounds] {
  const event = { type: recorded.type, data: recorded.data } as Known;
  switch (event.type) {
    case 'ContractDrafted': {
      const d = event.data;
      const maximum = d.maximumValueCents === undefined ? '' : `, maximum ${money(d.maximumValueCents)}`;
      return [
        `Contract "${d.title}" drafted as ${words(d.mode)} from ${d.startDate} to ${d.endDate}, initial value ${money(d.initialValueCents)}${maximum}` +
          (d.justifiedMonths === undefined ? '' : `, ${d.justifiedMonths} months, beyond four years on a recorded justification`) +
          (d.awardProcedure === undefined ? '' : `, awarded under ${words(d.awardProcedure.procedure)}${d.awardProcedure.ground ? ` on the ground of CCP ${d.awardProcedure.ground}` : ''}`) +
          (d.cpvCode === undefined ? '' : `, CPV ${d.cpvCode}`),
        draftingGrounds(d),
      ];
    }
    case 'ContractPublished':
      return ['Contract published', { article: RULES.LOTS_REQUIRED }];
    case 'ContractActivated':
      return ['Contract activated: every lot is awarded', { article: RULES.LOTS_NOT_ALL_AWARDED }];
    case 'ContractClosed': {
      const { minimum, minimumShortfallReason } = event.data;
      if (!minimum) return ['Contract closed', {}];
      if (minimum.reached) return ["Contract closed, the framework's minimum reached", { article: RULES.FRAMEWORK_MINIMUM_NOT_REACHED, figures: { minimum } }];
      const shortfall = minimum.shortfalls.reduce((sum, s) => sum + s.shortfallValueCents, 0);
      return [
        `Contract closed below the framework's minimum (${minimum.shortfalls.map((s) => `${s.lotId} ${s.unitType}: ${s.orderedQuantity} of ${s.minQuantity}`).join('; ')}, ${money(shortfall)} not ordered)`,
        { article: RULES.FRAMEWORK_MINIMUM_NOT_REACHED, figures: { minimum }, reason: minimumShortfallReason },
      ];
    }
    case 'ContractTerminated':
      return ['Contract terminated', { reason: event.data.reason }];
    case 'LotDefined': {
      const d = event.data;
      const units = d.workUnits.map((u) => `${u.type} at ${money(u.unitPriceCents)} (${u.minQuantity}–${u.maxQuantity})`).join(', ');
      return [`Lot ${d.lotId} "${d.title}" defined: ${units}`, d.maximumValueCents === undefined ? {} : { figures: { maximumValueCents: d.maximumValueCents } }];
    }
    case 'LotAwarded': {
      const { awardee, lotId, bidsReceived, qualiopi } = event.data;
      const to = awardee.kind === 'PROVIDER' ? `provider ${awardee.providerId}` : `grouping ${awardee.memberIds.join(', ')} led by ${awardee.leadProviderId}`;
      const bids = bidsReceived === undefined ? '' : ` among ${bidsReceived} bid${bidsReceived === 1 ? '' : 's'} received`;
      const figures = { ...(bidsReceived === undefined ? {} : { bidsReceived }), ...(qualiopi ? { qualiopi } : {}) };
      return [
        `Lot ${lotId} awarded to ${to}${bids}${certified(qualiopi)}`,
        { ...(qualiopi ? { article: RULES.QUALIOPI_CERTIFICATE_NOT_VALID } : {}), ...(Object.keys(figures).length > 0 ? { figures } : {}) },
      ];
    }
    case 'QualiopiCertificateExpired': {
      const { providerId, lotIds, certificate, expiredOn } = event.data;
      return [
        `Qualiopi certificate ${certificate.number} of ${providerId} ended on ${certificate.validUntil}, during the execution of lot${lotIds.length === 1 ? '' : 's'} ${lotIds.join(', ')}: no new order until it is renewed`,
        { article: RULES.QUALIOPI_CERTIFICATE_NOT_VALID, figures: { providerId, lotIds, number: certificate.number, validUntil: certificate.validUntil, expiredOn } },
      ];
    }
    case 'ClauseAdded': {
      const d = event.data;
      return [`Clause ${d.clauseId} (${words(d.terms.type)}) added${d.lotId ? ` to lot ${d.lotId}` : ' to the contract'}`, { clauseId: d.clauseId, figures: { ...d.terms } }];
    }
    case 'OrderIssued': {
      const d = event.data;
      const lines = d.lines.map((line) => `${line.quantity} ${line.unitType}`).join(', ');
      return [
        `Order ${d.orderId} issued on lot ${d.lotId}: ${lines || 'no units'}, ${money(d.valueCents)}` +
          (d.runsPastEnd ? `, running ${d.runsPastEnd.daysPastEnd} days past the contract's end (${d.runsPastEnd.maxDaysPastEnd} allowed)` : '') +
          certified(d.qualiopi),
        {
          article: [RULES.LOT_MAX_EXCEEDED, RULES.CONTRACT_MAX_EXCEEDED, ...(d.runsPastEnd ? [RULES.ORDER_RUNS_PAST_FRAMEWORK_END] : []), ...(d.qualiopi ? [RULES.QUALIOPI_CERTIFICATE_NOT_VALID] : [])].join('; '),
          figures: { ...d.check, ...(d.runsPastEnd ? { runsPastEnd: d.runsPastEnd } : {}), ...(d.qualiopi ? { qualiopi: d.qualiopi } : {}) },
        },
      ];
    }
    case 'OrderQuantityAdjusted': {
      const d = event.data;
      return [
        `Order ${d.orderId}: ${signed(d.delta)} ${d.unitType} under clause ${d.clauseId} (now ${d.quantityAfter}, ${signedMoney(d.valueDeltaCents)})`,
        {
          clauseId: d.clauseId,
          article: RULES.VOLUME_CLAUSE_BOUND_EXCEEDED,
          figures: { ...d.check, ...(d.coFinancing ? { coFinancing: d.coFinancing } : {}) },
          reason: d.reason,
        },
      ];
    }
    case 'OrderSessionMoved': {
      const d = event.data;
      return [
        `Order ${d.orderId}: session ${d.sessionId} moved to ${d.startDate}–${d.endDate} (${signed(d.shiftDays)} days) under clause ${d.clauseId}`,
        { clauseId: d.clauseId, article: RULES.CALENDAR_SHIFT_EXCEEDED, figures: { shiftDays: d.shiftDays }, reason: d.reason },
      ];
    }
    case 'OrderSessionAdded': {
      const d = event.data;
      return [
        `Order ${d.orderId}: session ${d.session.sessionId} added (${d.session.startDate}–${d.session.endDate}, ${d.session.capacity} places) under clause ${d.clauseId}`,
        { clauseId: d.clauseId, reason: d.reason },
      ];
    }
    case 'OrderSessionCancelled': {
      const d = event.data;
      return [`Order ${d.orderId}: session ${d.sessionId} cancelled under clause ${d.clauseId}`, { clauseId: d.clauseId, reason: d.reason }];
    }
    case 'OrderModalitySwitched': {
      const d = event.data;
      return [
        `Order ${d.orderId}: session ${d.sessionId} switched from ${words(d.from)} to ${words(d.to)} under clause ${d.clauseId}`,
        { clauseId: d.clauseId, article: RULES.MODALITY_NOT_ALLOWED, reason: d.reason },
      ];
    }
    case 'OrderModuleAdded': {
      const d = event.data;
      return [
        `Order ${d.orderId}: module ${d.moduleId} added, ${d.quantity} ${d.unitType} at ${money(d.unitPriceCents)} under clause ${d.clauseId}`,
        { clauseId: d.clauseId, article: RULES.MODULE_NOT_IN_CATALOGUE, figures: { ...d.check }, reason: d.reason },
      ];
    }
    case 'OrderTraineeSwitchedToRemote': {
      const d = event.data;
      return [
        `Order ${d.orderId}: trainee ${d.traineeId} of session ${d.sessionId} continues remotely ${d.weeks} weeks (${d.weeksAfter} of ${d.maxRemoteWeeks}) under clause ${d.clauseId}`,
        { clauseId: d.clauseId, article: RULES.DROPOUT_REMOTE_WEEKS_EXCEEDED, figures: { weeksBefore: d.weeksBefore, weeksAfter: d.weeksAfter, maxRemoteWeeks: d.maxRemoteWeeks }, reason: d.reason },
      ];
    }
    case 'OrderClosed':
      return [`Order ${event.data.orderId} closed`, {}];
    case 'AmendmentRequested': {
      const d = event.data;
      return [`Provider ${d.providerId} requested amendment ${d.amendmentId} on lot ${d.lotId}: ${change(d.change)}`, { reason: d.description }];
    }
    case 'AmendmentProposed': {
      const d = event.data;
      const check = d.legalCheck;
      return [
        `Amendment ${d.amendmentId} proposed: ${change(d.change)}, ${signedMoney(d.amountChangeCents)}, under ${check.legalBasis}`,
        {
          ...(d.reviewClauseId ? { clauseId: d.reviewClauseId } : {}),
          legalBasis: check.legalBasis,
          eformsCode: check.eformsCode,
          article: check.article,
          figures: {
            ...check.figures,
            tenderCommitteeOpinionRequired: check.tenderCommitteeOpinionRequired,
            ...(check.splittingWarning ? { splittingWarning: check.splittingWarning } : {}),
          },
          reason: d.description,
        },
      ];
    }
    case 'TenderCommitteeOpinionRecorded': {
      const d = event.data;
      return [
        `Tender committee opinion on amendment ${d.amendmentId}: ${d.favourable ? 'favourable' : 'unfavourable'} (${d.opinionDate})`,
        { article: RULES.TENDER_COMMITTEE_OPINION_REQUIRED },
      ];
    }
    case 'AmendmentSigned':
      return [`Amendment ${event.data.amendmentId} signed`, { article: RULES.TENDER_COMMITTEE_OPINION_REQUIRED }];
    case 'AmendmentNotified': {
      const d = event.data;
      return [`Amendment ${d.amendmentId} notified to ${d.providerIds.join(', ')}, answer due by ${d.responseDeadline}`, {}];
    }
    case 'AmendmentAcknowledged':
      return [`Provider ${event.data.providerId} acknowledged amendment ${event.data.amendmentId}`, {}];
    case 'AmendmentAccepted':
      return [`Provider ${event.data.providerId} accepted amendment ${event.data.amendmentId}`, {}];
    case 'AmendmentDisputed':
      return [`Provider ${event.data.providerId} disputed amendment ${event.data.amendmentId}`, { reason: event.data.reason }];
    case 'AmendmentDeemedAccepted':
      return [
        `Amendment ${event.data.amendmentId} deemed accepted: no answer by ${event.data.responseDeadline} (silence was then taken for acceptance, a rule since withdrawn)`,
        { article: RULES.DEEMED_ACCEPTANCE_NOT_ALLOWED, figures: { responseDeadline: event.data.responseDeadline } },
      ];
    case 'AmendmentLeftUnanswered': {
      const d = event.data;
      return [
        `Amendment ${d.amendmentId} left unanswered by ${d.providerIds.join(', ')} past ${d.responseDeadline}: silence is not acceptance, it lapsed without coming into force`,
        { article: RULES.DEEMED_ACCEPTANCE_NOT_ALLOWED, figures: { responseDeadline: d.responseDeadline } },
      ];
    }
    case 'UnilateralModificationImposed': {
      const d = event.data;
      const check = d.legalCheck;
      return [
        `Unilateral modification ${d.amendmentId} imposed by the buyer on ${d.providerIds.join(', ')}: ${change(d.change)}, ${signedMoney(d.amountChangeCents)}, under ${check.legalBasis}; it opens their right to compensation`,
        {
          ...(d.reviewClauseId ? { clauseId: d.reviewClauseId } : {}),
          legalBasis: check.legalBasis,
          eformsCode: check.eformsCode,
          article: `${d.article}; ${check.article}`,
          figures: { ...check.figures },
          reason: d.ground,
        },
      ];
    }
    case 'CompensationClaimFiled': {
      const d = event.data;
      return [
        `Provider ${d.providerId} claimed ${money(d.amountCents)} compensation for unilateral modification ${d.amendmentId}`,
        { article: RULES.COMPENSATION_CLAIM_NOT_OPEN, figures: { amountCents: d.amountCents }, reason: d.reasons },
      ];
    }
    case 'CompensationClaimAccepted': {
      const d = event.data;
      return [
        `Compensation claim ${d.claimId} accepted for ${money(d.acceptedAmountCents)} of the ${money(d.claimedAmountCents)} claimed`,
        { article: RULES.COMPENSATION_ABOVE_CLAIM, figures: { claimedAmountCents: d.claimedAmountCents, acceptedAmountCents: d.acceptedAmountCents }, ...(d.reason ? { reason: d.reason } : {}) },
      ];
    }
    case 'CompensationClaimRefused': {
      const d = event.data;
      return [`Compensation claim ${d.claimId} of ${money(d.claimedAmountCents)} refused`, { figures: { claimedAmountCents: d.claimedAmountCents }, reason: d.reason }];
    }
    case 'AmendmentWithdrawn':
      return [`Amendment ${event.data.amendmentId} withdrawn before signature`, { reason: event.data.reason }];
    case 'PricesRevised': {
      const d = event.data;
      const i = d.index;
      return [
        `Prices revised on ${d.revisionDate} under clause ${d.clauseId}: series ${i.seriesId} ${i.month} ${i.value} against ${i.baseMonth} ${i.baseValue}`,
        { clauseId: d.clauseId, article: RULES.PRICE_REVISION_FORMULA_MISMATCH, figures: { formula: d.formula, rounding: d.rounding, index: d.index, prices: d.prices } },
      ];
    }
    case 'AmendmentCameIntoForce': {
      const d = event.data;
      return [`Amendment ${d.amendmentId} came into force: ${change(d.change)}, ${signedMoney(d.amountChangeCents)}`, { legalBasis: d.legalBasis }];
    }
    case 'AdjustmentPolicyConfigured': {
      const { configuredAt: _configuredAt, ...settings } = event.data;
      return [
        `Adjustment policy set: propose more from ${settings.waitingListThreshold} waiting and ${settings.highFillRatePercent}% full, less below ${settings.lowFillRatePercent}%` +
          (settings.autoApprovalMaxPercent === undefined ? '' : `; changes up to ${settings.autoApprovalMaxPercent}% approve themselves`),
        { figures: { ...settings } },
      ];
    }
    case 'OrderAdjustmentProposed': {
      const d = event.data;
      return [
        `Proposal ${d.proposalId}: order ${d.orderId} ${adjustment(d.adjustment)} under clause ${d.clauseId}`,
        { clauseId: d.clauseId, reason: d.reason, policyVersion: d.policyVersion, inputs: d.inputs },
      ];
    }
    case 'AdjustmentProposalApproved': {
      const d = event.data;
      const by = d.approvedBy === 'AUTO_APPROVAL' ? 'approved itself inside the auto-approval envelope' : 'approved by the buyer';
      return [`Proposal ${d.proposalId} ${by}`, d.envelope ? { figures: { ...d.envelope } } : {}];
    }
    case 'AdjustmentProposalRejected':
      return [`Proposal ${event.data.proposalId} rejected`, { reason: event.data.reason }];
    case 'CoFinancingOffered': {
      const d = event.data;
      return [`Pôle emploi offered to co-finance ${share(d.share)} of order ${d.orderId}`, { reason: d.reason }];
    }
    case 'CoFinancingTerminationOffered':
      return [`Pôle emploi offered to end co-financing ${event.data.agreementId} of order ${event.data.orderId}`, { reason: event.data.reason }];
    case 'CoFinancingAgreed': {
      const d = event.data;
      return [
        `Co-financing of order ${d.orderId} agreed: Pôle emploi funds ${money(d.coFinancedCents)}` +
          (d.share.kind === 'PERCENT' ? ` (${d.share.percent}% of ${money(d.orderValueCents)})` : ''),
        { article: RULES.CO_FINANCING_EXCEEDS_ORDER_VALUE, figures: { orderValueCents: d.orderValueCents, coFinancedCents: d.coFinancedCents } },
      ];
    }
    case 'CoFinancingEnded':
      return [`Co-financing ${event.data.agreementId} of order ${event.data.orderId} ended by agreement`, {}];
    case 'CoFinancingOfferDeclined':
      return [`Co-financing offer ${event.data.offerId} of order ${event.data.orderId} declined`, { reason: event.data.reason }];
    case 'CoFinancedReductionConsented': {
      const d = event.data;
      return [
        `Pôle emploi consented to one reduction of order ${d.orderId} down to ${money(d.floorValueCents)}`,
        { article: RULES.CO_FINANCED_ORDER_REDUCTION_NOT_AGREED, figures: { floorValueCents: d.floorValueCents }, reason: d.reason },
      ];
    }
    case 'SessionDateShiftRequested': {
      const d = event.data;
      return [`Pôle emploi asked to move session ${d.sessionId} of order ${d.orderId} to ${d.startDate}–${d.endDate}`, { reason: d.reason }];
    }
    case 'SessionDateShiftAccepted':
      return [`Date-shift request ${event.data.requestId} accepted under clause ${event.data.clauseId}`, { clauseId: event.data.clauseId }];
    case 'SessionDateShiftDeclined':
      return [`Date-shift request ${event.data.requestId} declined`, { reason: event.data.reason }];
    case 'PurchaseDeclared': {
      const d = event.data;
      return [
        `Pôle emploi declared purchase ${d.declarationId}${d.title ? ` "${d.title}"` : ''}: domain ${d.domainCode} in ${d.territoryCodes.join(', ')}, ` +
          `${d.periodStart} to ${d.periodEnd}, ${d.plannedSessions} session(s), ${d.volume.quantity} ${d.volume.unitType}`,
        { article: COORDINATION_RULES.DECLARATION_PERIOD_INVALID, ...(d.notes ? { reason: d.notes } : {}) },
      ];
    }
    case 'PurchaseOverlapDetected': {
      const d = event.data;
      return [
        `Purchase ${d.declarationId} overlaps order ${d.orderId} of lot ${d.lotId}: domain ${d.domainCode} in ${d.commonTerritoryCodes.join(', ')}, ` +
          `${d.overlapStart} to ${d.overlapEnd} (${d.overlappingDays} days)`,
        {
          figures: {
            overlapId: d.overlapId,
            contractId: d.contractId,
            commonTerritoryCodes: d.commonTerritoryCodes,
            overlappingDays: d.overlappingDays,
            regionOrder: d.regionOrder,
            declaration: d.declaration,
          },
        },
      ];
    }
    case 'PurchaseOverlapResolved': {
      const d = event.data;
      const onOrder = d.coFinancedOrderId ? ` of order ${d.coFinancedOrderId}` : '';
      return [
        `Overlap ${d.overlapId} of purchase ${d.declarationId} resolved: ${OVERLAP_DECISION_WORDS[d.decision]}${onOrder}, decided by ${ROLE_WORDS[d.resolvedBy.role] ?? d.resolvedBy.role} ${d.resolvedBy.actorId}`,
        { article: COORDINATION_RULES.OVERLAP_ALREADY_RESOLVED, reason: d.reason },
      ];
    }
    case 'PurchaseDeclarationWithdrawn':
      return [`Pôle emploi withdrew purchase ${event.data.declarationId}: no new order is checked against it`, { reason: event.data.reason }];
    case 'LabourMarketSignalsImported': {
      const d = event.data;
      return [
        `Labour-market file imported for ${d.tenant}: ${d.rowCount} recruitment-tension figure(s) (import ${d.importId})`,
        { article: COORDINATION_RULES.DUPLICATE_SIGNAL_ROW, figures: { contentHash: d.contentHash, rowCount: d.rowCount } },
      ];
    }
    case 'RecruitmentTensionObserved': {
      const d = event.data;
      return [
        `Recruitment tension of ${d.occupationCode} in ${d.territoryCode} for ${d.period}: index ${d.tensionIndex}, ${d.unfilledOffers} unfilled offer(s)`,
        { figures: { importId: d.importId, tensionIndex: d.tensionIndex, unfilledOffers: d.unfilledOffers } },
      ];
    }
    case 'SessionStarted':
      return [`Order ${event.data.orderId}: session ${event.data.sessionId} started on ${event.data.on}`, {}];
    case 'SessionEnded':
      return [`Order ${event.data.orderId}: session ${event.data.sessionId} ended on ${event.data.on}`, {}];
    case 'TraineeEntered':
      return [`Order ${event.data.orderId}: a trainee entered session ${event.data.sessionId} on ${event.data.enteredOn}`, {}];
    case 'TraineeReferred': {
      const d = event.data;
      const where = d.placement === 'SESSION' ? 'into' : 'onto the waiting list of';
      return [`Order ${d.orderId}: referral ${d.referralId} placed ${where} session ${d.sessionId} on ${d.referredOn}`, { figures: { ...d.check } }];
    }
    case 'ReferralRefused':
      return [`Order ${event.data.orderId}: referral ${event.data.referralId} refused on ${event.data.on}`, { reason: words(event.data.reason) }];
    case 'ReferralNoShow':
      return [`Order ${event.data.orderId}: referral ${event.data.referralId} did not show on ${event.data.on}`, {}];
    case 'TraineeAtRiskReported':
      return [`Order ${event.data.orderId}: a trainee of session ${event.data.sessionId} reported at risk of dropping out on ${event.data.on}`, { reason: words(event.data.reason) }];
    case 'TraineeLeftEarly': {
      // Recorded before exits carried their destination (schema version 1): the store read it from its reason.
      const d = event.data;
      const readFromReason = (recorded.metadata.schemaVersion ?? 1) < TRAINEE_LEFT_EARLY_SCHEMA_VERSION;
      const positive = POSITIVE_EXIT_DESTINATIONS.includes(d.destination) ? ', a positive exit, not a dropout' : '';
      return [
        `Order ${d.orderId}: a trainee left session ${d.sessionId} early on ${d.on} ${exitWords(d.destination)}${employmentWords(d.employment)}${positive}`,
        {
          ...(d.reason ? { reason: words(d.reason) } : {}),
          figures: { destination: d.destination, ...(d.employment ? { employment: d.employment } : {}), ...(readFromReason ? { readFromReason: d.reason } : {}) },
        },
      ];
    }
    case 'TraineeOutcomeObserved': {
      const d = event.data;
      const satisfaction = d.satisfied === undefined ? '' : d.satisfied ? '; satisfied with the training' : '; not satisfied with the training';
      return [
        `Order ${d.orderId}: a trainee of session ${d.sessionId}, out since ${d.exitedOn}, ${words(d.situation)}${employmentWords(d.employment)} at ${d.horizonMonths} months (observed on ${d.observedOn}, from ${OUTCOME_SOURCE_WORDS[d.source]})${satisfaction}`,
        { article: RULES.OUTCOME_OBSERVED_TOO_EARLY, figures: { ...d } },
      ];
    }
    case 'TraineeCompleted':
      return [`Order ${event.data.orderId}: a trainee completed session ${event.data.sessionId} on ${event.data.on}`, {}];
    case 'CertificationObtained':
      return [`Order ${event.data.orderId}: a trainee obtained certification ${event.data.certificationCode} on ${event.data.on}`, {}];
    case 'OpenDaysDelivered':
      return [`Order ${event.data.orderId}: ${event.data.count} open days delivered on ${event.data.date}`, {}];
    case 'HoursDelivered':
      return [`Order ${event.data.orderId}: ${event.data.hours} trainee hours delivered on ${event.data.date}`, {}];
    case 'SubscriptionMonthsDelivered':
      return [`Order ${event.data.orderId}: ${event.data.count} subscription months delivered for ${event.data.month}`, {}];
    case 'AttendanceRecorded': {
      const d = event.data;
      const counts = attendanceCounts(d.lines);
      const derived = d.hoursDerived ? '; the trainee hours delivered are those it records (attendance clause)' : '';
      return [
        `Order ${d.orderId}: attendance sheet of session ${d.sessionId} recorded, ${d.lines.length} line(s) for ${counts.trainees} trainee(s) from ${counts.firstDay} to ${counts.lastDay}${derived}`,
        { ...(d.hoursDerived ? { article: RULES.HOURS_NOT_BACKED_BY_ATTENDANCE } : {}), figures: { sheetId: d.sheetId, contentHash: d.contentHash, lines: counts.byStatus } },
      ];
    }
    case 'AbsenceRunDetected': {
      const d = event.data;
      return [
        `Order ${d.orderId}: a trainee of session ${d.sessionId} absent ${d.days} recorded days in a row (${d.firstDay} to ${d.lastDay}), at risk of dropping out`,
        {
          ...(d.clauseId === null ? {} : { clauseId: d.clauseId }),
          reason: d.clauseId === null ? `${d.threshold} absent days in a row, the default threshold` : `${d.threshold} absent days in a row, the attendance clause's threshold`,
          figures: { sheetId: d.sheetId, firstDay: d.firstDay, lastDay: d.lastDay, days: d.days, threshold: d.threshold },
        },
      ];
    }
    case 'ServiceStatementIssued': {
      const d = event.data;
      // Statements recorded before the order's cap (schema version 1) have no units: every unit listed was paid.
      const beyond = (d.units ?? []).filter((unit) => unit.beyondOrder > 0);
      const notPaid = beyond.map((unit) => `${unit.beyondOrder} ${unit.unitType} beyond the order of ${unit.orderedQuantity}`).join(', ');
      const withheld = d.qualityVariables.filter((part) => part.withheld).map((part) => `${money(part.baseAmountCents)} of ${words(part.indicator)} until measured`);
      const regularised = (d.regularisations ?? []).map((line) => `${money(line.amountCents)} for ${words(line.indicator)} of statement ${line.statementId}, measured at ${line.measuredPercent ?? '—'} %`);
      return [
        `Service statement ${d.statementId} for order ${d.orderId}, ${d.periodStart} to ${d.periodEnd}: ${money(d.totalCents)}${notPaid ? `; not payable: ${notPaid}` : ''}` +
          `${withheld.length > 0 ? `; withheld: ${withheld.join(', ')}` : ''}${regularised.length > 0 ? `; regularised: ${regularised.join(', ')}` : ''}`,
        {
          figures: {
            lines: d.lines,
            ...(d.units ? { units: d.units } : {}),
            fixedAmountCents: d.fixedAmountCents,
            qualityVariables: d.qualityVariables,
            ...(d.regularisations ? { regularisations: d.regularisations } : {}),
            rounding: d.rounding,
          },
        },
      ];
    }
    case 'AdvanceGranted': {
      const c = event.data.computation;
      return [
        `Advance of ${money(c.amountCents)} granted on order ${event.data.orderId}: ${c.ratePercent} % of ${money(c.baseCents)}${c.eligibility.mandatory ? ' (mandatory)' : ' (optional)'}`,
        { article: 'CCP R2191-3 (mandatory above 50,000 € excl. VAT and two months), R2191-7 (rates)', figures: { ...c } },
      ];
    }
    case 'RetentionSet':
      return [`Retention of ${event.data.retentionPercent} % kept on each payment, released from ${event.data.releaseOn}`, { article: RULES.RETENTION_ABOVE_MAXIMUM, figures: { ...event.data } }];
    case 'RetentionReleased':
      return [`Retention of ${money(event.data.amountCents)} released on ${event.data.releasedOn}`, { article: RULES.RETENTION_NOT_DUE, figures: { byStatement: event.data.byStatement } }];
    case 'PaymentRequested': {
      const d = event.data;
      return [
        `Payment of ${money(d.amountCents)} requested by invoice ${d.invoiceReference} for statement ${d.statementId} of order ${d.orderId}, received on ${d.receivedOn}: due by ${d.dueOn}`,
        { article: 'CCP R2192-10 and R2192-12: 30 days from the receipt of the payment request', figures: { ...d.payable, periodDays: d.periodDays } },
      ];
    }
    case 'PaymentPeriodInterrupted': {
      const d = event.data;
      return [
        `Payment period of request ${d.requestId} interrupted on ${d.interruptedOn} with ${d.daysLeft} days left, until ${d.missingDocuments.join(', ')} are supplied`,
        { article: RULES.PAYMENT_PERIOD_ALREADY_INTERRUPTED, reason: d.reason, figures: { daysLeft: d.daysLeft } },
      ];
    }
    case 'MissingDocumentsReceived': {
      const d = event.data;
      return [
        `Documents asked for request ${d.requestId} received on ${d.receivedOn}: a new period of ${d.periodDays} days runs to ${d.dueOn}`,
        { article: 'CCP R2192-29: a new period of 30 days, or the balance left at the interruption when longer', figures: { periodDays: d.periodDays } },
      ];
    }
    case 'PaymentRecorded': {
      const d = event.data;
      return [`${money(d.amountCents)} paid on ${d.paidOn} on request ${d.requestId}, due by ${d.dueOn}${d.late ? ': late' : ''}`, {}];
    }
    case 'LatePaymentCompensationDue': {
      const d = event.data;
      return [
        `Late payment of request ${d.requestId}: ${d.interest.daysLate} days late, interest ${money(d.interest.interestCents)} and indemnity ${money(d.indemnityCents)} owed by ${d.payableBy}`,
        {
          article: 'CCP L2192-13, R2192-31 (ECB main refinancing rate + 8 points), D2192-35 (40 € flat indemnity), R2192-36 (paid within 45 days)',
          figures: { interest: d.interest, indemnityCents: d.indemnityCents },
        },
      ];
    }
    case 'PaymentDeadlineApproaching': {
      const d = event.data;
      return [
        `Buyer warned on ${d.warnedOn} that request ${d.requestId} is due by ${d.dueOn}, ${d.daysLeft === 0 ? 'today' : `in ${d.daysLeft} day${d.daysLeft === 1 ? '' : 's'}`}, with ${money(d.unpaidCents)} unpaid`,
        { article: RULES.PAYMENT_DEADLINE_NOT_NEAR, figures: { dueOn: d.dueOn, daysLeft: d.daysLeft, windowDays: d.windowDays, unpaidCents: d.unpaidCents } },
      ];
    }
    case 'PaymentDeadlinePassed': {
      const d = event.data;
      return [
        `Buyer warned on ${d.warnedOn} that the deadline ${d.dueOn} of request ${d.requestId} passed ${d.daysLate} day${d.daysLate === 1 ? '' : 's'} ago with ${money(d.unpaidCents)} unpaid: interest runs by right`,
        { article: 'CCP L2192-13 and R2192-31: interest runs from the day after the deadline', figures: { dueOn: d.dueOn, daysLate: d.daysLate, unpaidCents: d.unpaidCents } },
      ];
    }
    case 'StatementContested': {
      const d = event.data;
      return [
        `Statement ${d.statementId} of order ${d.orderId} contested by ${d.providerId}: ${money(d.claimedTotalCents)} claimed instead of ${money(d.statedTotalCents)}`,
        { reason: d.reasons, figures: { statedTotalCents: d.statedTotalCents, claimedTotalCents: d.claimedTotalCents, differenceCents: d.differenceCents } },
      ];
    }
    case 'StatementDisputeAnswered': {
      const d = event.data;
      return [
        `Dispute of statement ${d.statementId} ${words(d.outcome)}: ${money(d.agreedTotalCents)} agreed`,
        { reason: d.answer, figures: { statedTotalCents: d.statedTotalCents, claimedTotalCents: d.claimedTotalCents, agreedTotalCents: d.agreedTotalCents, adjustmentCents: d.adjustmentCents } },
      ];
    }
    case 'ProgrammeDefined': {
      const d = event.data;
      return [`Programme "${d.title}" defined from ${d.startDate} to ${d.endDate}, the Région's reference level ${money(d.regionReferenceLevelCents)}`, { figures: { regionReferenceLevelCents: d.regionReferenceLevelCents } }];
    }
    case 'ProjectAdded':
      return [`Project ${event.data.projectId} "${event.data.title}" added to programme ${event.data.programmeId}`, {}];
    case 'FundingLineAdded': {
      const d = event.data;
      return [`Funding line ${d.fundingLineId} (${words(d.funder)}, ${d.label}) of ${money(d.amountCents)} from ${d.startDate} to ${d.endDate}`, { figures: { amountCents: d.amountCents } }];
    }
    case 'ObjectiveSet': {
      const d = event.data;
      return [`Objective ${d.objectiveId} of project ${d.projectId}: ${words(d.indicator)} ${d.targetValue} by ${d.targetDate}`, { figures: { targetValue: d.targetValue } }];
    }
    case 'TargetShareSet': {
      const d = event.data;
      return [`Target share of ${words(d.targetPublic)}: ${d.percent}% of the trainees entered, from ${d.validFrom}`, { figures: { percent: d.percent } }];
    }
    case 'LotAttached': {
      const d = event.data;
      return [`Lot ${d.lotId} of contract ${d.contractId} attached to project ${d.projectId}, funded by line ${d.fundingLineId}`, {}];
    }
    case 'ExperimentalProjectDeclared': {
      const d = event.data;
      const { arms, strata, seedCommitment, eligibility } = d.protocol;
      const armsInWords = arms.map(({ name, ratio, receivesAction }) => `${name} (ratio ${ratio}${receivesAction ? '' : ', not entered into the action'})`).join(', ');
      const strataInWords = strata.length === 0 ? 'no strata' : `strata by ${strata.map(({ factor, levels }) => `${factor} (${levels.join(', ')})`).join(' × ')}`;
      return [
        `Project ${d.projectId} of programme ${d.programmeId} declared experimental: arms ${armsInWords}; ${strataInWords}; eligibility: ${eligibility.criteria}; the seed committed by its SHA-256 ${seedCommitment}`,
        { figures: { arms: arms.length, ratios: arms.map(({ ratio }) => ratio).join(':') } },
      ];
    }
    case 'CandidateRegistered': {
      const d = event.data;
      return [`Candidate ${d.candidate.candidateId} registered for the evaluation of project ${d.projectId}, stratum ${JSON.stringify(d.candidate.strata)}`, {}];
    }
    case 'CandidateRegistrationClosed':
      return [`Registration of candidates to the evaluation of project ${event.data.projectId} closed with ${event.data.candidates} candidates: the list the draw reads is fixed`, { figures: { candidates: event.data.candidates } }];
    case 'CandidatesDrawn': {
      const d = event.data;
      const counts = new Map<string, Map<string, number>>();
      for (const { stratum, arm } of d.assignments) {
        const ofStratum = counts.get(stratum) ?? new Map<string, number>();
        counts.set(stratum, ofStratum.set(arm, (ofStratum.get(arm) ?? 0) + 1));
      }
      const countsInWords = [...counts].map(([stratum, arms]) => `${stratum}: ${[...arms].map(([arm, n]) => `${arm} ${n}`).join(', ')}`).join('; ');
      return [
        `Draw of the evaluation of project ${d.projectId}: the seed revealed hashes to the commitment, ${d.candidateIds.length} candidates assigned by ${d.algorithm} (${countsInWords}); anyone can run it again from the seed and the list`,
        { figures: { candidates: d.candidateIds.length } },
      ];
    }
    case 'LotPlacedUnderEvaluation':
      return [`Lot ${event.data.lotId} of contract ${event.data.contractId} delivers the experimental action of project ${event.data.projectId}: its entries are checked against the draw`, {}];
    default:
      return [`${sentence(recorded.type)} (${recorded.streamId})`, {}];
  }
}

/** What a sheet holds, without naming anyone: trainees, days covered, lines by status. */
function attendanceCounts(lines: Array<{ traineeId: string; date: string; status: string }>): {
  trainees: number;
  firstDay: string;
  lastDay: string;
  byStatus: Record<string, number>;
} {
  const dates = lines.map((line) => line.date).sort();
  const byStatus: Record<string, number> = { PRESENT: 0, ABSENT: 0, JUSTIFIED_ABSENCE: 0 };
  for (const line of lines) byStatus[line.status] = (byStatus[line.status] ?? 0) + 1;
  return { trainees: new Set(lines.map((line) => line.traineeId)).size, firstDay: dates[0], lastDay: dates[dates.length - 1], byStatus };
}

const OVERLAP_DECISION_WORDS: Record<OverlapDecision, string> = {
  COMPLEMENTARY: 'complementary purchases (different publics or calendars)',
  REDUCE_REGION_ORDER: 'the Région reduces its order',
  REDUCE_POLE_EMPLOI_PURCHASE: 'Pôle emploi reduces its purchase',
  CO_FINANCE: 'co-financing by Pôle emploi',
};

const ROLE_WORDS: Record<string, string> = { buyer: 'the buyer', pole_emploi: 'the Pôle emploi officer', system: 'the system' };

function share(value: CoFinancingShare): string {
  return value.kind === 'PERCENT' ? `${value.percent}%` : money(value.amountCents);
}

function adjustment(value: Adjustment): string {
  switch (value.kind) {
    case 'CHANGE_QUANTITY':
      return `${signed(value.delta)} ${value.unitType}`;
    case 'MOVE_SESSION':
      return `move session ${value.sessionId} to ${value.startDate}`;
    case 'ADD_SESSION':
      return `add session ${value.session.sessionId}`;
    case 'CANCEL_SESSION':
      return `cancel session ${value.sessionId}`;
    case 'SWITCH_MODALITY':
      return `switch session ${value.sessionId} to ${words(value.modality)}`;
    case 'ADD_MODULE':
      return `add ${value.quantity} of module ${value.moduleId}`;
    case 'SWITCH_TRAINEE_TO_REMOTE':
      return `trainee ${value.traineeId} of session ${value.sessionId} continues remotely ${value.weeks} weeks`;
  }
}

function change(value: AmendmentChange): string {
  switch (value.kind) {
    case 'PRICE':
      return `${value.unitType} price of lot ${value.lotId} to ${money(value.newUnitPriceCents)}`;
    case 'DURATION':
      return `end date to ${value.newEndDate}`;
    case 'SCOPE':
      return `scope of lot ${value.lotId}`;
    case 'NEW_MODULES':
      return `${value.modules.length} new module(s) for lot ${value.lotId}`;
    case 'CONTRACTOR_CHANGE':
      return `new contractor for lot ${value.lotId}`;
    case 'VOLUME':
      return `${value.unitType} maximum of lot ${value.lotId} to ${value.newMaxQuantity}`;
  }
}

const euro = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' });

/** The justifications recorded at drafting: not splitting into lots (L2113-11), lasting beyond four years (L2125-1 1°). */
function draftingGrounds(d: ContractDrafted['data']): DecisionGrounds {
  const grounds = [
    ...(d.singleLotJustification ? [{ article: RULES.LOTS_REQUIRED, reason: d.singleLotJustification }] : []),
    ...(d.durationJustification ? [{ article: RULES.FRAMEWORK_DURATION_EXCEEDS_4_YEARS, reason: d.durationJustification }] : []),
  ];
  if (grounds.length === 0) return {};
  return {
    article: grounds.map((g) => g.article).join('; '),
    reason: grounds.map((g) => g.reason).join('; '),
    ...(d.justifiedMonths === undefined ? {} : { figures: { justifiedMonths: d.justifiedMonths } }),
  };
}

function money(cents: number): string {
  return euro.format(cents / 100);
}

function signedMoney(cents: number): string {
  return cents < 0 ? `-${money(-cents)}` : `+${money(cents)}`;
}

function signed(value: number): string {
  return value < 0 ? String(value) : `+${value}`;
}

const OUTCOME_SOURCE_WORDS: Record<OutcomeSource, string> = {
  SURVEY: 'the trainee’s answer to the survey',
  POLE_EMPLOI_IMPORT: 'Pôle emploi’s data',
  PROVIDER_REPORT: 'the provider’s report',
};

function exitWords(destination: ExitDestination): string {
  switch (destination) {
    case 'EMPLOYMENT':
      return 'for a job';
    case 'APPRENTICESHIP':
      return 'for an apprenticeship';
    case 'FURTHER_TRAINING':
      return 'for a further certifying training';
    case 'IAE':
      return 'for an insertion structure (IAE)';
    case 'WITHOUT_SOLUTION':
      return 'without a solution';
    case 'OTHER':
      return 'for another destination';
  }
}

function employmentWords(employment: EmploymentContract | undefined): string {
  if (!employment) return '';
  return employment.contractType === 'CDD' ? ` (CDD of ${employment.durationMonths} months)` : ` (${employment.contractType})`;
}

/** FRAMEWORK_AGREEMENT → "framework agreement". */
function words(code: string): string {
  return code.toLowerCase().replace(/_/g, ' ');
}

/** SomethingHappened → "Something happened". */
function sentence(type: string): string {
  const spaced = type.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
