import { AMENDMENT_PROPOSED_SCHEMA_VERSION, AmendmentEvent, UNILATERAL_MODIFICATION_SCHEMA_VERSION } from '@app/procurement';
import { FacetReconstruct } from './facet-reconstruct';

export const AMENDMENT_RECONSTRUCT: FacetReconstruct<AmendmentEvent> = {
  AmendmentRequested: (event, meta) => {
    const { amendmentId, lotId, providerId, description, change } = event.data;
    return { type: 'RequestAmendment', meta: { ...meta, providerId }, data: { amendmentId, lotId, description, change } };
  },
  AmendmentProposed: (event, meta, recorded) => {
    // Recorded before amendments carried computed figures (version 1), it was checked on the amount the buyer
    // typed; before version 3, with the ordinary services thresholds, the tender committee on every contract and
    // the substantial test on every basis: today's rules differ, so it is folded as recorded, not decided again.
    if ((recorded.metadata.schemaVersion ?? 1) < AMENDMENT_PROPOSED_SCHEMA_VERSION || !event.data.computation) return undefined;
    const { legalCheck: _legalCheck, proposedAt: _proposedAt, amountChangeCents: _amount, computation: _computation, ...data } = event.data;
    return { type: 'ProposeAmendment', meta, data };
  },
  TenderCommitteeOpinionRecorded: (event, meta) => ({ type: 'RecordTenderCommitteeOpinion', meta, data: event.data }),
  AmendmentSigned: (event, meta) => ({ type: 'SignAmendment', meta, data: { amendmentId: event.data.amendmentId } }),
  AmendmentNotified: (event, meta) => ({ type: 'NotifyAmendment', meta, data: { amendmentId: event.data.amendmentId } }),
  AmendmentAcknowledged: (event, meta) => ({ type: 'AcknowledgeAmendment', meta: { ...meta, providerId: event.data.providerId }, data: { amendmentId: event.data.amendmentId } }),
  AmendmentAccepted: (event, meta) => ({ type: 'AcceptAmendment', meta: { ...meta, providerId: event.data.providerId }, data: { amendmentId: event.data.amendmentId } }),
  AmendmentDisputed: (event, meta) => {
    const { amendmentId, providerId, reason } = event.data;
    return { type: 'DisputeAmendment', meta: { ...meta, providerId }, data: { amendmentId, reason } };
  },
  // Decided when silence was taken for acceptance, a rule since withdrawn (an avenant needs consent): folded
  // as recorded, the amendment in force as it was, not decided again.
  AmendmentDeemedAccepted: () => undefined,
  AmendmentLeftUnanswered: (event, meta) => ({ type: 'RecordNoAnswer', meta, data: { amendmentId: event.data.amendmentId } }),
  // Written by the command that accepted the amendment, never alone.
  AmendmentCameIntoForce: () => undefined,
  UnilateralModificationImposed: (event, meta, recorded) => {
    // Recorded before version 2, it was checked under the rules AmendmentProposed version 3 replaced: folded as recorded.
    if ((recorded.metadata.schemaVersion ?? 1) < UNILATERAL_MODIFICATION_SCHEMA_VERSION) return undefined;
    const { amendmentId, description, change, ground, declaredAmountChangeCents, reviewClauseId, justification, substantialEffects, changesOverallNature } = event.data;
    return {
      type: 'ImposeUnilateralModification',
      meta,
      data: {
        amendmentId,
        description,
        change,
        ground,
        ...(declaredAmountChangeCents === undefined ? {} : { declaredAmountChangeCents }),
        ...(reviewClauseId === undefined ? {} : { reviewClauseId }),
        justification,
        substantialEffects,
        changesOverallNature,
      },
    };
  },
  AmendmentWithdrawn: (event, meta) => ({ type: 'WithdrawAmendment', meta, data: { amendmentId: event.data.amendmentId, reason: event.data.reason } }),
};
