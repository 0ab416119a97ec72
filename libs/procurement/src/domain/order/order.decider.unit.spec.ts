import { specify } from '@app/shared/testing/decider-specification';
import { ProcurementEvent } from '../contract/contract.state';
import { procurementDecider } from '../procurement.decider';
import {
  activeContract,
  ADJUSTED_AT,
  adjustOrder,
  awardedContract,
  CALENDAR_CLAUSE,
  CATALOGUE_CLAUSE,
  changeQuantity,
  clauseAdded,
  CONTRACT_ID,
  CONTRACT_MAXIMUM,
  DIGITAL_BASICS_MODULE,
  euros,
  FRENCH_AT_WORK_MODULE,
  FRENCH_AT_WORK_PRICE,
  lotAwarded,
  meta,
  MODALITY_CLAUSE,
  moveSession,
  OPEN_DAY_LOT_MAXIMUM,
  orderOpenDays,
  orderPathways,
  ORDER_PERIOD_END,
  ORDER_PERIOD_START,
  PATHWAY_LOT,
  PATHWAY_LOT_MAXIMUM,
  PATHWAY_PRICE,
  pathwayAwardee,
  publishedContract,
  recorded,
  session,
  SESSION_ID,
  VOLUME_OPEN_DAY_CLAUSE,
  VOLUME_PATHWAY_CLAUSE,
} from '../testing/fixtures';
import { CloseOrder } from './order.commands';

const REASON = 'Demand seen in referrals and fill rates';

const closeContract: ProcurementEvent = { type: 'ContractClosed', data: { contractId: CONTRACT_ID, closedAt: '2026-06-30T17:00:00.000Z' } };
const closeOrder = (orderId: string): CloseOrder => ({ type: 'CloseOrder', meta: meta('2026-08-03T09:00:00.000Z'), data: { orderId } });

/** An order issued at a given moment, over a period with one session inside it. */
const orderIssuedOn = (at: string, periodStart: string, periodEnd: string) =>
  orderPathways('order-1', 10, { at, periodStart, periodEnd, sessions: [session({ startDate: periodStart, endDate: periodEnd })] });

describe('a purchase order', () => {
  describe('issue', () => {
    it('refuses an order listing two sessions under the same id', () => {
      specify(procurementDecider)
        .given(activeContract())
        .when(orderPathways('order-1', 10, { sessions: [session(), session()] }))
        .thenRefuses('SESSION_ALREADY_EXISTS', { sessionIds: [SESSION_ID, SESSION_ID] });
    });

    it('records the order with its value and the figures of the limits it was checked against', () => {
      specify(procurementDecider)
        .given(activeContract())
        .when(orderPathways('order-1', 60))
        .then([
          {
            type: 'OrderIssued',
            data: {
              orderId: 'order-1',
              lotId: PATHWAY_LOT,
              lines: [{ unitType: 'PATHWAY', quantity: 60 }],
              sessions: [session()],
              periodStart: ORDER_PERIOD_START,
              periodEnd: ORDER_PERIOD_END,
              valueCents: euros(300_000),
              check: {
                lotOrderedAfter: { PATHWAY: 60 },
                lotMaximum: { PATHWAY: 130 },
                lotValueAfterCents: euros(300_000),
                lotMaximumValueCents: PATHWAY_LOT_MAXIMUM,
                contractValueAfterCents: euros(300_000),
                contractMaximumValueCents: CONTRACT_MAXIMUM,
              },
            },
          },
        ]);
    });

    it('records figures cumulated over the earlier orders of the lot and of the contract', () => {
      const [issued] = specify(procurementDecider)
        .given(recorded(activeContract(), orderPathways('order-1', 60), orderOpenDays('order-2', 100)))
        .when(orderPathways('order-3', 40))
        .events();
      expect(issued).toMatchObject({
        type: 'OrderIssued',
        data: {
          valueCents: euros(200_000),
          check: {
            lotOrderedAfter: { PATHWAY: 100 },
            lotValueAfterCents: euros(500_000),
            contractValueAfterCents: euros(600_000),
            contractMaximumValueCents: CONTRACT_MAXIMUM,
          },
        },
      });
    });

    it('refuses an order while the contract is not yet active', () => {
      specify(procurementDecider).given(awardedContract()).when(orderPathways('order-1', 10)).thenRefuses('CONTRACT_NOT_ACTIVE', { status: 'PUBLISHED' });
    });

    it('refuses an order once the contract is closed', () => {
      specify(procurementDecider)
        .given([...activeContract(), closeContract])
        .when(orderPathways('order-1', 10))
        .thenRefuses('CONTRACT_NOT_ACTIVE', { status: 'CLOSED' });
    });

    it('refuses an order id used twice', () => {
      specify(procurementDecider)
        .given(recorded(activeContract(), orderPathways('order-1', 10)))
        .when(orderOpenDays('order-1', 10))
        .thenRefuses('ORDER_ALREADY_ISSUED');
    });

    it('refuses an order on a lot the contract does not have', () => {
      specify(procurementDecider)
        .given(activeContract())
        .when({ ...orderPathways('order-1', 10), data: { ...orderPathways('order-1', 10).data, lotId: 'lot-9-unknown' } })
        .thenRefuses('LOT_NOT_FOUND');
    });

    it('refuses an order on a lot that is not awarded', () => {
      // Activation requires every lot awarded; a history imported from elsewhere may still lack an award.
      const activatedWithoutLot2 = [
        ...publishedContract(),
        lotAwarded(PATHWAY_LOT, pathwayAwardee),
        { type: 'ContractActivated', data: { contractId: CONTRACT_ID, activatedAt: '2025-12-15T10:00:00.000Z' } } as const,
      ];
      specify(procurementDecider).given(activatedWithoutLot2).when(orderOpenDays('order-1', 10)).thenRefuses('LOT_NOT_AWARDED');
    });

    it('refuses a work unit the lot does not price', () => {
      specify(procurementDecider)
        .given(activeContract())
        .when(orderPathways('order-1', 10, { lines: [{ unitType: 'OPEN_DAY', quantity: 10 }] }))
        .thenRefuses('UNKNOWN_WORK_UNIT', { unitType: 'OPEN_DAY' });
    });

    it('refuses a line of negative quantity, which would make room under the maxima', () => {
      specify(procurementDecider)
        .given(recorded(activeContract(), orderPathways('order-1', 130)))
        .when(orderPathways('order-2', -10))
        .thenRefuses('QUANTITY_BELOW_ZERO', { unitType: 'PATHWAY', quantity: -10 });
    });

    describe('is issued and performed within the contract period (the issue day is the day of the command)', () => {
      it.each([
        ['issued on the first day of the contract', '2026-01-01T00:00:00.000Z', '2026-01-05', '2026-01-30'],
        ['issued and ending on the last day of the contract', '2027-12-31T16:00:00.000Z', '2027-12-31', '2027-12-31'],
      ])('accepts an order %s', (_, at, periodStart, periodEnd) => {
        expect(specify(procurementDecider).given(activeContract()).when(orderIssuedOn(at, periodStart, periodEnd)).events()).toHaveLength(1);
      });

      it.each([
        ['issued the day before the contract starts', '2025-12-31T23:59:59.000Z', '2026-01-05', '2026-01-30', { issuedOn: '2025-12-31', contractStart: '2026-01-01' }],
        ['issued the day after the contract ends', '2028-01-01T08:00:00.000Z', '2027-12-01', '2027-12-31', { issuedOn: '2028-01-01', contractEnd: '2027-12-31' }],
        ['starting after the end of the contract', '2027-11-02T09:00:00.000Z', '2028-01-01', '2028-01-02', { periodStart: '2028-01-01' }],
        ['performed before the contract starts', '2026-01-02T09:00:00.000Z', '2025-12-31', '2026-01-30', { periodStart: '2025-12-31' }],
      ])('refuses an order %s', (_, at, periodStart, periodEnd, details) => {
        specify(procurementDecider)
          .given(activeContract())
          .when(orderIssuedOn(at, periodStart, periodEnd))
          .thenRefuses('ORDER_OUTSIDE_CONTRACT_PERIOD', details);
      });
    });

    describe('runs past the end of the framework only within the days the contract sets (R2162-5)', () => {
      const issuedInForce = (periodEnd: string) => orderIssuedOn('2027-11-02T09:00:00.000Z', '2027-12-01', periodEnd);
      const with30Days = () => activeContract({ contract: { orderRunPastEndDays: 30 } });

      it('refuses an order ending one day past the end of a contract that sets no such days', () => {
        specify(procurementDecider)
          .given(activeContract())
          .when(issuedInForce('2028-01-01'))
          .thenRefuses('ORDER_RUNS_PAST_FRAMEWORK_END', { contractEnd: '2027-12-31', periodEnd: '2028-01-01', daysPastEnd: 1, maxDaysPastEnd: 0, latestPeriodEnd: '2027-12-31' });
      });

      it.each([
        ['29 days', '2028-01-29', 29],
        ['30 days, the bound', '2028-01-30', 30],
      ])('accepts an order issued in force and running %s past the end, with the figures', (_, periodEnd, daysPastEnd) => {
        const [issued] = specify(procurementDecider).given(with30Days()).when(issuedInForce(periodEnd)).events();
        expect(issued).toMatchObject({
          type: 'OrderIssued',
          data: { periodEnd, runsPastEnd: { contractEnd: '2027-12-31', periodEnd, daysPastEnd, maxDaysPastEnd: 30, latestPeriodEnd: '2028-01-30' } },
        });
      });

      it('refuses an order running 31 days past the end, one beyond the bound', () => {
        specify(procurementDecider)
          .given(with30Days())
          .when(issuedInForce('2028-01-31'))
          .thenRefuses('ORDER_RUNS_PAST_FRAMEWORK_END', { daysPastEnd: 31, maxDaysPastEnd: 30, latestPeriodEnd: '2028-01-30' });
      });

      it('records no such figures for an order ending on the last day', () => {
        const [issued] = specify(procurementDecider).given(with30Days()).when(issuedInForce('2027-12-31')).events();
        expect(issued.data).not.toHaveProperty('runsPastEnd');
      });

      it('still refuses an order issued after the end, whatever the days', () => {
        specify(procurementDecider)
          .given(with30Days())
          .when(orderIssuedOn('2028-01-01T08:00:00.000Z', '2028-01-02', '2028-01-10'))
          .thenRefuses('ORDER_OUTSIDE_CONTRACT_PERIOD', { issuedOn: '2028-01-01' });
      });
    });

    describe('has a period that contains its sessions', () => {
      it('refuses a period that ends before it starts', () => {
        specify(procurementDecider)
          .given(activeContract())
          .when(orderPathways('order-1', 10, { periodStart: '2026-03-01', periodEnd: '2026-02-28', sessions: [] }))
          .thenRefuses('ORDER_PERIOD_INVALID', { periodStart: '2026-03-01', periodEnd: '2026-02-28' });
      });

      it('accepts a session running from the first to the last day of the period', () => {
        const sessions = [session({ startDate: ORDER_PERIOD_START, endDate: ORDER_PERIOD_END })];
        expect(specify(procurementDecider).given(activeContract()).when(orderPathways('order-1', 10, { sessions })).events()).toHaveLength(1);
      });

      it.each([
        ['starts before the period', { startDate: '2026-01-31' }, { sessionStart: '2026-01-31', periodStart: ORDER_PERIOD_START }],
        ['ends after the period', { endDate: '2026-08-01' }, { sessionEnd: '2026-08-01', periodEnd: ORDER_PERIOD_END }],
        ['ends before it starts', { startDate: '2026-04-10', endDate: '2026-04-09' }, {}],
      ])('refuses a session that %s', (_, dates, details) => {
        specify(procurementDecider)
          .given(activeContract())
          .when(orderPathways('order-1', 10, { sessions: [session(dates)] }))
          .thenRefuses('ORDER_PERIOD_INVALID', details);
      });
    });

    describe('stays within the lot maximum quantity (130 pathways), counting earlier orders', () => {
      const after100 = () => recorded(activeContract(), orderPathways('order-1', 100));

      it('accepts an order reaching one below the maximum', () => {
        expect(specify(procurementDecider).given(after100()).when(orderPathways('order-2', 29)).events()).toHaveLength(1);
      });

      it('accepts an order reaching the maximum exactly', () => {
        const [issued] = specify(procurementDecider).given(after100()).when(orderPathways('order-2', 30)).events();
        expect(issued).toMatchObject({ data: { check: { lotOrderedAfter: { PATHWAY: 130 }, lotMaximum: { PATHWAY: 130 } } } });
      });

      it('refuses an order that would exceed the lot maximum by one', () => {
        specify(procurementDecider)
          .given(after100())
          .when(orderPathways('order-2', 31))
          .thenRefuses('LOT_MAX_EXCEEDED', { unitType: 'PATHWAY', orderedBefore: 100, requested: 31, orderedAfter: 131, maximum: 130 });
      });

      it('adds up lines of the same work unit within one order', () => {
        specify(procurementDecider)
          .given(after100())
          .when(orderPathways('order-2', 0, { lines: [{ unitType: 'PATHWAY', quantity: 20 }, { unitType: 'PATHWAY', quantity: 11 }] }))
          .thenRefuses('LOT_MAX_EXCEEDED', { orderedAfter: 131 });
      });

      it('remembers every line of an earlier order of the same work unit', () => {
        const twoLines = orderPathways('order-1', 0, { lines: [{ unitType: 'PATHWAY', quantity: 60 }, { unitType: 'PATHWAY', quantity: 40 }] });
        specify(procurementDecider)
          .given(recorded(activeContract(), twoLines))
          .when(orderPathways('order-2', 31))
          .thenRefuses('LOT_MAX_EXCEEDED', { orderedBefore: 100, orderedAfter: 131 });
      });
    });

    describe('stays within the lot maximum value (500,000 € of open days), counting earlier orders', () => {
      const after300 = () => recorded(activeContract(), orderOpenDays('order-1', 300));

      it('accepts an order reaching 1,000 € below the lot maximum', () => {
        expect(specify(procurementDecider).given(after300()).when(orderOpenDays('order-2', 199)).events()).toHaveLength(1);
      });

      it('accepts an order reaching the lot maximum value exactly', () => {
        const [issued] = specify(procurementDecider).given(after300()).when(orderOpenDays('order-2', 200)).events();
        expect(issued).toMatchObject({ data: { check: { lotValueAfterCents: OPEN_DAY_LOT_MAXIMUM, lotMaximumValueCents: OPEN_DAY_LOT_MAXIMUM } } });
      });

      it('refuses an order that would exceed the lot maximum value, though within the maximum quantity', () => {
        specify(procurementDecider)
          .given(after300())
          .when(orderOpenDays('order-2', 201))
          .thenRefuses('LOT_MAX_EXCEEDED', {
            lotValueBeforeCents: euros(300_000),
            valueDeltaCents: euros(201_000),
            lotValueAfterCents: euros(501_000),
            lotMaximumValueCents: OPEN_DAY_LOT_MAXIMUM,
          });
      });
    });

    describe('stays within the framework maximum (1,100,000 €), summed over every order of every lot', () => {
      // 650,000 € of pathways and 440,000 € of open days in three orders: 10,000 € left.
      const after1090000 = () =>
        recorded(activeContract(), orderPathways('order-1', 130), orderOpenDays('order-2', 300), orderOpenDays('order-3', 140));

      it('accepts an order reaching 1,000 € below the maximum', () => {
        const [issued] = specify(procurementDecider).given(after1090000()).when(orderOpenDays('order-4', 9)).events();
        expect(issued).toMatchObject({ data: { check: { contractValueAfterCents: euros(1_099_000) } } });
      });

      it('accepts an order reaching the maximum exactly', () => {
        const [issued] = specify(procurementDecider).given(after1090000()).when(orderOpenDays('order-4', 10)).events();
        expect(issued).toMatchObject({ data: { check: { contractValueAfterCents: CONTRACT_MAXIMUM, contractMaximumValueCents: CONTRACT_MAXIMUM } } });
      });

      it('refuses an order that would exceed the maximum: the framework is exhausted', () => {
        specify(procurementDecider)
          .given(after1090000())
          .when(orderOpenDays('order-4', 11))
          .thenRefuses('CONTRACT_MAX_EXCEEDED', {
            contractValueBeforeCents: euros(1_090_000),
            valueDeltaCents: euros(11_000),
            contractValueAfterCents: euros(1_101_000),
            contractMaximumValueCents: CONTRACT_MAXIMUM,
          });
      });
    });
  });

  describe('quantity adjustment under a volume clause (±20% of the 100 pathways expected: ±20)', () => {
    /** Two orders on lot 1: 60 and 40 pathways. */
    const twoOrders = () => recorded(activeContract(), orderPathways('order-a', 60), orderPathways('order-b', 40));
    const more = (orderId: string, delta: number) => changeQuantity(orderId, VOLUME_PATHWAY_CLAUSE, 'PATHWAY', delta);

    it('records the adjustment with the limits and the clause figures it was checked against', () => {
      specify(procurementDecider)
        .given(twoOrders())
        .when(more('order-a', 5))
        .then([
          {
            type: 'OrderQuantityAdjusted',
            schemaVersion: 2,
            data: {
              adjustedOn: '2026-04-01',
              orderId: 'order-a',
              clauseId: VOLUME_PATHWAY_CLAUSE,
              reason: REASON,
              unitType: 'PATHWAY',
              delta: 5,
              quantityAfter: 65,
              valueDeltaCents: euros(25_000),
              check: {
                lotOrderedAfter: { PATHWAY: 105 },
                lotMaximum: { PATHWAY: 130 },
                lotValueAfterCents: euros(525_000),
                lotMaximumValueCents: PATHWAY_LOT_MAXIMUM,
                contractValueAfterCents: euros(525_000),
                contractMaximumValueCents: CONTRACT_MAXIMUM,
                clauseAdjustedAfter: 5,
                clauseBound: { min: -20, max: 20 },
              },
            },
          },
        ]);
    });

    it('accepts adjustments reaching +20 cumulated since award over several adjustments and orders of the lot', () => {
      const [adjusted] = specify(procurementDecider)
        .given(recorded(twoOrders(), more('order-a', 12), more('order-b', 3)))
        .when(more('order-b', 5))
        .events();
      expect(adjusted).toMatchObject({ data: { quantityAfter: 48, check: { clauseAdjustedAfter: 20, lotOrderedAfter: { PATHWAY: 120 } } } });
    });

    it('refuses one pathway beyond +20 cumulated since award', () => {
      specify(procurementDecider)
        .given(recorded(twoOrders(), more('order-a', 12), more('order-b', 8)))
        .when(more('order-a', 1))
        .thenRefuses('VOLUME_CLAUSE_BOUND_EXCEEDED', {
          initialQuantity: 100,
          percent: 20,
          bound: 20,
          adjustedBefore: 20,
          delta: 1,
          adjustedAfter: 21,
        });
    });

    it('accepts reductions reaching -20 cumulated since award', () => {
      const [adjusted] = specify(procurementDecider).given(recorded(twoOrders(), more('order-a', -12))).when(more('order-b', -8)).events();
      expect(adjusted).toMatchObject({ data: { quantityAfter: 32, valueDeltaCents: -euros(40_000), check: { clauseAdjustedAfter: -20 } } });
    });

    it('refuses one pathway beyond -20 cumulated since award', () => {
      specify(procurementDecider)
        .given(recorded(twoOrders(), more('order-a', -12)))
        .when(more('order-b', -9))
        .thenRefuses('VOLUME_CLAUSE_BOUND_EXCEEDED', { bound: 20, adjustedBefore: -12, delta: -9, adjustedAfter: -21 });
    });

    it('counts adjustments net: a reduction leaves room for a later increase', () => {
      const [adjusted] = specify(procurementDecider).given(recorded(twoOrders(), more('order-a', -10))).when(more('order-b', 30)).events();
      expect(adjusted).toMatchObject({ data: { check: { clauseAdjustedAfter: 20 } } });
    });

    it('rounds the bound down: 10% of 33 expected pathways allows 3', () => {
      const given = recorded(
        activeContract({
          pathwayLot: {
            workUnits: [{ type: 'PATHWAY', unitPriceCents: PATHWAY_PRICE, initialQuantity: 33, minQuantity: 10, maxQuantity: 130 }],
          },
          extraClauses: [clauseAdded('clause-volume-10pc', { type: 'VOLUME', unitType: 'PATHWAY', percent: 10 }, PATHWAY_LOT)],
        }),
        orderPathways('order-a', 33),
      );
      expect(specify(procurementDecider).given(given).when(changeQuantity('order-a', 'clause-volume-10pc', 'PATHWAY', 3)).events()).toHaveLength(1);
      specify(procurementDecider)
        .given(given)
        .when(changeQuantity('order-a', 'clause-volume-10pc', 'PATHWAY', 4))
        .thenRefuses('VOLUME_CLAUSE_BOUND_EXCEEDED', { bound: 3 });
    });

    it('refuses an increase within the clause that would exceed the lot maximum', () => {
      specify(procurementDecider)
        .given(recorded(activeContract(), orderPathways('order-a', 125)))
        .when(more('order-a', 6))
        .thenRefuses('LOT_MAX_EXCEEDED', { unitType: 'PATHWAY', orderedBefore: 125, requested: 6, orderedAfter: 131, maximum: 130 });
    });

    it('refuses an increase within the clause that would exceed the framework maximum', () => {
      // 550,000 € of pathways and 500,000 € of open days: 50,000 € (10 pathways) left.
      const given = recorded(activeContract(), orderPathways('order-a', 110), orderOpenDays('order-b', 500));
      expect(specify(procurementDecider).given(given).when(more('order-a', 10)).events()).toHaveLength(1);
      specify(procurementDecider)
        .given(given)
        .when(more('order-a', 11))
        .thenRefuses('CONTRACT_MAX_EXCEEDED', { contractValueAfterCents: euros(1_105_000), contractMaximumValueCents: CONTRACT_MAXIMUM });
    });

    it('frees room under the lot maximum for later orders when reducing', () => {
      const given = recorded(activeContract(), orderPathways('order-a', 130), more('order-a', -10));
      const [issued] = specify(procurementDecider).given(given).when(orderPathways('order-b', 10)).events();
      expect(issued).toMatchObject({ data: { check: { lotOrderedAfter: { PATHWAY: 130 }, lotValueAfterCents: PATHWAY_LOT_MAXIMUM } } });
    });

    it('refuses a reduction that would leave the order a negative quantity', () => {
      specify(procurementDecider)
        .given(recorded(activeContract(), orderPathways('order-a', 10)))
        .when(more('order-a', -11))
        .thenRefuses('QUANTITY_BELOW_ZERO', { delta: -11 });
    });

    it('accepts a reduction down to zero', () => {
      const [adjusted] = specify(procurementDecider).given(recorded(activeContract(), orderPathways('order-a', 10))).when(more('order-a', -10)).events();
      expect(adjusted).toMatchObject({ data: { quantityAfter: 0 } });
    });

    it.each([
      ['a work unit the clause does not cover', VOLUME_PATHWAY_CLAUSE, 'OPEN_DAY', 'CLAUSE_DOES_NOT_ALLOW_ADJUSTMENT', {}],
      ['a volume clause written for another lot', VOLUME_OPEN_DAY_CLAUSE, 'OPEN_DAY', 'CLAUSE_NOT_FOR_LOT', {}],
      ['a clause of another kind', CALENDAR_CLAUSE, 'PATHWAY', 'CLAUSE_DOES_NOT_ALLOW_ADJUSTMENT', { clauseType: 'CALENDAR', adjustment: 'CHANGE_QUANTITY' }],
      ['a clause the contract does not have', 'clause-unknown', 'PATHWAY', 'CLAUSE_NOT_FOUND', {}],
    ] as const)('refuses %s', (_, clauseId, unitType, code, details) => {
      specify(procurementDecider).given(twoOrders()).when(changeQuantity('order-a', clauseId, unitType, 1)).thenRefuses(code, details);
    });

    it('refuses an order the contract does not have', () => {
      specify(procurementDecider).given(twoOrders()).when(more('order-z', 1)).thenRefuses('ORDER_NOT_FOUND');
    });

    it('refuses any adjustment once the contract is closed', () => {
      specify(procurementDecider)
        .given([...twoOrders(), closeContract])
        .when(more('order-a', 1))
        .thenRefuses('CONTRACT_NOT_ACTIVE');
    });
  });

  describe('session move under a calendar clause (30 days from the original start, 9 March 2026)', () => {
    const oneOrder = () => recorded(activeContract(), orderPathways('order-a', 12));

    it('records the move with its shift from the original start date', () => {
      specify(procurementDecider)
        .given(oneOrder())
        .when(moveSession('order-a', '2026-03-23', '2026-07-10'))
        .then([
          {
            type: 'OrderSessionMoved',
            data: {
              orderId: 'order-a',
              clauseId: CALENDAR_CLAUSE,
              reason: REASON,
              sessionId: SESSION_ID,
              startDate: '2026-03-23',
              endDate: '2026-07-10',
              shiftDays: 14,
            },
          },
        ]);
    });

    it('accepts a shift of exactly 30 days', () => {
      const [moved] = specify(procurementDecider).given(oneOrder()).when(moveSession('order-a', '2026-04-08', '2026-07-24')).events();
      expect(moved).toMatchObject({ data: { shiftDays: 30 } });
    });

    it('refuses a shift of 31 days', () => {
      specify(procurementDecider)
        .given(oneOrder())
        .when(moveSession('order-a', '2026-04-09', '2026-07-24'))
        .thenRefuses('CALENDAR_SHIFT_EXCEEDED', {
          originalStartDate: '2026-03-09',
          requestedStartDate: '2026-04-09',
          shiftDays: 31,
          maxShiftDays: 30,
        });
    });

    it('accepts bringing a session forward by 30 days and refuses 31', () => {
      const [moved] = specify(procurementDecider).given(oneOrder()).when(moveSession('order-a', '2026-02-07', '2026-05-29')).events();
      expect(moved).toMatchObject({ data: { shiftDays: -30 } });
      specify(procurementDecider)
        .given(oneOrder())
        .when(moveSession('order-a', '2026-02-06', '2026-05-29'))
        .thenRefuses('CALENDAR_SHIFT_EXCEEDED', { shiftDays: -31 });
    });

    it('measures successive moves from the original date, not from the last one', () => {
      const movedBy20 = recorded(oneOrder(), moveSession('order-a', '2026-03-29', '2026-07-10'));
      const [moved] = specify(procurementDecider).given(movedBy20).when(moveSession('order-a', '2026-04-08', '2026-07-20')).events();
      expect(moved).toMatchObject({ data: { shiftDays: 30 } });
      specify(procurementDecider)
        .given(movedBy20)
        .when(moveSession('order-a', '2026-04-13', '2026-07-24'))
        .thenRefuses('CALENDAR_SHIFT_EXCEEDED', { originalStartDate: '2026-03-09', shiftDays: 35 });
    });

    it('refuses a move out of the order period', () => {
      specify(procurementDecider)
        .given(oneOrder())
        .when(moveSession('order-a', '2026-03-29', '2026-08-14'))
        .thenRefuses('ORDER_PERIOD_INVALID', { sessionEnd: '2026-08-14', periodEnd: ORDER_PERIOD_END });
    });

    it('refuses a session the order does not have', () => {
      specify(procurementDecider)
        .given(oneOrder())
        .when(moveSession('order-a', '2026-03-16', '2026-07-03', 'session-unknown'))
        .thenRefuses('SESSION_NOT_FOUND');
    });

    it('refuses to move a session under a volume clause', () => {
      specify(procurementDecider)
        .given(oneOrder())
        .when(adjustOrder('order-a', VOLUME_PATHWAY_CLAUSE, { kind: 'MOVE_SESSION', sessionId: SESSION_ID, startDate: '2026-03-16', endDate: '2026-07-03' }))
        .thenRefuses('CLAUSE_DOES_NOT_ALLOW_ADJUSTMENT');
    });
  });

  describe('added and cancelled sessions', () => {
    const oneOrder = () => recorded(activeContract(), orderPathways('order-a', 12));
    const autumn = session({ sessionId: 'session-lyon-summer', startDate: '2026-05-04', endDate: '2026-07-24' });
    const addSession = (clauseId: string, added = autumn) => adjustOrder('order-a', clauseId, { kind: 'ADD_SESSION', session: added });
    const cancelSession = (sessionId = SESSION_ID) => adjustOrder('order-a', CALENDAR_CLAUSE, { kind: 'CANCEL_SESSION', sessionId });

    it('adds a session inside the order period under the calendar clause', () => {
      specify(procurementDecider)
        .given(oneOrder())
        .when(addSession(CALENDAR_CLAUSE))
        .then([{ type: 'OrderSessionAdded', data: { orderId: 'order-a', clauseId: CALENDAR_CLAUSE, reason: REASON, session: autumn } }]);
    });

    it('adds a session under the volume clause of the lot', () => {
      expect(specify(procurementDecider).given(oneOrder()).when(addSession(VOLUME_PATHWAY_CLAUSE)).events()).toHaveLength(1);
    });

    it('refuses to add a session under the modality clause', () => {
      specify(procurementDecider).given(oneOrder()).when(addSession(MODALITY_CLAUSE)).thenRefuses('CLAUSE_DOES_NOT_ALLOW_ADJUSTMENT');
    });

    it('refuses a session id already in the order', () => {
      specify(procurementDecider)
        .given(oneOrder())
        .when(addSession(CALENDAR_CLAUSE, session({ startDate: '2026-05-04', endDate: '2026-07-24' })))
        .thenRefuses('SESSION_ALREADY_EXISTS');
    });

    it('refuses a session outside the order period', () => {
      specify(procurementDecider)
        .given(oneOrder())
        .when(addSession(CALENDAR_CLAUSE, { ...autumn, endDate: '2026-08-28' }))
        .thenRefuses('ORDER_PERIOD_INVALID');
    });

    it('measures the moves of an added session from its own start date', () => {
      const given = recorded(oneOrder(), addSession(CALENDAR_CLAUSE));
      const [moved] = specify(procurementDecider).given(given).when(moveSession('order-a', '2026-06-03', '2026-07-31', autumn.sessionId)).events();
      expect(moved).toMatchObject({ data: { shiftDays: 30 } });
    });

    it('cancels a session', () => {
      specify(procurementDecider)
        .given(oneOrder())
        .when(cancelSession())
        .then([{ type: 'OrderSessionCancelled', data: { orderId: 'order-a', clauseId: CALENDAR_CLAUSE, reason: REASON, sessionId: SESSION_ID } }]);
    });

    it('refuses to cancel a session twice', () => {
      specify(procurementDecider).given(recorded(oneOrder(), cancelSession())).when(cancelSession()).thenRefuses('SESSION_CANCELLED');
    });

    it('refuses to move a cancelled session', () => {
      specify(procurementDecider)
        .given(recorded(oneOrder(), cancelSession()))
        .when(moveSession('order-a', '2026-03-16', '2026-07-03'))
        .thenRefuses('SESSION_CANCELLED');
    });
  });

  describe('modality switch under the modality clause (in person or blended)', () => {
    const oneOrder = () => recorded(activeContract(), orderPathways('order-a', 12));
    const switchTo = (modality: 'IN_PERSON' | 'REMOTE' | 'BLENDED', orderId = 'order-a') =>
      adjustOrder(orderId, MODALITY_CLAUSE, { kind: 'SWITCH_MODALITY', sessionId: SESSION_ID, modality });

    it('switches a session to a modality the clause lists', () => {
      specify(procurementDecider)
        .given(oneOrder())
        .when(switchTo('BLENDED'))
        .then([
          {
            type: 'OrderModalitySwitched',
            data: { orderId: 'order-a', clauseId: MODALITY_CLAUSE, reason: REASON, sessionId: SESSION_ID, from: 'IN_PERSON', to: 'BLENDED' },
          },
        ]);
    });

    it('refuses a modality the clause does not list', () => {
      specify(procurementDecider).given(oneOrder()).when(switchTo('REMOTE')).thenRefuses('MODALITY_NOT_ALLOWED', { requested: 'REMOTE' });
    });

    it('refuses the modality clause of lot 1 for an order of lot 2', () => {
      specify(procurementDecider)
        .given(recorded(activeContract(), orderOpenDays('order-b', 20)))
        .when(switchTo('BLENDED', 'order-b'))
        .thenRefuses('CLAUSE_NOT_FOR_LOT');
    });

    it('refuses to switch a cancelled session', () => {
      const given = recorded(oneOrder(), adjustOrder('order-a', CALENDAR_CLAUSE, { kind: 'CANCEL_SESSION', sessionId: SESSION_ID }));
      specify(procurementDecider).given(given).when(switchTo('BLENDED')).thenRefuses('SESSION_CANCELLED');
    });
  });

  describe('module added from the catalogue clause', () => {
    const addModule = (moduleId: string, quantity: number, orderId = 'order-a') =>
      adjustOrder(orderId, CATALOGUE_CLAUSE, { kind: 'ADD_MODULE', moduleId, quantity });

    it('records the module at its catalogue price, with the limits it was checked against', () => {
      specify(procurementDecider)
        .given(recorded(activeContract(), orderPathways('order-a', 60)))
        .when(addModule(FRENCH_AT_WORK_MODULE, 10))
        .then([
          {
            type: 'OrderModuleAdded',
            schemaVersion: 2,
            data: {
              adjustedOn: '2026-04-01',
              orderId: 'order-a',
              clauseId: CATALOGUE_CLAUSE,
              reason: REASON,
              moduleId: FRENCH_AT_WORK_MODULE,
              unitType: 'PATHWAY',
              quantity: 10,
              unitPriceCents: FRENCH_AT_WORK_PRICE,
              valueDeltaCents: euros(8_000),
              check: {
                lotOrderedAfter: { PATHWAY: 70 },
                lotMaximum: { PATHWAY: 130 },
                lotValueAfterCents: euros(308_000),
                lotMaximumValueCents: PATHWAY_LOT_MAXIMUM,
                contractValueAfterCents: euros(308_000),
                contractMaximumValueCents: CONTRACT_MAXIMUM,
              },
            },
          },
        ]);
    });

    it('refuses a module that is not in the catalogue', () => {
      specify(procurementDecider)
        .given(recorded(activeContract(), orderPathways('order-a', 60)))
        .when(addModule('module-not-in-catalogue', 1))
        .thenRefuses('MODULE_NOT_IN_CATALOGUE');
    });

    it('refuses a module priced in a work unit the lot does not buy', () => {
      specify(procurementDecider)
        .given(recorded(activeContract(), orderPathways('order-a', 60)))
        .when(addModule(DIGITAL_BASICS_MODULE, 35))
        .thenRefuses('UNKNOWN_WORK_UNIT');
    });

    it('refuses a negative quantity of a module, which would take pathways off outside the volume clause', () => {
      specify(procurementDecider)
        .given(recorded(activeContract(), orderPathways('order-a', 60)))
        .when(addModule(FRENCH_AT_WORK_MODULE, -5))
        .thenRefuses('QUANTITY_BELOW_ZERO', { quantity: -5 });
    });

    describe('counts its value toward the framework maximum', () => {
      // 595,000 € of pathways and 500,000 € of open days: 5,000 € left.
      const after1095000 = () => recorded(activeContract(), orderPathways('order-a', 119), orderOpenDays('order-b', 500));

      it('accepts modules worth 4,800 €', () => {
        const [added] = specify(procurementDecider).given(after1095000()).when(addModule(FRENCH_AT_WORK_MODULE, 6)).events();
        expect(added).toMatchObject({ data: { check: { contractValueAfterCents: euros(1_099_800) } } });
      });

      it('refuses modules worth 5,600 €', () => {
        specify(procurementDecider)
          .given(after1095000())
          .when(addModule(FRENCH_AT_WORK_MODULE, 7))
          .thenRefuses('CONTRACT_MAX_EXCEEDED', { contractValueBeforeCents: euros(1_095_000), contractValueAfterCents: euros(1_100_600) });
      });

      it('leaves less room for later orders once added', () => {
        specify(procurementDecider)
          .given(recorded(after1095000(), addModule(FRENCH_AT_WORK_MODULE, 6)))
          .when(orderPathways('order-c', 1))
          .thenRefuses('CONTRACT_MAX_EXCEEDED', { contractValueBeforeCents: euros(1_099_800) });
      });
    });
  });

  describe('closing', () => {
    const oneOrder = () => recorded(activeContract(), orderPathways('order-a', 60));

    it('closes an order', () => {
      specify(procurementDecider)
        .given(oneOrder())
        .when(closeOrder('order-a'))
        .then([{ type: 'OrderClosed', data: { orderId: 'order-a', closedAt: '2026-08-03T09:00:00.000Z' } }]);
    });

    it('refuses to adjust a closed order', () => {
      specify(procurementDecider)
        .given(recorded(oneOrder(), closeOrder('order-a')))
        .when(changeQuantity('order-a', VOLUME_PATHWAY_CLAUSE, 'PATHWAY', 1, ADJUSTED_AT))
        .thenRefuses('ORDER_CLOSED');
    });

    it('refuses to close an order twice', () => {
      specify(procurementDecider).given(recorded(oneOrder(), closeOrder('order-a'))).when(closeOrder('order-a')).thenRefuses('ORDER_CLOSED');
    });

    it('refuses to close an order the contract does not have', () => {
      specify(procurementDecider).given(oneOrder()).when(closeOrder('order-z')).thenRefuses('ORDER_NOT_FOUND');
    });
  });
});
