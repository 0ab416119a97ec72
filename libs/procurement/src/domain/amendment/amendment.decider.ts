import { checkDuration, existing, inStatus } from '../contract/contract.decider';
import { AmendmentState, AmendmentStatus, ContractState, ExistingContract } from '../contract/contract.state';
import { refuse } from '../contract/refuse';
import { addDays, dayOf } from '../terms/command-meta';
import { awardeeProviderIds, Awardee, Clause } from '../terms/procurement-terms';
import { checkVolumeRunningTotal, volumeClauseBound, volumeMovedUnderClauses } from '../clause/volume-running-total';
import { computeAmendmentFigures } from './amendment-figures';
import type { AmendmentComputation } from './amendment.events';
import { AmendmentCommand, ImposeUnilateralModification, ProposeAmendment } from './amendment.commands';
import { AMENDMENT_PROPOSED_SCHEMA_VERSION, UNILATERAL_MODIFICATION_SCHEMA_VERSION, AmendmentChange, AmendmentEvent, AmendmentProposed } from './amendment.events';
import { purchaseKindOf } from '../legal/award-procedure';
import { assertLegalBasis, LegalBasis, ModificationContext, ReviewClauseTerms } from './legal-basis';

export function decideAmendment(command: AmendmentCommand, state: ContractState): AmendmentEvent[] {
  const contract = existing(state);
  inStatus(contract, 'ACTIVE', 'CONTRACT_NOT_ACTIVE');
  const at = command.meta.at;
  switch (command.type) {
    case 'RequestAmendment': {
      const { amendmentId, lotId, description, change } = command.data;
      unused(contract, amendmentId);
      const lot = contract.lots[lotId];
      const providerId = command.meta.providerId;
      if (!lot || !providerId || !lot.awardee || !awardeeProviderIds(lot.awardee).includes(providerId)) {
        refuse('PROVIDER_NOT_ON_LOT', `Lot ${lotId} is not performed by this provider`);
      }
      if (change.kind !== 'DURATION' && change.lotId !== lotId) {
        refuse('PROVIDER_NOT_ON_LOT', `The change concerns lot ${change.lotId}, not lot ${lotId} of this provider`);
      }
      checkChangeTargets(contract, change);
      return [{ type: 'AmendmentRequested', data: { amendmentId, lotId, providerId, description, change, requestedAt: at } }];
    }
    case 'ProposeAmendment':
      return [propose(command, contract)];
    case 'RecordTenderCommitteeOpinion': {
      const amendment = inAmendmentStatus(contract, command.data.amendmentId, ['PROPOSED']);
      return [{ type: 'TenderCommitteeOpinionRecorded', data: { ...command.data, amendmentId: amendment.amendmentId } }];
    }
    case 'SignAmendment': {
      const amendment = inAmendmentStatus(contract, command.data.amendmentId, ['PROPOSED']);
      const opinion = amendment.tenderCommitteeOpinion;
      if (amendment.legalCheck?.tenderCommitteeOpinionRequired && (!opinion || opinion.opinionDate > dayOf(at))) {
        refuse('TENDER_COMMITTEE_OPINION_REQUIRED', 'Record the tender committee opinion before signing', {
          amountChangeCents: amendment.amountChangeCents,
          opinion: opinion ?? null,
        });
      }
      return [{ type: 'AmendmentSigned', data: { amendmentId: amendment.amendmentId, signedAt: at } }];
    }
    case 'NotifyAmendment': {
      const amendment = inAmendmentStatus(contract, command.data.amendmentId, ['SIGNED']);
      return [
        {
          type: 'AmendmentNotified',
          data: {
            amendmentId: amendment.amendmentId,
            providerIds: addressees(contract, amendment.change),
            notifiedAt: at,
            responseDeadline: addDays(at, contract.amendmentResponseDays),
          },
        },
      ];
    }
    case 'AcknowledgeAmendment': {
      const amendment = addressedTo(contract, command.data.amendmentId, command.meta.providerId);
      if (amendment.acknowledgedBy.includes(command.meta.providerId!)) {
        refuse('AMENDMENT_WRONG_STATUS', `Amendment ${amendment.amendmentId} is already acknowledged by this provider`);
      }
      return [
        { type: 'AmendmentAcknowledged', data: { amendmentId: amendment.amendmentId, providerId: command.meta.providerId!, acknowledgedAt: at } },
      ];
    }
    case 'AcceptAmendment': {
      const amendment = addressedTo(contract, command.data.amendmentId, command.meta.providerId);
      const providerId = command.meta.providerId!;
      if (amendment.acceptedBy.includes(providerId)) {
        refuse('AMENDMENT_WRONG_STATUS', `Amendment ${amendment.amendmentId} is already accepted by this provider`);
      }
      const accepted: AmendmentEvent = {
        type: 'AmendmentAccepted',
        data: { amendmentId: amendment.amendmentId, providerId, acceptedAt: at },
      };
      const everyone = amendment.providerIds.every((id) => id === providerId || amendment.acceptedBy.includes(id));
      return everyone ? [accepted, cameIntoForce(amendment, at)] : [accepted];
    }
    case 'DisputeAmendment': {
      const amendment = addressedTo(contract, command.data.amendmentId, command.meta.providerId);
      return [
        {
          type: 'AmendmentDisputed',
          data: { amendmentId: amendment.amendmentId, providerId: command.meta.providerId!, reason: command.data.reason, disputedAt: at },
        },
      ];
    }
    case 'WithdrawAmendment': {
      // Signed, the amendment binds the buyer: only one never signed can be withdrawn.
      const amendment = inAmendmentStatus(contract, command.data.amendmentId, ['REQUESTED', 'PROPOSED']);
      return [{ type: 'AmendmentWithdrawn', data: { amendmentId: amendment.amendmentId, reason: command.data.reason, withdrawnAt: at } }];
    }
    case 'RecordDeemedAcceptance':
      // CCP L2194-1 and L6 4°: an avenant is agreed by both parties; what the buyer imposes alone is a unilateral
      // modification, a different act that opens the contractor's right to compensation (L2194-2).
      return refuse('DEEMED_ACCEPTANCE_NOT_ALLOWED', 'A provider\'s silence is not acceptance: record no answer, or impose a unilateral modification', {
        amendmentId: command.data.amendmentId,
      });
    case 'ImposeUnilateralModification':
      return imposeUnilaterally(command, contract);
    case 'RecordNoAnswer': {
      const amendment = inAmendmentStatus(contract, command.data.amendmentId, ['NOTIFIED']);
      const deadline = amendment.responseDeadline!;
      if (dayOf(at) <= deadline) {
        refuse('RESPONSE_DEADLINE_NOT_REACHED', `The provider may answer until ${deadline}`, { responseDeadline: deadline, today: dayOf(at) });
      }
      return [
        {
          type: 'AmendmentLeftUnanswered',
          data: {
            amendmentId: amendment.amendmentId,
            providerIds: amendment.providerIds.filter((id) => !amendment.acceptedBy.includes(id)),
            responseDeadline: deadline,
            recordedAt: at,
          },
        },
      ];
    }
  }
}

/** The fact that changes the terms, with the change itself, so readers need not replay the proposal. */
function cameIntoForce(amendment: AmendmentState, at: string): AmendmentEvent {
  return {
    type: 'AmendmentCameIntoForce',
    data: {
      amendmentId: amendment.amendmentId,
      change: amendment.change,
      amountChangeCents: amendment.amountChangeCents,
      legalBasis: amendment.legalCheck!.legalBasis,
      inForceAt: at,
    },
  };
}

/** Where the buyer's power to modify alone, and the provider's right to compensation, come from. */
export const UNILATERAL_MODIFICATION_ARTICLE = 'CCP L6 4°, L2194-2';

/**
 * A unilateral modification is checked as an amendment would be (its figures computed, a legal basis found,
 * substantial changes refused: the power to modify alone stays within the code, L6 4°), and is in force at once.
 * A new contractor cannot be bound without its consent, so the contractor is never changed this way. The tender
 * committee's opinion (CGCT L1414-4) concerns projets d'avenant: it does not hold up a unilateral decision.
 */
function imposeUnilaterally(command: ImposeUnilateralModification, contract: ExistingContract): AmendmentEvent[] {
  const { ground, ...terms } = command.data;
  if (terms.change.kind === 'CONTRACTOR_CHANGE') {
    refuse('UNILATERAL_MODIFICATION_CANNOT_REPLACE_CONTRACTOR', 'The contractor is replaced only under R2194-6, with the new contractor\'s consent', {
      kind: terms.change.kind,
    });
  }
  const proposed = propose({ type: 'ProposeAmendment', meta: command.meta, data: terms }, contract);
  const { proposedAt: _proposedAt, computation, ...checked } = proposed.data;
  const providerIds = addressees(contract, terms.change);
  return [
    {
      type: 'UnilateralModificationImposed',
      schemaVersion: UNILATERAL_MODIFICATION_SCHEMA_VERSION,
      data: { ...checked, computation: computation!, ground, providerIds, article: UNILATERAL_MODIFICATION_ARTICLE, imposedAt: command.meta.at },
    },
    {
      type: 'AmendmentCameIntoForce',
      data: {
        amendmentId: checked.amendmentId,
        change: checked.change,
        amountChangeCents: checked.amountChangeCents,
        legalBasis: checked.legalCheck.legalBasis,
        inForceAt: command.meta.at,
      },
    },
  ];
}

function propose(command: ProposeAmendment, contract: ExistingContract): AmendmentProposed {
  const data = command.data;
  unused(contract, data.amendmentId, data.requestId);
  if (data.requestId !== undefined) inAmendmentStatus(contract, data.requestId, ['REQUESTED']);
  checkChangeTargets(contract, data.change);
  checkPriceRevisionFormula(contract, data);
  const computation = computeAmendmentFigures(contract, data.change, dayOf(command.meta.at));
  checkVolumeClauseTotal(contract, data, computation);
  const decision = assertLegalBasis(
    {
      kind: data.change.kind,
      amountChangeCents: computation.amountChangeCents,
      reviewClauseId: data.reviewClauseId,
      justification: data.justification,
      substantialEffects: data.substantialEffects,
      changesOverallNature: data.changesOverallNature,
    },
    modificationContext(contract, dayOf(command.meta.at)),
  );
  return {
    type: 'AmendmentProposed',
    schemaVersion: AMENDMENT_PROPOSED_SCHEMA_VERSION,
    data: {
      amendmentId: data.amendmentId,
      description: data.description,
      change: data.change,
      amountChangeCents: computation.amountChangeCents,
      computation,
      ...(data.declaredAmountChangeCents === undefined ? {} : { declaredAmountChangeCents: data.declaredAmountChangeCents }),
      ...(data.reviewClauseId === undefined ? {} : { reviewClauseId: data.reviewClauseId }),
      justification: data.justification ?? {},
      substantialEffects: data.substantialEffects ?? {},
      changesOverallNature: data.changesOverallNature ?? false,
      ...(data.requestId === undefined ? {} : { requestId: data.requestId }),
      legalCheck: {
        legalBasis: decision.legalBasis,
        eformsCode: decision.eformsCode,
        article: decision.article,
        figures: { ...decision.figures },
        tenderCommitteeOpinionRequired: decision.tenderCommitteeOpinionRequired,
        ...(decision.splittingWarning ? { splittingWarning: decision.splittingWarning } : {}),
      },
      proposedAt: command.meta.at,
    },
  };
}

/**
 * What the legal check needs from the contract. A Région is a sub-central buyer; the kind of service follows
 * from the contract's CPV code and the tender committee's role from its award procedure.
 * Every amendment that passed the check and is neither disputed nor withdrawn counts in the running totals
 * (R2194-9), so a series of pending amendments cannot be used to split one change.
 */
/** Amendments that will never come into force: they hold no headroom in any running total. */
const LAPSED: AmendmentStatus[] = ['DISPUTED', 'WITHDRAWN', 'UNANSWERED'];

function modificationContext(contract: ExistingContract, date: string): ModificationContext {
  const purchase = purchaseKindOf(contract.cpvCode);
  return {
    date,
    buyerKind: 'SUB_CENTRAL',
    purchaseKind: purchase.purchaseKind,
    purchaseKindReason: purchase.reason,
    ...(contract.awardProcedure === undefined ? {} : { awardProcedure: contract.awardProcedure.procedure }),
    initialAmountCents: contract.initialValueCents,
    currentAmountCents: contract.currentValueCents,
    priorModifications: Object.values(contract.amendments)
      .filter((a) => a.legalCheck && !LAPSED.includes(a.status))
      .map((a) => ({
        legalBasis: a.legalCheck!.legalBasis as LegalBasis,
        amountChangeCents: a.amountChangeCents,
        ...(a.reviewClauseId === undefined ? {} : { reviewClauseId: a.reviewClauseId }),
      })),
    reviewClauses: Object.values(contract.clauses).flatMap((clause): ReviewClauseTerms[] => {
      const covers = { VOLUME: ['VOLUME'], MODULE_CATALOGUE: ['NEW_MODULES'], PRICE_REVISION: ['PRICE'] } as const;
      const kinds = covers[clause.terms.type as keyof typeof covers];
      if (!kinds) return [];
      // Every clause was fixed before publication, so each is part of the initial documents.
      const terms: ReviewClauseTerms = { clauseId: clause.clauseId, covers: [...kinds], inInitialDocuments: true };
      const bound = volumeClauseBoundCents(contract, clause);
      return [bound === undefined ? terms : { ...terms, maxAmountChangeCents: bound }];
    }),
  };
}

/**
 * A volume clause bounds the amount it can move: ± its percentage of the initial quantity, priced, for its
 * lot, or summed over every lot pricing its work unit for a contract-wide clause.
 */
function volumeClauseBoundCents(contract: ExistingContract, clause: Clause): number | undefined {
  if (clause.terms.type !== 'VOLUME') return undefined;
  const { unitType, percent } = clause.terms;
  const lots = clause.lotId === undefined ? Object.values(contract.lots) : [contract.lots[clause.lotId]].filter(Boolean);
  return lots.reduce((sum, lot) => {
    const unit = lot.workUnits[unitType];
    return unit ? sum + volumeClauseBound(unit.initialQuantity, percent) * unit.unitPriceCents : sum;
  }, 0);
}

/**
 * A volume amendment under a volume clause moves the lot's maximum within the clause's running total, the one
 * order adjustments count against too (see volumeMovedUnderClauses).
 */
function checkVolumeClauseTotal(contract: ExistingContract, data: ProposeAmendment['data'], computation: AmendmentComputation): void {
  const clause = data.reviewClauseId === undefined ? undefined : contract.clauses[data.reviewClauseId];
  if (!clause || clause.terms.type !== 'VOLUME' || data.change.kind !== 'VOLUME' || computation.method !== 'VOLUME_AT_UNIT_PRICE') return;
  const { lotId, unitType } = data.change;
  if ((clause.lotId !== undefined && clause.lotId !== lotId) || clause.terms.unitType !== unitType) {
    refuse('CLAUSE_DOES_NOT_ALLOW_ADJUSTMENT', `Clause ${clause.clauseId} covers ${clause.terms.unitType}${clause.lotId ? ` of lot ${clause.lotId}` : ''}`, {
      clauseId: clause.clauseId,
      lotId,
      unitType,
    });
  }
  const initialQuantity = contract.lots[lotId].workUnits[unitType]!.initialQuantity;
  const delta = computation.inputs.newMaxQuantity - computation.inputs.currentMaxQuantity;
  checkVolumeRunningTotal(volumeMovedUnderClauses(contract, lotId, unitType), { delta, pending: true }, {
    initialQuantity,
    percent: clause.terms.percent,
    unitType,
    clauseId: clause.clauseId,
  });
}

/**
 * A price change citing a price revision clause is that clause's formula applied to recorded index values: the
 * price of the latest revision recorded under it, to the cent (CCP R2194-1: the clause sets the change, the
 * buyer does not).
 */
function checkPriceRevisionFormula(contract: ExistingContract, data: ProposeAmendment['data']): void {
  const clause = data.reviewClauseId === undefined ? undefined : contract.clauses[data.reviewClauseId];
  if (!clause || clause.terms.type !== 'PRICE_REVISION' || data.change.kind !== 'PRICE') return;
  const change = data.change;
  if ('recordedAsText' in clause.terms) {
    refuse('PRICE_REVISION_CLAUSE_NOT_COMPUTABLE', `Clause ${clause.clauseId} was recorded as text, without a formula to compute`, {
      clauseId: clause.clauseId,
      ...clause.terms.recordedAsText,
    });
  }
  const revisions = Object.values(contract.priceRevisions)
    .filter((revision) => revision.clauseId === clause.clauseId)
    .sort((a, b) => a.revisionDate.localeCompare(b.revisionDate));
  const latest = revisions.at(-1);
  const price = latest?.prices.find((p) => p.lotId === change.lotId && p.unitType === change.unitType);
  if (!latest || !price) {
    refuse('PRICE_REVISION_NOT_COMPUTED', `Record the revision under clause ${clause.clauseId} from the index values first`, {
      clauseId: clause.clauseId,
      lotId: change.lotId,
      unitType: change.unitType,
      proposedUnitPriceCents: change.newUnitPriceCents,
    });
  }
  if (price.revisedPriceCents !== change.newUnitPriceCents) {
    refuse('PRICE_REVISION_FORMULA_MISMATCH', `Clause ${clause.clauseId} gives ${price.revisedPriceCents} cents, not ${change.newUnitPriceCents}`, {
      clauseId: clause.clauseId,
      revisionDate: latest.revisionDate,
      proposedUnitPriceCents: change.newUnitPriceCents,
      formulaUnitPriceCents: price.revisedPriceCents,
      basePriceCents: price.basePriceCents,
      formula: latest.formula,
      index: latest.index,
    });
  }
}

function checkChangeTargets(contract: ExistingContract, change: AmendmentChange): void {
  if (change.kind === 'DURATION') {
    if (change.newEndDate <= contract.startDate) refuse('CONTRACT_DATES_INVALID', 'The contract must end after it starts');
    checkDuration(contract.mode, contract.startDate, change.newEndDate, { months: contract.justifiedMonths ?? 0 });
    return;
  }
  const lot = contract.lots[change.lotId];
  if (!lot) refuse('LOT_NOT_FOUND', `No lot ${change.lotId} in this contract`);
  if ((change.kind === 'PRICE' || change.kind === 'VOLUME') && !lot.workUnits[change.unitType]) {
    refuse('UNKNOWN_WORK_UNIT', `Lot ${change.lotId} has no ${change.unitType} work unit`);
  }
}

/** The providers who must answer: the lead of each lot the change concerns. */
function addressees(contract: ExistingContract, change: AmendmentChange): string[] {
  const lots = change.kind === 'DURATION' ? Object.values(contract.lots) : [contract.lots[change.lotId]];
  const leads = lots.flatMap((lot) => (lot.awardee ? [leadOf(lot.awardee)] : []));
  return [...new Set(leads)];
}

function leadOf(awardee: Awardee): string {
  return awardee.kind === 'PROVIDER' ? awardee.providerId : awardee.leadProviderId;
}

function unused(contract: ExistingContract, amendmentId: string, requestId?: string): void {
  if (contract.amendments[amendmentId] && amendmentId !== requestId) {
    refuse('AMENDMENT_ALREADY_EXISTS', `Amendment ${amendmentId} already exists`);
  }
}

function inAmendmentStatus(contract: ExistingContract, amendmentId: string, statuses: AmendmentStatus[]): AmendmentState {
  const amendment = contract.amendments[amendmentId];
  if (!amendment) refuse('AMENDMENT_NOT_FOUND', `No amendment ${amendmentId} in this contract`);
  if (!statuses.includes(amendment.status)) {
    refuse('AMENDMENT_WRONG_STATUS', `Amendment ${amendmentId} is ${amendment.status.toLowerCase()}`, {
      status: amendment.status,
      expected: statuses,
    });
  }
  return amendment;
}

function addressedTo(contract: ExistingContract, amendmentId: string, providerId: string | undefined): AmendmentState {
  const amendment = contract.amendments[amendmentId];
  if (!amendment || !providerId || !amendment.providerIds.includes(providerId)) {
    refuse('AMENDMENT_NOT_ADDRESSED_TO_PROVIDER', `Amendment ${amendmentId} is not addressed to this provider`);
  }
  return inAmendmentStatus(contract, amendmentId, ['NOTIFIED']);
}
