import type { ExistingContract } from '../contract/contract-state.types';
import { FacetEvolve, setPrice, updateAmendment, updateLot, withAmendment } from '../contract/facet-evolve';
import { exhaustive } from '../exhaustive';
import { dayOf } from '../terms/command-meta';
import { AmendmentEvent } from './amendment.events';

export const AMENDMENT_EVOLVE: FacetEvolve<AmendmentEvent> = {
  AmendmentRequested: (state, event) => {
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
  },
  AmendmentProposed: (state, event) => {
    const { amendmentId, description, change, amountChangeCents, computation, declaredAmountChangeCents, legalCheck, requestId, reviewClauseId } = event.data;
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
  },
  TenderCommitteeOpinionRecorded: (state, event) =>
    updateAmendment(state, event.data.amendmentId, (a) => ({
      ...a,
      tenderCommitteeOpinion: { opinionDate: event.data.opinionDate, favourable: event.data.favourable },
    })),
  AmendmentSigned: (state, event) => updateAmendment(state, event.data.amendmentId, (a) => ({ ...a, status: 'SIGNED' })),
  AmendmentNotified: (state, event) =>
    updateAmendment(state, event.data.amendmentId, (a) => ({
      ...a,
      status: 'NOTIFIED',
      providerIds: event.data.providerIds,
      responseDeadline: event.data.responseDeadline,
    })),
  AmendmentAcknowledged: (state, event) =>
    updateAmendment(state, event.data.amendmentId, (a) => ({
      ...a,
      acknowledgedBy: [...a.acknowledgedBy, event.data.providerId],
    })),
  AmendmentDisputed: (state, event) =>
    updateAmendment(state, event.data.amendmentId, (a) => ({
      ...a,
      status: 'DISPUTED',
      dispute: { providerId: event.data.providerId, reason: event.data.reason },
    })),
  AmendmentAccepted: (state, event) =>
    updateAmendment(state, event.data.amendmentId, (a) => ({
      ...a,
      acceptedBy: [...a.acceptedBy, event.data.providerId],
    })),
  AmendmentDeemedAccepted: (state) => state,
  AmendmentLeftUnanswered: (state, event) => updateAmendment(state, event.data.amendmentId, (a) => ({ ...a, status: 'UNANSWERED' })),
  AmendmentWithdrawn: (state, event) =>
    updateAmendment(state, event.data.amendmentId, (a) => ({ ...a, status: 'WITHDRAWN', withdrawal: { reason: event.data.reason, withdrawnAt: event.data.withdrawnAt } })),
  AmendmentCameIntoForce: (state, event) => bringIntoForce(state, event.data.amendmentId, event.data.inForceAt),
  UnilateralModificationImposed: (state, event) => {
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
  },
};

/** An accepted amendment changes the terms that later orders and amendments are checked against. */
export function bringIntoForce(state: ExistingContract, amendmentId: string, inForceAt: string): ExistingContract {
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
