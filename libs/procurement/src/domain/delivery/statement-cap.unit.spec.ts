import fc from 'fast-check';
import { specify } from '@app/shared/testing/decider-specification';
import { ALICE, BAPTISTE, deliveryStateOf, deliveryTerms, issueStatement, noPriorityPublic, report, sessionStarted, traineeEntered } from '../testing/delivery-fixtures';
import { CONTRACT_ID, euros, SESSION_ID } from '../testing/fixtures';
import { DeliveryTerms } from './delivery-terms';
import { deliveryDecider } from './delivery.decider';
import { DeliveryEvent, ServiceStatement } from './delivery.events';
import { RuleViolation } from '@app/shared';
import type { PriceSet } from '../price-revision/price-history';

const of = { contractId: CONTRACT_ID, orderId: 'order-lyon-spring' };
const given = (history: DeliveryEvent[]) => specify(deliveryDecider).given(history);
const HOUR_PRICE = euros(15);
const hoursOf = (traineeId: string, date: string, hours: number): DeliveryEvent => ({
  type: 'HoursDelivered',
  data: { ...of, traineeId, date, hours },
  schemaVersion: 2,
});

/** An order of `ordered` trainee-hours at 15 €, priced from the award, and from `revisedOn` at `revisedPrice` when given. */
function hourTerms(ordered: number, options: { revisedOn?: string; revisedPrice?: number; dailyHours?: number } = {}): DeliveryTerms {
  const base = deliveryTerms();
  return {
    ...base,
    sessions: { [SESSION_ID]: { ...base.sessions[SESSION_ID], ...(options.dailyHours ? { dailyHours: options.dailyHours } : {}) } },
    workUnits: {
      TRAINEE_HOUR: {
        unitPriceCents: options.revisedPrice ?? HOUR_PRICE,
        orderedQuantity: ordered,
        priceHistory: [
          { from: '2026-01-01', unitPriceCents: HOUR_PRICE, source: 'AWARD' },
          ...(options.revisedOn ? [{ from: options.revisedOn, unitPriceCents: options.revisedPrice!, source: 'AMENDMENT' as const, sourceId: 'amendment-price' }] : []),
        ],
      },
    },
  };
}

const entered = [sessionStarted('2026-03-09'), traineeEntered(ALICE, '2026-03-09'), traineeEntered(BAPTISTE, '2026-03-09')];
/** 7 hours to each of the two trainees on each day given. */
const days = (...dates: string[]) => dates.flatMap((date) => [hoursOf(ALICE, date, 7), hoursOf(BAPTISTE, date, 7)]);
const statementData = (history: DeliveryEvent[], terms: DeliveryTerms, periodStart = '2026-03-01', periodEnd = '2026-03-31') =>
  (given(history).when(issueStatement(periodStart, periodEnd, { terms })).events()[0].data as ServiceStatement);

describe('a service statement pays what the order commits, no more', () => {
  // 28 hours delivered in March: 14 on the 10th, 14 on the 11th.
  const delivered = [...entered, ...days('2026-03-10', '2026-03-11')];

  it('pays every unit when the order holds one more than delivered (just below the cap)', () => {
    const statement = statementData(delivered, hourTerms(29));
    expect(statement.units).toEqual([
      { unitType: 'TRAINEE_HOUR', orderedQuantity: 29, statedBefore: 0, delivered: 28, payable: 28, beyondOrder: 0, beyondOrderValueCents: 0 },
    ]);
    expect(statement.totalCents).toBe(28 * HOUR_PRICE);
  });

  it('pays every unit when delivered equals ordered (at the cap)', () => {
    const statement = statementData(delivered, hourTerms(28));
    expect(statement.units![0]).toMatchObject({ orderedQuantity: 28, delivered: 28, payable: 28, beyondOrder: 0 });
    expect(statement.totalCents).toBe(euros(420));
  });

  it('shows the one unit beyond the order as not payable (just above the cap)', () => {
    const statement = statementData(delivered, hourTerms(27));
    expect(statement.units).toEqual([
      { unitType: 'TRAINEE_HOUR', orderedQuantity: 27, statedBefore: 0, delivered: 28, payable: 27, beyondOrder: 1, beyondOrderValueCents: HOUR_PRICE },
    ]);
    // The units are paid in the order they were delivered: the 10th in full, 13 of the 11th's 14.
    expect(statement.lines).toEqual([
      {
        unitType: 'TRAINEE_HOUR',
        quantity: 27,
        unitPriceCents: HOUR_PRICE,
        amountCents: 27 * HOUR_PRICE,
        price: { from: '2026-01-01', source: 'AWARD' },
        deliveredFrom: '2026-03-10',
        deliveredTo: '2026-03-11',
      },
    ]);
    expect(statement.totalCents).toBe(euros(405));
  });

  it('pays 10 of the 322 hours reported on an order of 10 hours: €150, the rest shown beyond the order', () => {
    const many = [...entered, ...Array.from({ length: 23 }, (_, i) => days(`2026-03-${String(9 + i).padStart(2, '0')}`)).flat()];
    const statement = statementData(many, hourTerms(10), '2026-03-01', '2026-03-31');
    expect(statement.units![0]).toMatchObject({ orderedQuantity: 10, delivered: 322, payable: 10, beyondOrder: 312, beyondOrderValueCents: 312 * HOUR_PRICE });
    expect(statement.totalCents).toBe(euros(150));
  });

  it('counts what earlier statements paid against the order', () => {
    const terms = hourTerms(20);
    const march = statementData(delivered, terms, '2026-03-01', '2026-03-10');
    expect(march.units![0]).toMatchObject({ statedBefore: 0, delivered: 14, payable: 14 });
    const history = [...delivered, { type: 'ServiceStatementIssued', data: march, schemaVersion: 2 } as DeliveryEvent];
    const rest = statementData(history, terms, '2026-03-11', '2026-03-31');
    expect(rest.units).toEqual([
      { unitType: 'TRAINEE_HOUR', orderedQuantity: 20, statedBefore: 14, delivered: 14, payable: 6, beyondOrder: 8, beyondOrderValueCents: 8 * HOUR_PRICE },
    ]);
    expect(rest.totalCents).toBe(6 * HOUR_PRICE);
  });

  it('reads a statement issued before the cap (schema version 1) as having paid every unit it listed', () => {
    const old: DeliveryEvent = {
      type: 'ServiceStatementIssued',
      data: {
        ...of,
        statementId: 'statement-old',
        periodStart: '2026-02-01',
        periodEnd: '2026-02-28',
        issuedAt: '2026-03-01T09:00:00.000Z',
        lines: [{ unitType: 'TRAINEE_HOUR', quantity: 25, unitPriceCents: HOUR_PRICE, amountCents: 25 * HOUR_PRICE }],
        fixedAmountCents: 25 * HOUR_PRICE,
        qualityVariables: [],
        totalCents: 25 * HOUR_PRICE,
        rounding: 'FLOOR_TO_CENT',
      },
    };
    const statement = statementData([...delivered, old], hourTerms(30));
    expect(statement.units![0]).toMatchObject({ orderedQuantity: 30, statedBefore: 25, delivered: 28, payable: 5, beyondOrder: 23 });
  });
});

describe('a service statement caps each delivery by what the order committed on its day', () => {
  // 14 hours on the 10th, 14 on the 11th.
  const delivered = [...entered, ...days('2026-03-10', '2026-03-11')];
  const committing = (...commitments: Array<{ from: string; quantity: number }>): DeliveryTerms => {
    const terms = hourTerms(commitments[commitments.length - 1].quantity);
    return { ...terms, workUnits: { TRAINEE_HOUR: { ...terms.workUnits.TRAINEE_HOUR!, commitments } } };
  };

  it('pays the day of an increase at the increased quantity, and the day before at the quantity then', () => {
    const statement = statementData(delivered, committing({ from: '2026-02-01', quantity: 10 }, { from: '2026-03-11', quantity: 30 }));
    expect(statement.units).toEqual([
      {
        unitType: 'TRAINEE_HOUR',
        orderedQuantity: 30,
        committed: [
          { from: '2026-03-01', quantity: 10 },
          { from: '2026-03-11', quantity: 30 },
        ],
        statedBefore: 0,
        delivered: 28,
        payable: 24,
        beyondOrder: 4,
        beyondOrderValueCents: 4 * HOUR_PRICE,
      },
    ]);
    expect(statement.totalCents).toBe(24 * HOUR_PRICE);
  });

  it('pays nothing beyond the first quantity when the increase comes the day after the deliveries', () => {
    const statement = statementData(delivered, committing({ from: '2026-02-01', quantity: 10 }, { from: '2026-03-12', quantity: 30 }));
    expect(statement.units![0]).toMatchObject({ orderedQuantity: 30, delivered: 28, payable: 10, beyondOrder: 18 });
  });

  it('keeps paid what was delivered within the order before a reduction, and pays nothing beyond the reduced quantity after it', () => {
    const statement = statementData(delivered, committing({ from: '2026-02-01', quantity: 30 }, { from: '2026-03-11', quantity: 10 }));
    expect(statement.units![0]).toMatchObject({ orderedQuantity: 10, delivered: 28, payable: 14, beyondOrder: 14 });
  });

  it('takes the order’s dated changes from the contract’s history: an adjustment in force from the day it was decided', () => {
    const terms = deliveryTerms();
    expect(terms.workUnits.PATHWAY).toMatchObject({ orderedQuantity: 20, commitments: [{ from: '2026-02-01', quantity: 20 }] });
  });
});

describe('a service statement prices each delivery on its day', () => {
  const delivered = [...entered, ...days('2026-03-10', '2026-03-11', '2026-03-12')];

  it('pays the day before a price change at the old price, and the day it takes effect at the new one', () => {
    const statement = statementData(delivered, hourTerms(100, { revisedOn: '2026-03-11', revisedPrice: euros(16) }));
    expect(statement.lines).toEqual([
      {
        unitType: 'TRAINEE_HOUR',
        quantity: 14,
        unitPriceCents: HOUR_PRICE,
        amountCents: 14 * HOUR_PRICE,
        price: { from: '2026-01-01', source: 'AWARD' },
        deliveredFrom: '2026-03-10',
        deliveredTo: '2026-03-10',
      },
      {
        unitType: 'TRAINEE_HOUR',
        quantity: 28,
        unitPriceCents: euros(16),
        amountCents: 28 * euros(16),
        price: { from: '2026-03-11', source: 'AMENDMENT', sourceId: 'amendment-price' },
        deliveredFrom: '2026-03-11',
        deliveredTo: '2026-03-12',
      },
    ]);
    expect(statement.totalCents).toBe(14 * HOUR_PRICE + 28 * euros(16));
  });

  it('pays every day at the old price when the change takes effect the day after the last delivery', () => {
    const statement = statementData(delivered, hourTerms(100, { revisedOn: '2026-03-13', revisedPrice: euros(16) }));
    expect(statement.lines).toHaveLength(1);
    expect(statement.totalCents).toBe(42 * HOUR_PRICE);
  });

  it('values the units beyond the order at the price of their day', () => {
    const statement = statementData(delivered, hourTerms(30, { revisedOn: '2026-03-12', revisedPrice: euros(16) }));
    expect(statement.units![0]).toMatchObject({ delivered: 42, payable: 30, beyondOrder: 12, beyondOrderValueCents: 12 * euros(16) });
    expect(statement.totalCents).toBe(28 * HOUR_PRICE + 2 * euros(16));
  });
});

describe('hours reported against what can physically happen', () => {
  const hours = (count: number, traineeId = ALICE, date = '2026-03-10', terms = hourTerms(4_000, { dailyHours: 7 })) =>
    report({ kind: 'HOURS_DELIVERED', traineeId, date, hours: count }, { terms });

  it('takes up to the session’s daily schedule for a trainee and day: 6 and 7 of 7, not 8', () => {
    given(entered).when(hours(6)).then([hoursOf(ALICE, '2026-03-10', 6)]);
    given(entered).when(hours(7)).then([hoursOf(ALICE, '2026-03-10', 7)]);
    given(entered)
      .when(hours(8))
      .thenRefuses('HOURS_EXCEED_DAY', { traineeId: ALICE, sessionId: SESSION_ID, date: '2026-03-10', hours: 8, maximum: 7, bound: 'SESSION_DAILY_SCHEDULE' });
  });

  it('refuses hours naming no trainee', () => {
    given(entered)
      .when(report({ kind: 'HOURS_DELIVERED', date: '2026-03-10', hours: 500 }, { terms: hourTerms(4_000) }))
      .thenRefuses('HOURS_WITHOUT_TRAINEE', { date: '2026-03-10', hours: 500 });
  });

  it('refuses hours on the day before the session started, and takes them on its first day', () => {
    const startsOn10 = [sessionStarted('2026-03-10'), traineeEntered(ALICE, '2026-03-10')];
    given(startsOn10).when(hours(7, ALICE, '2026-03-10')).then([hoursOf(ALICE, '2026-03-10', 7)]);
    given(startsOn10).when(hours(7, ALICE, '2026-03-09')).thenRefuses('TRAINEE_NOT_ENTERED');
  });

  it('refuses hours after the session’s end and after the trainee left, and takes them on the last day', () => {
    const ended: DeliveryEvent[] = [...entered, { type: 'SessionEnded', data: { ...of, sessionId: SESSION_ID, on: '2026-03-20' } }];
    given(ended).when(hours(7, ALICE, '2026-03-20')).then([hoursOf(ALICE, '2026-03-20', 7)]);
    given(ended).when(hours(7, ALICE, '2026-03-21')).thenRefuses('SESSION_ALREADY_ENDED', { sessionId: SESSION_ID, endedOn: '2026-03-20', date: '2026-03-21' });
    const left: DeliveryEvent[] = [
      ...entered,
      { type: 'TraineeLeftEarly', data: { ...of, traineeId: ALICE, sessionId: SESSION_ID, on: '2026-03-15', destination: 'WITHOUT_SOLUTION', reason: 'HEALTH' }, schemaVersion: 2 },
    ];
    given(left).when(hours(7, ALICE, '2026-03-15')).then([hoursOf(ALICE, '2026-03-15', 7)]);
    given(left).when(hours(7, ALICE, '2026-03-16')).thenRefuses('TRAINEE_ALREADY_EXITED', { traineeId: ALICE, exitedOn: '2026-03-15', date: '2026-03-16' });
  });

  it('takes a trainee no more than the session’s capacity allows: a third trainee in a session of 2 places is refused, so are its hours', () => {
    given(entered)
      .when(report({ kind: 'TRAINEE_ENTERED', traineeId: 'trainee-3rd00000', sessionId: SESSION_ID, enteredOn: '2026-03-10', publics: noPriorityPublic }))
      .thenRefuses('SESSION_FULL', { sessionId: SESSION_ID, capacity: 2, present: 2 });
    given(entered).when(hours(7, 'trainee-3rd00000')).thenRefuses('TRAINEE_NOT_ENTERED');
  });
});

describe('the lot’s daily bound and an overbooking clause', () => {
  const hours = (count: number, terms: DeliveryTerms) => report({ kind: 'HOURS_DELIVERED', traineeId: ALICE, date: '2026-03-10', hours: count }, { terms });
  const withLotBound = (bound: number, dailyHours?: number): DeliveryTerms => {
    const terms = hourTerms(4_000, dailyHours ? { dailyHours } : {});
    return { ...terms, workUnits: { TRAINEE_HOUR: { ...terms.workUnits.TRAINEE_HOUR!, maxDailyHoursPerTrainee: bound } } };
  };

  it('bounds a trainee’s day by the lot when the session sets no schedule: 5 and 6 of 6, not 7', () => {
    given(entered).when(hours(5, withLotBound(6))).then([hoursOf(ALICE, '2026-03-10', 5)]);
    given(entered).when(hours(6, withLotBound(6))).then([hoursOf(ALICE, '2026-03-10', 6)]);
    given(entered).when(hours(7, withLotBound(6))).thenRefuses('HOURS_EXCEED_DAY', { hours: 7, maximum: 6, bound: 'LOT_DAILY_BOUND' });
  });

  it('takes the lower of the session’s schedule and the lot’s bound', () => {
    given(entered).when(hours(6, withLotBound(6, 7))).then([hoursOf(ALICE, '2026-03-10', 6)]);
    given(entered).when(hours(7, withLotBound(6, 7))).thenRefuses('HOURS_EXCEED_DAY', { maximum: 6, bound: 'LOT_DAILY_BOUND' });
    given(entered).when(hours(6, withLotBound(8, 5))).thenRefuses('HOURS_EXCEED_DAY', { maximum: 5, bound: 'SESSION_DAILY_SCHEDULE' });
  });

  const enter = (traineeId: string, terms: DeliveryTerms) =>
    report({ kind: 'TRAINEE_ENTERED', traineeId, sessionId: SESSION_ID, enteredOn: '2026-03-10', publics: noPriorityPublic }, { terms });
  const overbooking = (percent: number): DeliveryTerms => ({ ...deliveryTerms(), overbooking: { clauseId: 'clause-overbooking', percent } });
  const THIRD = 'trainee-3rd00000';
  const FOURTH = 'trainee-4th00000';

  it('lets a clause of 50% take a third trainee in a session of 2 places, and refuses a fourth', () => {
    given(entered).when(enter(THIRD, overbooking(50))).then([
      { type: 'TraineeEntered', data: { ...of, traineeId: THIRD, sessionId: SESSION_ID, enteredOn: '2026-03-10', publics: noPriorityPublic, targeting: 'NOT_RECORDED' }, schemaVersion: 2 },
    ]);
    const three = [...entered, traineeEntered(THIRD, '2026-03-10')];
    given(three)
      .when(enter(FOURTH, overbooking(50)))
      .thenRefuses('SESSION_FULL', { sessionId: SESSION_ID, capacity: 2, present: 3, overbookingPlaces: 1, overbookingClauseId: 'clause-overbooking' });
  });

  it('rounds the places a clause adds down: 49% of 2 places adds none', () => {
    given(entered)
      .when(enter(THIRD, overbooking(49)))
      .thenRefuses('SESSION_FULL', { capacity: 2, present: 2, overbookingPlaces: 0 });
  });
});

describe('no sequence of reports, order changes and price changes makes statements pay beyond the order (property)', () => {
  type Step =
    | { kind: 'hours'; trainee: 0 | 1 | 2; day: number; hours: number }
    | { kind: 'adjust'; day: number; delta: number }
    | { kind: 'price'; day: number; priceCents: number }
    | { kind: 'state'; day: number };
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('hours' as const), trainee: fc.constantFrom(0 as const, 1 as const, 2 as const), day: fc.integer({ min: 1, max: 28 }), hours: fc.integer({ min: 1, max: 30 }) }),
    fc.record({ kind: fc.constant('adjust' as const), day: fc.integer({ min: 1, max: 28 }), delta: fc.integer({ min: -20, max: 40 }) }),
    fc.record({ kind: fc.constant('price' as const), day: fc.integer({ min: 1, max: 28 }), priceCents: fc.integer({ min: 1, max: 10_000 }) }),
    fc.record({ kind: fc.constant('state' as const), day: fc.integer({ min: 1, max: 28 }) }),
  );
  const TRAINEES = [ALICE, BAPTISTE, 'trainee-3rd00000'];
  const dayOf = (day: number) => `2026-03-${String(day).padStart(2, '0')}`;

  it('keeps the units paid within the most the order ever committed, whatever the days its changes come into force, and each line at a price in force', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.array(step, { maxLength: 40 }), (initial, steps) => {
        let history: DeliveryEvent[] = [...entered];
        let ordered = initial;
        let mostOrdered = initial;
        const commitments = [{ from: '2026-02-01', quantity: initial }];
        const prices: PriceSet[] = [{ from: '2026-01-01', unitPriceCents: HOUR_PRICE, source: 'AWARD' }];
        let statedUpTo = 0;
        const terms = (): DeliveryTerms => ({
          ...hourTerms(ordered, { dailyHours: 10 }),
          workUnits: {
            TRAINEE_HOUR: {
              unitPriceCents: prices[prices.length - 1].unitPriceCents,
              orderedQuantity: ordered,
              commitments: [...commitments],
              priceHistory: [...prices],
            },
          },
        });
        for (const s of steps) {
          if (s.kind === 'adjust') {
            ordered = Math.max(0, ordered + s.delta);
            commitments.push({ from: dayOf(s.day), quantity: ordered });
          }
          if (s.kind === 'price') prices.push({ from: dayOf(s.day), unitPriceCents: s.priceCents, source: 'AMENDMENT' as const });
          mostOrdered = Math.max(mostOrdered, ordered);
          const command =
            s.kind === 'hours'
              ? report({ kind: 'HOURS_DELIVERED', traineeId: TRAINEES[s.trainee], date: dayOf(s.day), hours: s.hours }, { terms: terms() })
              : s.kind === 'state' && s.day > statedUpTo
                ? issueStatement(dayOf(statedUpTo + 1), dayOf(s.day), { terms: terms(), statementId: `statement-${s.day}` })
                : undefined;
          if (!command) continue;
          try {
            const events = deliveryDecider.decide(command, deliveryStateOf(history));
            history = [...history, ...events];
            if (s.kind === 'state') statedUpTo = s.day;
          } catch (error) {
            if (!(error instanceof RuleViolation)) throw error;
          }
        }
        const statements = deliveryStateOf(history).statements;
        const paidUnits = statements.flatMap((statement) => statement.lines).reduce((sum, line) => sum + line.quantity, 0);
        expect(paidUnits).toBeLessThanOrEqual(mostOrdered);
        const pricesUsed = new Set(prices.map((price) => price.unitPriceCents));
        for (const statement of statements) {
          for (const line of statement.lines) {
            expect(pricesUsed.has(line.unitPriceCents)).toBe(true);
            expect(line.amountCents).toBe(line.quantity * line.unitPriceCents);
          }
          const cap = statement.units![0];
          expect(cap.payable + cap.beyondOrder).toBe(cap.delivered);
          expect(cap.statedBefore + cap.payable).toBeLessThanOrEqual(Math.max(mostOrdered, cap.statedBefore));
          expect(statement.totalCents).toBe(statement.lines.reduce((sum, line) => sum + line.amountCents, 0));
        }
      }),
      { numRuns: 300 },
    );
  });
});
