import { specify } from '@app/shared/testing/decider-specification';
import { procurementDecider } from '../procurement.decider';
import {
  activeContract,
  awardedContract,
  BUYER,
  CONTRACT_ID,
  contractDrafted,
  draftedContract,
  euros,
  lotAwarded,
  meta,
  OPEN_DAY_LOT,
  openDayLotDefined,
  orderOpenDays,
  orderPathways,
  PATHWAY_LOT,
  pathwayAwardee,
  pathwayLotDefined,
  publishedContract,
  TENANT,
} from '../testing/fixtures';
import { DraftContract } from './contract.commands';

const draft = (overrides: Partial<DraftContract['data']> = {}): DraftContract => ({
  type: 'DraftContract',
  meta: meta('2025-06-02T09:00:00.000Z'),
  data: {
    contractId: CONTRACT_ID,
    tenant: TENANT,
    title: 'Compétences numériques et insertion',
    mode: 'FRAMEWORK_AGREEMENT',
    startDate: '2026-01-01',
    endDate: '2027-12-31',
    initialValueCents: euros(1_000_000),
    maximumValueCents: euros(1_100_000),
    ...overrides,
  },
});

const framework = (startDate: string, endDate: string) => draft({ mode: 'FRAMEWORK_AGREEMENT', startDate, endDate });
const mandate = (startDate: string, endDate: string) =>
  draft({ mode: 'PUBLIC_SERVICE_MANDATE', startDate, endDate, maximumValueCents: undefined });

const at = '2026-01-05T09:00:00.000Z';

describe('a contract', () => {
  describe('drafting', () => {
    it('records the draft with the buyer who drafted it and a 15-day response period by default', () => {
      specify(procurementDecider)
        .given([])
        .when(draft())
        .then([
          {
            type: 'ContractDrafted',
            data: {
              contractId: CONTRACT_ID,
              tenant: TENANT,
              buyerId: BUYER,
              title: 'Compétences numériques et insertion',
              mode: 'FRAMEWORK_AGREEMENT',
              startDate: '2026-01-01',
              endDate: '2027-12-31',
              initialValueCents: euros(1_000_000),
              maximumValueCents: euros(1_100_000),
              amendmentResponseDays: 15,
            },
          },
        ]);
    });

    it('records the award procedure and the main CPV code, which the amendments and the exports follow', () => {
      const [drafted] = specify(procurementDecider)
        .given([])
        .when(draft({ awardProcedure: { procedure: 'MAPA' }, cpvCode: '80530000-8' }))
        .events();
      expect(drafted).toMatchObject({ type: 'ContractDrafted', data: { awardProcedure: { procedure: 'MAPA' }, cpvCode: '80530000-8' } });
    });

    it('refuses the adapted procedure for ordinary services at or above the European threshold (R2123-1 1°), on the framework maximum', () => {
      // Computer training (80533100-0) is an ordinary service: 1,100,000 € is far above 221,000 € (2025).
      specify(procurementDecider)
        .given([])
        .when(draft({ awardProcedure: { procedure: 'MAPA' }, cpvCode: '80533100-0' }))
        .thenRefuses('ADAPTED_PROCEDURE_ABOVE_THRESHOLD');
    });

    it('keeps the response period the buyer sets', () => {
      const [drafted] = specify(procurementDecider).given([]).when(draft({ amendmentResponseDays: 30 })).events();
      expect(drafted).toMatchObject({ type: 'ContractDrafted', data: { amendmentResponseDays: 30 } });
    });

    it('refuses a contract that ends on the day it starts', () => {
      specify(procurementDecider)
        .given([])
        .when(draft({ startDate: '2026-01-01', endDate: '2026-01-01' }))
        .thenRefuses('CONTRACT_DATES_INVALID', { startDate: '2026-01-01', endDate: '2026-01-01' });
    });

    it('refuses a contract that ends before it starts', () => {
      specify(procurementDecider).given([]).when(draft({ startDate: '2026-01-01', endDate: '2025-12-31' })).thenRefuses('CONTRACT_DATES_INVALID');
    });

    it('accepts a contract that ends the day after it starts', () => {
      const [drafted] = specify(procurementDecider).given([]).when(draft({ startDate: '2026-01-01', endDate: '2026-01-02' })).events();
      expect(drafted.type).toBe('ContractDrafted');
    });

    it('refuses a framework agreement without a maximum', () => {
      specify(procurementDecider).given([]).when(draft({ maximumValueCents: undefined })).thenRefuses('FRAMEWORK_MAXIMUM_REQUIRED');
    });

    it('accepts a public contract without a maximum', () => {
      const [drafted] = specify(procurementDecider).given([]).when(draft({ mode: 'PUBLIC_CONTRACT', maximumValueCents: undefined })).events();
      expect(drafted.type).toBe('ContractDrafted');
    });

    describe('framework agreements last at most 4 years (L2125-1), end date included', () => {
      it('accepts one that ends a day before its fourth anniversary', () => {
        expect(specify(procurementDecider).given([]).when(framework('2026-01-01', '2029-12-30')).events()).toHaveLength(1);
      });

      it('accepts one of exactly 48 months, from 1 January 2026 to 31 December 2029', () => {
        expect(specify(procurementDecider).given([]).when(framework('2026-01-01', '2029-12-31')).events()).toHaveLength(1);
      });

      it('refuses one that runs one day into a 49th month', () => {
        specify(procurementDecider)
          .given([])
          .when(framework('2026-01-01', '2030-01-01'))
          .thenRefuses('FRAMEWORK_DURATION_EXCEEDS_4_YEARS', { months: 49, maximumMonths: 48 });
      });

      it('refuses one of 49 full months', () => {
        specify(procurementDecider)
          .given([])
          .when(framework('2026-01-01', '2030-01-31'))
          .thenRefuses('FRAMEWORK_DURATION_EXCEEDS_4_YEARS', { months: 49 });
      });

      it('counts from a start in the middle of a month: 15 March 2026 to 14 March 2030 is 48 months', () => {
        expect(specify(procurementDecider).given([]).when(framework('2026-03-15', '2030-03-14')).events()).toHaveLength(1);
      });

      it('refuses 15 March 2026 to 15 March 2030, one day over 4 years', () => {
        specify(procurementDecider)
          .given([])
          .when(framework('2026-03-15', '2030-03-15'))
          .thenRefuses('FRAMEWORK_DURATION_EXCEEDS_4_YEARS', { months: 49 });
      });

      describe('beyond four years, on a recorded justification (L2125-1 1°: investments to amortise, its object)', () => {
        const justified = (endDate: string) =>
          draft({ mode: 'FRAMEWORK_AGREEMENT', startDate: '2026-01-01', endDate, durationJustification: 'Plateaux techniques amortis sur six ans' });

        it('refuses 49 months without one, naming the field to give', () => {
          specify(procurementDecider)
            .given([])
            .when(framework('2026-01-01', '2030-01-01'))
            .thenRefuses('FRAMEWORK_DURATION_EXCEEDS_4_YEARS', { months: 49, maximumMonths: 48 });
        });

        it('accepts 49 months and 72 months with one, recording the months it covers', () => {
          for (const [endDate, months] of [['2030-01-01', 49], ['2031-12-31', 72]] as const) {
            const [drafted] = specify(procurementDecider).given([]).when(justified(endDate)).events();
            expect(drafted).toMatchObject({ type: 'ContractDrafted', data: { durationJustification: 'Plateaux techniques amortis sur six ans', justifiedMonths: months } });
          }
        });

        it('records no months for a justification of 48 months or less, which needs none', () => {
          const [drafted] = specify(procurementDecider).given([]).when(justified('2029-12-31')).events();
          expect(drafted.data).not.toHaveProperty('justifiedMonths');
        });
      });

      it('does not apply to a public contract', () => {
        const command = draft({ mode: 'PUBLIC_CONTRACT', startDate: '2026-01-01', endDate: '2030-12-31' });
        expect(specify(procurementDecider).given([]).when(command).events()).toHaveLength(1);
      });
    });

    describe('public-service mandates last at most 5 years (Code du travail L6121-2-1)', () => {
      it('accepts one of exactly 60 months', () => {
        expect(specify(procurementDecider).given([]).when(mandate('2026-01-01', '2030-12-31')).events()).toHaveLength(1);
      });

      it('refuses one that runs into a 61st month', () => {
        specify(procurementDecider)
          .given([])
          .when(mandate('2026-01-01', '2031-01-01'))
          .thenRefuses('MANDATE_DURATION_EXCEEDS_5_YEARS', { months: 61, maximumMonths: 60 });
      });

      it('refuses one of 61 full months', () => {
        specify(procurementDecider)
          .given([])
          .when(mandate('2026-01-01', '2031-01-31'))
          .thenRefuses('MANDATE_DURATION_EXCEEDS_5_YEARS', { months: 61 });
      });
    });

    it('refuses a maximum below the initial value', () => {
      specify(procurementDecider)
        .given([])
        .when(draft({ initialValueCents: euros(1_000_000), maximumValueCents: euros(1_000_000) - 1 }))
        .thenRefuses('MAXIMUM_BELOW_INITIAL_VALUE', { initialValueCents: euros(1_000_000), maximumValueCents: euros(1_000_000) - 1 });
    });

    it('accepts a maximum equal to the initial value', () => {
      const command = draft({ initialValueCents: euros(1_000_000), maximumValueCents: euros(1_000_000) });
      expect(specify(procurementDecider).given([]).when(command).events()).toHaveLength(1);
    });

    it('refuses to draft a contract id twice', () => {
      specify(procurementDecider).given([contractDrafted()]).when(draft()).thenRefuses('CONTRACT_ALREADY_EXISTS');
    });
  });

  describe('publication', () => {
    const publish = { type: 'PublishContract', meta: meta('2025-09-15T09:00:00.000Z') } as const;

    it('refuses a contract without lots', () => {
      specify(procurementDecider).given([contractDrafted()]).when(publish).thenRefuses('LOTS_REQUIRED', { lots: 0 });
    });

    it('refuses a single lot when not splitting is not justified', () => {
      specify(procurementDecider).given([contractDrafted(), pathwayLotDefined()]).when(publish).thenRefuses('LOTS_REQUIRED', { lots: 1 });
    });

    it('publishes a single lot when the record says why the purchase is not split', () => {
      specify(procurementDecider)
        .given([contractDrafted({ singleLotJustification: 'One training site serves the whole employment area' }), pathwayLotDefined()])
        .when(publish)
        .then([{ type: 'ContractPublished', data: { contractId: CONTRACT_ID, publishedAt: '2025-09-15T09:00:00.000Z' } }]);
    });

    it('publishes a contract split into two lots', () => {
      specify(procurementDecider)
        .given([contractDrafted(), pathwayLotDefined(), openDayLotDefined()])
        .when(publish)
        .then([{ type: 'ContractPublished', data: { contractId: CONTRACT_ID, publishedAt: '2025-09-15T09:00:00.000Z' } }]);
    });

    it('refuses a framework agreement with a lot that states no maximum', () => {
      // Defining such a lot is refused today; an older history may still hold one.
      specify(procurementDecider)
        .given([contractDrafted(), pathwayLotDefined(), openDayLotDefined({ maximumValueCents: undefined })])
        .when(publish)
        .thenRefuses('LOT_MAXIMUM_REQUIRED', { lots: [OPEN_DAY_LOT] });
    });

    it('refuses to publish twice', () => {
      specify(procurementDecider).given(publishedContract()).when(publish).thenRefuses('CONTRACT_NOT_IN_DRAFT', { status: 'PUBLISHED' });
    });

    it('refuses to publish a contract that was never drafted', () => {
      specify(procurementDecider).given([]).when(publish).thenRefuses('CONTRACT_NOT_FOUND');
    });
  });

  describe('activation', () => {
    const activate = { type: 'ActivateContract', meta: meta('2025-12-15T10:00:00.000Z') } as const;

    it('activates a published contract whose lots are all awarded', () => {
      specify(procurementDecider)
        .given(awardedContract())
        .when(activate)
        .then([{ type: 'ContractActivated', data: { contractId: CONTRACT_ID, activatedAt: '2025-12-15T10:00:00.000Z' } }]);
    });

    it('refuses while a lot is not awarded, naming it', () => {
      specify(procurementDecider)
        .given([...publishedContract(), lotAwarded(PATHWAY_LOT, pathwayAwardee)])
        .when(activate)
        .thenRefuses('LOTS_NOT_ALL_AWARDED', { lots: [OPEN_DAY_LOT] });
    });

    it('refuses a contract that is still a draft', () => {
      specify(procurementDecider).given(draftedContract()).when(activate).thenRefuses('CONTRACT_NOT_PUBLISHED', { status: 'DRAFT' });
    });

    it('refuses to activate twice', () => {
      specify(procurementDecider).given(activeContract()).when(activate).thenRefuses('CONTRACT_NOT_PUBLISHED', { status: 'ACTIVE' });
    });
  });

  describe('closing', () => {
    const close = { type: 'CloseContract', meta: meta(at) } as const;

    // The fixture's minimum: 50 pathways at 5,000 € and 200 open days at 1,000 €.
    const ordered = (pathways: number, openDays: number) => {
      const history = activeContract();
      for (const order of [orderPathways('order-p', pathways), orderOpenDays('order-o', openDays)]) {
        history.push(...specify(procurementDecider).given(history).when(order).events());
      }
      return history;
    };

    it('closes an active framework whose minimum is reached, recording it (CCP R2162-4)', () => {
      specify(procurementDecider)
        .given(ordered(50, 200))
        .when(close)
        .then([{ type: 'ContractClosed', schemaVersion: 2, data: { contractId: CONTRACT_ID, closedAt: at, minimum: { reached: true, shortfalls: [] } } }]);
    });

    it('refuses to close a framework one pathway below its minimum, with the shortfall and its value', () => {
      specify(procurementDecider)
        .given(ordered(49, 250))
        .when(close)
        .thenRefuses('FRAMEWORK_MINIMUM_NOT_REACHED', {
          shortfalls: [{ lotId: PATHWAY_LOT, unitType: 'PATHWAY', minQuantity: 50, orderedQuantity: 49, shortfallQuantity: 1, shortfallValueCents: euros(5_000) }],
          shortfallValueCents: euros(5_000),
        });
    });

    it('closes below the minimum when the buyer records why, with the figures computed', () => {
      const reason = 'Public redirected to the regional apprenticeship plan';
      const [closed] = specify(procurementDecider)
        .given(activeContract())
        .when({ ...close, data: { minimumShortfallReason: reason } })
        .events();
      expect(closed).toMatchObject({
        type: 'ContractClosed',
        data: {
          minimum: {
            reached: false,
            shortfalls: [
              { lotId: PATHWAY_LOT, orderedQuantity: 0, shortfallQuantity: 50, shortfallValueCents: euros(250_000) },
              { lotId: OPEN_DAY_LOT, orderedQuantity: 0, shortfallQuantity: 200, shortfallValueCents: euros(200_000) },
            ],
          },
          minimumShortfallReason: reason,
        },
      });
    });

    it('keeps no reason where the minimum is reached', () => {
      const [closed] = specify(procurementDecider).given(ordered(51, 200)).when({ ...close, data: { minimumShortfallReason: 'Nothing to explain here' } }).events();
      expect(closed.data).not.toHaveProperty('minimumShortfallReason');
    });

    it('refuses to close a contract that was never active', () => {
      specify(procurementDecider).given(awardedContract()).when(close).thenRefuses('CONTRACT_NOT_ACTIVE', { status: 'PUBLISHED' });
    });

    it('refuses to close a contract twice', () => {
      specify(procurementDecider)
        .given([...activeContract(), { type: 'ContractClosed', data: { contractId: CONTRACT_ID, closedAt: at } }])
        .when(close)
        .thenRefuses('CONTRACT_NOT_ACTIVE', { status: 'CLOSED' });
    });
  });

  describe('termination', () => {
    const terminate = { type: 'TerminateContract', meta: meta(at), data: { reason: 'Provider in liquidation' } } as const;

    it('terminates an active contract with its reason', () => {
      specify(procurementDecider)
        .given(activeContract())
        .when(terminate)
        .then([{ type: 'ContractTerminated', data: { contractId: CONTRACT_ID, terminatedAt: at, reason: 'Provider in liquidation' } }]);
    });

    it('refuses to terminate a closed contract', () => {
      specify(procurementDecider)
        .given([...activeContract(), { type: 'ContractClosed', data: { contractId: CONTRACT_ID, closedAt: at } }])
        .when(terminate)
        .thenRefuses('CONTRACT_NOT_ACTIVE');
    });

    it('refuses to terminate a contract twice', () => {
      specify(procurementDecider)
        .given([...activeContract(), { type: 'ContractTerminated', data: { contractId: CONTRACT_ID, terminatedAt: at, reason: 'Provider in liquidation' } }])
        .when(terminate)
        .thenRefuses('CONTRACT_NOT_ACTIVE');
    });
  });
});
