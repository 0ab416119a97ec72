import { AmendmentChange, AmendmentEvent, RULES } from '@app/procurement';
import { FacetExplain, money, signedMoney } from './facet-explain';

export const AMENDMENT_EXPLAIN: FacetExplain<AmendmentEvent> = {
  AmendmentRequested: (event) => {
    const d = event.data;
    return [`Provider ${d.providerId} requested amendment ${d.amendmentId} on lot ${d.lotId}: ${change(d.change)}`, { reason: d.description }];
  },
  AmendmentProposed: (event) => {
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
  },
  TenderCommitteeOpinionRecorded: (event) => {
    const d = event.data;
    return [
      `Tender committee opinion on amendment ${d.amendmentId}: ${d.favourable ? 'favourable' : 'unfavourable'} (${d.opinionDate})`,
      { article: RULES.TENDER_COMMITTEE_OPINION_REQUIRED },
    ];
  },
  AmendmentSigned: (event) => [`Amendment ${event.data.amendmentId} signed`, { article: RULES.TENDER_COMMITTEE_OPINION_REQUIRED }],
  AmendmentNotified: (event) => {
    const d = event.data;
    return [`Amendment ${d.amendmentId} notified to ${d.providerIds.join(', ')}, answer due by ${d.responseDeadline}`, {}];
  },
  AmendmentAcknowledged: (event) => [`Provider ${event.data.providerId} acknowledged amendment ${event.data.amendmentId}`, {}],
  AmendmentAccepted: (event) => [`Provider ${event.data.providerId} accepted amendment ${event.data.amendmentId}`, {}],
  AmendmentDisputed: (event) => [`Provider ${event.data.providerId} disputed amendment ${event.data.amendmentId}`, { reason: event.data.reason }],
  AmendmentDeemedAccepted: (event) => [
    `Amendment ${event.data.amendmentId} deemed accepted: no answer by ${event.data.responseDeadline} (silence was then taken for acceptance, a rule since withdrawn)`,
    { article: RULES.DEEMED_ACCEPTANCE_NOT_ALLOWED, figures: { responseDeadline: event.data.responseDeadline } },
  ],
  AmendmentLeftUnanswered: (event) => {
    const d = event.data;
    return [
      `Amendment ${d.amendmentId} left unanswered by ${d.providerIds.join(', ')} past ${d.responseDeadline}: silence is not acceptance, it lapsed without coming into force`,
      { article: RULES.DEEMED_ACCEPTANCE_NOT_ALLOWED, figures: { responseDeadline: d.responseDeadline } },
    ];
  },
  AmendmentCameIntoForce: (event) => {
    const d = event.data;
    return [`Amendment ${d.amendmentId} came into force: ${change(d.change)}, ${signedMoney(d.amountChangeCents)}`, { legalBasis: d.legalBasis }];
  },
  UnilateralModificationImposed: (event) => {
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
  },
  AmendmentWithdrawn: (event) => [`Amendment ${event.data.amendmentId} withdrawn before signature`, { reason: event.data.reason }],
};

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
