import { specify } from '@app/shared/testing/decider-specification';
import { ProcurementEvent } from '../contract/contract.state';
import { procurementDecider } from '../procurement.decider';
import {
  acceptAmendment,
  acknowledgeAmendment,
  activeContract,
  CONTRACT_MAXIMUM,
  disputeAmendment,
  euros,
  GROUPING_LEAD,
  GROUPING_MEMBER,
  meta,
  notifyAmendment,
  NOTIFIED_AT,
  OPEN_DAY_LOT,
  orderPathways,
  PATHWAY_LOT,
  PATHWAY_PROVIDER,
  PROPOSED_AT,
  proposeAmendment,
  providerMeta,
  recordDeemedAcceptance,
  recordNoAnswer,
  recorded,
  RESPONSE_DEADLINE,
  session,
  SIGNED_AT,
  signAmendment,
  stateOf,
} from '../testing/fixtures';
import { AmendmentCommand } from './amendment.commands';
import { AmendmentChange } from './amendment.events';

const AMENDMENT = 'amendment-1';
const REQUEST = 'request-1';

/** Lot 1 extended to a neighbouring town: a small change, priced +1,000 €, on a 1,000,000 € contract. */
const widerPathwayTerritory: AmendmentChange = { kind: 'SCOPE', lotId: PATHWAY_LOT, territoryCodes: ['69123', '69266'] };
const widerOpenDayTerritory: AmendmentChange = { kind: 'SCOPE', lotId: OPEN_DAY_LOT, territoryCodes: ['38185', '38421'] };
/** One month more on 729 days worth 1,000,000 €: +31 days at the run rate, +42,524.00 €. */
const longerContract: AmendmentChange = { kind: 'DURATION', newEndDate: '2028-01-31' };
const pathwayPrice = (newUnitPriceCents: number): AmendmentChange => ({ kind: 'PRICE', lotId: PATHWAY_LOT, unitType: 'PATHWAY', newUnitPriceCents });

const requestAmendment = (providerId: string, lotId: string, change: AmendmentChange = widerPathwayTerritory): AmendmentCommand => ({
  type: 'RequestAmendment',
  meta: providerMeta('2026-02-16T14:00:00.000Z', providerId),
  data: { amendmentId: REQUEST, lotId, description: 'Trainees come from Villeurbanne too', change },
});

const recordOpinion = (opinionDate: string): AmendmentCommand => ({
  type: 'RecordTenderCommitteeOpinion',
  meta: meta('2026-03-04T09:00:00.000Z'),
  data: { amendmentId: AMENDMENT, opinionDate, favourable: true },
});

const proposed = (change: AmendmentChange = widerPathwayTerritory, history: ProcurementEvent[] = activeContract()) =>
  recorded(history, proposeAmendment({ amendmentId: AMENDMENT, change }));
const signed = (change?: AmendmentChange, history?: ProcurementEvent[]) => recorded(proposed(change, history), signAmendment(AMENDMENT));
const notified = (change?: AmendmentChange, history?: ProcurementEvent[]) => recorded(signed(change, history), notifyAmendment(AMENDMENT));

const statusOf = (history: ProcurementEvent[]) => {
  const state = stateOf(history);
  return state.status === 'EMPTY' ? undefined : state.amendments[AMENDMENT].status;
};

describe('an amendment', () => {
  describe('requested by a provider', () => {
    it('records the request of the provider performing the lot', () => {
      specify(procurementDecider)
        .given(activeContract())
        .when(requestAmendment(PATHWAY_PROVIDER, PATHWAY_LOT))
        .then([
          {
            type: 'AmendmentRequested',
            data: {
              amendmentId: REQUEST,
              lotId: PATHWAY_LOT,
              providerId: PATHWAY_PROVIDER,
              description: 'Trainees come from Villeurbanne too',
              change: widerPathwayTerritory,
              requestedAt: '2026-02-16T14:00:00.000Z',
            },
          },
        ]);
    });

    it('records the request of a member of the grouping who is not its lead', () => {
      const [requested] = specify(procurementDecider)
        .given(activeContract())
        .when(requestAmendment(GROUPING_MEMBER, OPEN_DAY_LOT, widerOpenDayTerritory))
        .events();
      expect(requested).toMatchObject({ type: 'AmendmentRequested', data: { providerId: GROUPING_MEMBER } });
    });

    it('refuses the request of a provider on another lot', () => {
      specify(procurementDecider).given(activeContract()).when(requestAmendment(GROUPING_LEAD, PATHWAY_LOT)).thenRefuses('PROVIDER_NOT_ON_LOT');
    });

    it('refuses a request that names the provider’s own lot for a change of another lot', () => {
      specify(procurementDecider)
        .given(activeContract())
        .when(requestAmendment(PATHWAY_PROVIDER, PATHWAY_LOT, widerOpenDayTerritory))
        .thenRefuses('PROVIDER_NOT_ON_LOT');
    });

    it('refuses a request sent on behalf of no provider', () => {
      specify(procurementDecider)
        .given(activeContract())
        .when({ ...requestAmendment(PATHWAY_PROVIDER, PATHWAY_LOT), meta: meta('2026-02-16T14:00:00.000Z') })
        .thenRefuses('PROVIDER_NOT_ON_LOT');
    });

    it('is answered by the buyer’s proposal, which names it', () => {
      const given = recorded(activeContract(), requestAmendment(PATHWAY_PROVIDER, PATHWAY_LOT));
      const [proposal] = specify(procurementDecider)
        .given(given)
        .when(proposeAmendment({ amendmentId: AMENDMENT, change: widerPathwayTerritory, requestId: REQUEST }))
        .events();
      expect(proposal).toMatchObject({ type: 'AmendmentProposed', data: { amendmentId: AMENDMENT, requestId: REQUEST } });
    });
  });

  describe('extending the contract', () => {
    // The framework runs from 2026-01-01: to 2029-12-31 is 48 months, to 2030-01-01 is a day more.
    it('may extend a framework agreement up to four years in all', () => {
      // Drafted to end on 2029-11-30, one month more is worth 2.2% at its run rate: a de minimis change.
      const events = specify(procurementDecider)
        .given(activeContract({ contract: { endDate: '2029-11-30' } }))
        .when(proposeAmendment({ amendmentId: AMENDMENT, change: { kind: 'DURATION', newEndDate: '2029-12-31' } }))
        .events();
      expect(events.map((e) => e.type)).toEqual(['AmendmentProposed']);
    });

    it('refuses to extend a framework agreement beyond four years', () => {
      specify(procurementDecider)
        .given(activeContract())
        .when(proposeAmendment({ amendmentId: AMENDMENT, change: { kind: 'DURATION', newEndDate: '2030-01-01' } }))
        .thenRefuses('FRAMEWORK_DURATION_EXCEEDS_4_YEARS', { months: 49 });
    });

    it('extends a framework justified beyond four years up to the months its justification covers, not one more', () => {
      // Drafted from 2026-01-01 to 2030-06-30 (54 months) on a recorded justification.
      const justified = activeContract({ contract: { endDate: '2030-06-30', durationJustification: 'Plateaux techniques amortis', justifiedMonths: 54 } });
      const extend = (newEndDate: string) => proposeAmendment({ amendmentId: AMENDMENT, change: { kind: 'DURATION', newEndDate } });
      expect(specify(procurementDecider).given(justified).when(extend('2030-05-31')).events()).toHaveLength(1);
      expect(specify(procurementDecider).given(justified).when(extend('2030-06-30')).events()).toHaveLength(1);
      specify(procurementDecider).given(justified).when(extend('2030-07-01')).thenRefuses('FRAMEWORK_DURATION_EXCEEDS_4_YEARS', { months: 55, justifiedMonths: 54 });
    });
  });

  describe('proposed by the buyer', () => {
    it('records a small change as a de minimis modification, with its computed figure and legal check', () => {
      // +10 € on 100 pathways estimated, none ordered yet: +1,000 €. The buyer's own estimate stays beside it.
      const [proposal] = specify(procurementDecider)
        .given(activeContract())
        .when(proposeAmendment({ amendmentId: AMENDMENT, change: pathwayPrice(euros(5_010)), declaredAmountChangeCents: euros(900) }))
        .events();
      expect(proposal).toMatchObject({
        type: 'AmendmentProposed',
        data: {
          amendmentId: AMENDMENT,
          change: pathwayPrice(euros(5_010)),
          amountChangeCents: euros(1_000),
          computation: {
            method: 'PRICE_DIFFERENCE_TIMES_QUANTITY',
            inputs: { currentUnitPriceCents: euros(5_000), newUnitPriceCents: euros(5_010), orderedQuantity: 0, remainingQuantity: 100 },
            amountChangeCents: euros(1_000),
          },
          declaredAmountChangeCents: euros(900),
          justification: {},
          substantialEffects: {},
          changesOverallNature: false,
          legalCheck: { legalBasis: 'R2194-8', eformsCode: 'mod-minv', tenderCommitteeOpinionRequired: false },
          proposedAt: PROPOSED_AT,
        },
      });
    });

    it('refuses an amendment id used twice', () => {
      specify(procurementDecider)
        .given(proposed())
        .when(proposeAmendment({ amendmentId: AMENDMENT, change: widerOpenDayTerritory }))
        .thenRefuses('AMENDMENT_ALREADY_EXISTS');
    });

    it('refuses a change of a lot the contract does not have', () => {
      specify(procurementDecider)
        .given(activeContract())
        .when(proposeAmendment({ amendmentId: AMENDMENT, change: { kind: 'SCOPE', lotId: 'lot-9-unknown', territoryCodes: ['01053'] } }))
        .thenRefuses('LOT_NOT_FOUND');
    });
  });

  describe('signed', () => {
    it('signs a proposal', () => {
      specify(procurementDecider)
        .given(proposed())
        .when(signAmendment(AMENDMENT))
        .then([{ type: 'AmendmentSigned', data: { amendmentId: AMENDMENT, signedAt: SIGNED_AT } }]);
    });

    it('refuses to sign twice', () => {
      specify(procurementDecider).given(signed()).when(signAmendment(AMENDMENT)).thenRefuses('AMENDMENT_WRONG_STATUS', { status: 'SIGNED' });
    });

    it('refuses to sign an amendment that was never proposed', () => {
      specify(procurementDecider).given(activeContract()).when(signAmendment(AMENDMENT)).thenRefuses('AMENDMENT_NOT_FOUND');
    });

    describe('when the tender committee must give its opinion (a 6% rise)', () => {
      // +600 € on 100 pathways: +60,000 €, 6% of 1,000,000 €.
      const risingSixPercent = () => recorded(activeContract(), proposeAmendment({ amendmentId: AMENDMENT, change: pathwayPrice(euros(5_600)) }));

      it('is proposed with the opinion required', () => {
        const proposal = risingSixPercent().at(-1);
        expect(proposal).toMatchObject({ type: 'AmendmentProposed', data: { legalCheck: { tenderCommitteeOpinionRequired: true } } });
      });

      it('refuses to sign before the opinion is recorded', () => {
        specify(procurementDecider)
          .given(risingSixPercent())
          .when(signAmendment(AMENDMENT))
          .thenRefuses('TENDER_COMMITTEE_OPINION_REQUIRED', { amountChangeCents: euros(60_000), opinion: null });
      });

      it('refuses to sign on the day before the opinion is dated', () => {
        specify(procurementDecider)
          .given(recorded(risingSixPercent(), recordOpinion('2026-03-06')))
          .when(signAmendment(AMENDMENT, '2026-03-05T16:00:00.000Z'))
          .thenRefuses('TENDER_COMMITTEE_OPINION_REQUIRED', { opinion: { opinionDate: '2026-03-06', favourable: true } });
      });

      it('signs on the day the opinion is dated', () => {
        specify(procurementDecider)
          .given(recorded(risingSixPercent(), recordOpinion('2026-03-05')))
          .when(signAmendment(AMENDMENT, '2026-03-05T16:00:00.000Z'))
          .then([{ type: 'AmendmentSigned', data: { amendmentId: AMENDMENT, signedAt: '2026-03-05T16:00:00.000Z' } }]);
      });

      it('refuses an opinion recorded after signature', () => {
        const given = recorded(risingSixPercent(), recordOpinion('2026-03-04'), signAmendment(AMENDMENT));
        specify(procurementDecider).given(given).when(recordOpinion('2026-03-04')).thenRefuses('AMENDMENT_WRONG_STATUS');
      });
    });
  });

  describe('notified', () => {
    it('is addressed to the provider of the amended lot, who has 15 days to answer', () => {
      specify(procurementDecider)
        .given(signed())
        .when(notifyAmendment(AMENDMENT))
        .then([
          {
            type: 'AmendmentNotified',
            data: { amendmentId: AMENDMENT, providerIds: [PATHWAY_PROVIDER], notifiedAt: NOTIFIED_AT, responseDeadline: RESPONSE_DEADLINE },
          },
        ]);
    });

    it('is addressed to the lead of a grouping only', () => {
      const [notification] = specify(procurementDecider).given(signed(widerOpenDayTerritory)).when(notifyAmendment(AMENDMENT)).events();
      expect(notification).toMatchObject({ data: { providerIds: [GROUPING_LEAD] } });
    });

    it('is addressed to the lead of every lot when the contract duration changes', () => {
      const [notification] = specify(procurementDecider).given(signed(longerContract)).when(notifyAmendment(AMENDMENT)).events();
      expect(notification).toMatchObject({ data: { providerIds: [PATHWAY_PROVIDER, GROUPING_LEAD] } });
    });

    it('gives the response period the contract sets', () => {
      const history = recorded(
        activeContract({ contract: { amendmentResponseDays: 30 } }),
        proposeAmendment({ amendmentId: AMENDMENT, change: widerPathwayTerritory }),
        signAmendment(AMENDMENT),
      );
      const [notification] = specify(procurementDecider).given(history).when(notifyAmendment(AMENDMENT)).events();
      expect(notification).toMatchObject({ data: { responseDeadline: '2026-04-09' } });
    });

    it('refuses to notify an amendment that is not signed', () => {
      specify(procurementDecider).given(proposed()).when(notifyAmendment(AMENDMENT)).thenRefuses('AMENDMENT_WRONG_STATUS', { status: 'PROPOSED' });
    });
  });

  describe('answered by the provider', () => {
    it('is acknowledged by the provider it is addressed to', () => {
      specify(procurementDecider)
        .given(notified())
        .when(acknowledgeAmendment(AMENDMENT, PATHWAY_PROVIDER))
        .then([
          { type: 'AmendmentAcknowledged', data: { amendmentId: AMENDMENT, providerId: PATHWAY_PROVIDER, acknowledgedAt: '2026-03-12T10:00:00.000Z' } },
        ]);
    });

    it('is acknowledged once by each provider', () => {
      specify(procurementDecider)
        .given(recorded(notified(), acknowledgeAmendment(AMENDMENT, PATHWAY_PROVIDER)))
        .when(acknowledgeAmendment(AMENDMENT, PATHWAY_PROVIDER))
        .thenRefuses('AMENDMENT_WRONG_STATUS');
    });

    it('cannot be acknowledged by the provider of another lot', () => {
      specify(procurementDecider).given(notified()).when(acknowledgeAmendment(AMENDMENT, GROUPING_LEAD)).thenRefuses('AMENDMENT_NOT_ADDRESSED_TO_PROVIDER');
    });

    it('cannot be acknowledged by a grouping member who is not the lead', () => {
      specify(procurementDecider)
        .given(notified(widerOpenDayTerritory))
        .when(acknowledgeAmendment(AMENDMENT, GROUPING_MEMBER))
        .thenRefuses('AMENDMENT_NOT_ADDRESSED_TO_PROVIDER');
    });

    it('cannot be acknowledged before it is notified', () => {
      specify(procurementDecider).given(signed()).when(acknowledgeAmendment(AMENDMENT, PATHWAY_PROVIDER)).thenRefuses('AMENDMENT_NOT_ADDRESSED_TO_PROVIDER');
    });

    it('comes into force when the provider accepts it', () => {
      const accepted = specify(procurementDecider).given(notified()).when(acceptAmendment(AMENDMENT, PATHWAY_PROVIDER)).events();
      expect(accepted).toEqual([
        { type: 'AmendmentAccepted', data: { amendmentId: AMENDMENT, providerId: PATHWAY_PROVIDER, acceptedAt: '2026-03-12T10:00:00.000Z' } },
        {
          type: 'AmendmentCameIntoForce',
          data: {
            amendmentId: AMENDMENT,
            change: widerPathwayTerritory,
            // A wider territory moves no priced term: its computed change in value is 0.
            amountChangeCents: 0,
            legalBasis: 'R2194-8',
            inForceAt: '2026-03-12T10:00:00.000Z',
          },
        },
      ]);
      expect(statusOf([...notified(), ...accepted])).toBe('IN_FORCE');
    });

    it('comes into force only once every provider addressed has accepted it', () => {
      const acceptedByOne = recorded(notified(longerContract), acceptAmendment(AMENDMENT, PATHWAY_PROVIDER));
      expect(statusOf(acceptedByOne)).toBe('NOTIFIED');
      expect(statusOf(recorded(acceptedByOne, acceptAmendment(AMENDMENT, GROUPING_LEAD)))).toBe('IN_FORCE');
    });

    it('refuses a second acceptance by the same provider', () => {
      specify(procurementDecider)
        .given(recorded(notified(longerContract), acceptAmendment(AMENDMENT, PATHWAY_PROVIDER)))
        .when(acceptAmendment(AMENDMENT, PATHWAY_PROVIDER))
        .thenRefuses('AMENDMENT_WRONG_STATUS');
    });

    it('refuses an acceptance once in force', () => {
      specify(procurementDecider)
        .given(recorded(notified(), acceptAmendment(AMENDMENT, PATHWAY_PROVIDER)))
        .when(acceptAmendment(AMENDMENT, PATHWAY_PROVIDER))
        .thenRefuses('AMENDMENT_WRONG_STATUS', { status: 'IN_FORCE' });
    });

    it('cannot be accepted by the buyer on the provider’s behalf', () => {
      specify(procurementDecider)
        .given(notified())
        .when({ ...acceptAmendment(AMENDMENT, PATHWAY_PROVIDER), meta: meta('2026-03-12T10:00:00.000Z') })
        .thenRefuses('AMENDMENT_NOT_ADDRESSED_TO_PROVIDER');
    });

    it('is disputed by the provider it is addressed to, with the reason', () => {
      const disputed = specify(procurementDecider)
        .given(notified())
        .when(disputeAmendment(AMENDMENT, PATHWAY_PROVIDER, 'The new town is 40 km away'))
        .events();
      expect(disputed).toEqual([
        {
          type: 'AmendmentDisputed',
          data: { amendmentId: AMENDMENT, providerId: PATHWAY_PROVIDER, reason: 'The new town is 40 km away', disputedAt: '2026-03-12T10:00:00.000Z' },
        },
      ]);
      expect(statusOf([...notified(), ...disputed])).toBe('DISPUTED');
    });

    it('cannot be disputed by the provider of another lot', () => {
      specify(procurementDecider).given(notified()).when(disputeAmendment(AMENDMENT, GROUPING_LEAD, 'No')).thenRefuses('AMENDMENT_NOT_ADDRESSED_TO_PROVIDER');
    });

    it('cannot be accepted once disputed', () => {
      specify(procurementDecider)
        .given(recorded(notified(), disputeAmendment(AMENDMENT, PATHWAY_PROVIDER, 'The new town is 40 km away')))
        .when(acceptAmendment(AMENDMENT, PATHWAY_PROVIDER))
        .thenRefuses('AMENDMENT_WRONG_STATUS', { status: 'DISPUTED' });
    });
  });

  describe('left unanswered past its response deadline', () => {
    it('refuses to take silence for acceptance, whatever the day (an avenant needs the provider\'s consent)', () => {
      specify(procurementDecider)
        .given(notified())
        .when(recordDeemedAcceptance(AMENDMENT, '2026-04-30T08:00:00.000Z'))
        .thenRefuses('DEEMED_ACCEPTANCE_NOT_ALLOWED', { amendmentId: AMENDMENT });
    });

    it('is not recorded as unanswered on the day of the deadline', () => {
      specify(procurementDecider)
        .given(notified())
        .when(recordNoAnswer(AMENDMENT, '2026-03-25T23:00:00.000Z'))
        .thenRefuses('RESPONSE_DEADLINE_NOT_REACHED', { responseDeadline: RESPONSE_DEADLINE, today: '2026-03-25' });
    });

    it('is recorded as unanswered the day after the deadline, and lapses without coming into force', () => {
      const unanswered = specify(procurementDecider).given(notified()).when(recordNoAnswer(AMENDMENT, '2026-03-26T08:00:00.000Z')).events();
      expect(unanswered).toEqual([
        {
          type: 'AmendmentLeftUnanswered',
          data: { amendmentId: AMENDMENT, providerIds: [PATHWAY_PROVIDER], responseDeadline: RESPONSE_DEADLINE, recordedAt: '2026-03-26T08:00:00.000Z' },
        },
      ]);
      const state = stateOf([...notified(), ...unanswered]);
      expect(statusOf([...notified(), ...unanswered])).toBe('UNANSWERED');
      expect(state.status !== 'EMPTY' && state.modifications).toEqual([]);
    });

    it('names only the providers who had not accepted a duration amendment addressed to both lots', () => {
      const partly = recorded(notified(longerContract), acceptAmendment(AMENDMENT, PATHWAY_PROVIDER));
      const [unanswered] = specify(procurementDecider).given(partly).when(recordNoAnswer(AMENDMENT, '2026-03-26T08:00:00.000Z')).events();
      expect(unanswered).toMatchObject({ type: 'AmendmentLeftUnanswered', data: { providerIds: [GROUPING_LEAD] } });
    });

    it('can no longer be accepted once recorded as unanswered', () => {
      specify(procurementDecider)
        .given(recorded(notified(), recordNoAnswer(AMENDMENT, '2026-03-26T08:00:00.000Z')))
        .when(acceptAmendment(AMENDMENT, PATHWAY_PROVIDER, '2026-03-27T08:00:00.000Z'))
        .thenRefuses('AMENDMENT_WRONG_STATUS', { status: 'UNANSWERED' });
    });

    it('frees the de minimis headroom it held (R2194-9): it will never come into force', () => {
      // 100,000 € is the 10% cap: +450 € × 100 pathways pending leaves no room for +600 € × 100, until it lapses.
      const pending = notified(pathwayPrice(euros(5_450)));
      const second = proposeAmendment({ amendmentId: 'amendment-2', change: pathwayPrice(euros(5_600)), at: '2026-03-27T08:00:00.000Z' });
      specify(procurementDecider).given(pending).when(second).thenRefuses('AMENDMENT_EXCEEDS_DE_MINIMIS', { deMinimis: { priorDeMinimisCents: euros(45_000) } });
      const lapsed = recorded(pending, recordNoAnswer(AMENDMENT, '2026-03-26T08:00:00.000Z'));
      expect(specify(procurementDecider).given(lapsed).when(second).events()).toHaveLength(1);
    });

    it('is not recorded as unanswered once disputed, nor before it is notified', () => {
      specify(procurementDecider)
        .given(recorded(notified(), disputeAmendment(AMENDMENT, PATHWAY_PROVIDER, 'The new town is 40 km away')))
        .when(recordNoAnswer(AMENDMENT, '2026-03-26T08:00:00.000Z'))
        .thenRefuses('AMENDMENT_WRONG_STATUS', { status: 'DISPUTED' });
      specify(procurementDecider).given(signed()).when(recordNoAnswer(AMENDMENT, '2026-04-30T08:00:00.000Z')).thenRefuses('AMENDMENT_WRONG_STATUS', { status: 'SIGNED' });
    });

    it('keeps the meaning of a deemed acceptance recorded before consent was required: in force', () => {
      const deemedThen: ProcurementEvent[] = [
        { type: 'AmendmentDeemedAccepted', data: { amendmentId: AMENDMENT, responseDeadline: RESPONSE_DEADLINE, recordedAt: '2026-03-26T08:00:00.000Z' } },
        {
          type: 'AmendmentCameIntoForce',
          data: { amendmentId: AMENDMENT, change: widerPathwayTerritory, amountChangeCents: 0, legalBasis: 'R2194-8', inForceAt: '2026-03-26T08:00:00.000Z' },
        },
      ];
      expect(statusOf([...notified(), ...deemedThen])).toBe('IN_FORCE');
    });
  });

  describe('in force, changes the terms later orders are checked against', () => {
    const afterAmendment = { at: '2026-04-01T09:00:00.000Z' };

    describe('a volume amendment raising lot 1 to 132 pathways (+10,000 €)', () => {
      const raise: AmendmentChange = { kind: 'VOLUME', lotId: PATHWAY_LOT, unitType: 'PATHWAY', newMaxQuantity: 132 };
      const with100Ordered = () => recorded(activeContract(), orderPathways('order-1', 100));
      const raised = (...answers: AmendmentCommand[]) =>
        recorded(
          with100Ordered(),
          proposeAmendment({ amendmentId: AMENDMENT, change: raise }),
          signAmendment(AMENDMENT),
          notifyAmendment(AMENDMENT),
          ...answers,
        );

      it('lets through an order the lot maximum refused before', () => {
        specify(procurementDecider).given(with100Ordered()).when(orderPathways('order-2', 32, afterAmendment)).thenRefuses('LOT_MAX_EXCEEDED');
        const [issued] = specify(procurementDecider)
          .given(raised(acceptAmendment(AMENDMENT, PATHWAY_PROVIDER)))
          .when(orderPathways('order-2', 32, afterAmendment))
          .events();
        expect(issued).toMatchObject({
          type: 'OrderIssued',
          data: {
            check: {
              lotOrderedAfter: { PATHWAY: 132 },
              lotMaximum: { PATHWAY: 132 },
              lotMaximumValueCents: euros(660_000),
              contractMaximumValueCents: CONTRACT_MAXIMUM + euros(10_000),
            },
          },
        });
      });

      it('changes nothing while the provider has not answered', () => {
        specify(procurementDecider)
          .given(raised())
          .when(orderPathways('order-2', 32, afterAmendment))
          .thenRefuses('LOT_MAX_EXCEEDED', { maximum: 130 });
      });

      it('changes nothing once disputed', () => {
        specify(procurementDecider)
          .given(raised(disputeAmendment(AMENDMENT, PATHWAY_PROVIDER, 'Not enough trainers')))
          .when(orderPathways('order-2', 32, afterAmendment))
          .thenRefuses('LOT_MAX_EXCEEDED', { maximum: 130 });
      });
    });

    it('a price amendment sets the value of later orders', () => {
      const newPrice: AmendmentChange = { kind: 'PRICE', lotId: PATHWAY_LOT, unitType: 'PATHWAY', newUnitPriceCents: euros(5_050) };
      const given = recorded(
        activeContract(),
        proposeAmendment({ amendmentId: AMENDMENT, change: newPrice }),
        signAmendment(AMENDMENT),
        notifyAmendment(AMENDMENT),
        acceptAmendment(AMENDMENT, PATHWAY_PROVIDER),
      );
      const [issued] = specify(procurementDecider).given(given).when(orderPathways('order-1', 10, afterAmendment)).events();
      expect(issued).toMatchObject({ type: 'OrderIssued', data: { valueCents: euros(50_500) } });
    });

    it('a duration amendment lets orders through on dates after the former end', () => {
      const in2028 = orderPathways('order-1', 10, {
        at: '2028-01-10T09:00:00.000Z',
        periodStart: '2028-01-12',
        periodEnd: '2028-01-31',
        sessions: [session({ startDate: '2028-01-15', endDate: '2028-01-30' })],
      });
      specify(procurementDecider).given(activeContract()).when(in2028).thenRefuses('ORDER_OUTSIDE_CONTRACT_PERIOD', { contractEnd: '2027-12-31' });
      const given = recorded(
        activeContract(),
        proposeAmendment({ amendmentId: AMENDMENT, change: longerContract }),
        signAmendment(AMENDMENT),
        notifyAmendment(AMENDMENT),
        acceptAmendment(AMENDMENT, PATHWAY_PROVIDER),
        acceptAmendment(AMENDMENT, GROUPING_LEAD),
      );
      expect(given.find((event) => event.type === 'AmendmentProposed')).toMatchObject({
        data: {
          amountChangeCents: 4_252_400,
          computation: {
            method: 'DURATION_AT_RUN_RATE',
            inputs: { currentValueCents: euros(1_000_000), currentDays: 729, currentEndDate: '2027-12-31', newEndDate: '2028-01-31', daysChanged: 31 },
          },
        },
      });
      expect(specify(procurementDecider).given(given).when(in2028).events()).toHaveLength(1);
    });
  });
});
