import { deliveryStateOf, deliveryTerms, sessionEnded, sessionStarted, traineeCompleted, traineeEntered, traineeLeftEarly, certificationObtained } from '../testing/delivery-fixtures';
import { CONTRACT_ID, euros } from '../testing/fixtures';
import { QualityIndicator, QualityTier } from '../terms/procurement-terms';
import { DeliveryTerms } from './delivery-terms';
import { DeliveryEvent } from './delivery.events';
import { computeServiceStatement, floorPercentOf } from './service-statement';

const JUNE = { periodStart: '2026-06-01', periodEnd: '2026-06-30' };
const of = { contractId: CONTRACT_ID, orderId: 'order-lyon-spring' };
const QUALITY_CLAUSE = 'clause-quality-completion';

const tier = (thresholdPercent: number, adjustmentPercent: number, indicator: QualityIndicator = 'COMPLETION_RATE'): QualityTier => ({
  indicator,
  thresholdPercent,
  adjustmentPercent,
});
/** A malus below 60% completion, nothing between 60% and 80%, a bonus from 80%. */
const TIERS = [tier(0, -50), tier(60, 0), tier(80, 20)];

function pathwayTerms(options: { priceCents?: number; percent?: number; indicator?: QualityIndicator; tiers?: QualityTier[] | null } = {}): DeliveryTerms {
  const tiers = options.tiers === undefined ? TIERS : options.tiers;
  return deliveryTerms({
    workUnits: {
      PATHWAY: {
        unitPriceCents: options.priceCents ?? euros(5_000),
        qualityPart: { percent: options.percent ?? 10, indicator: options.indicator ?? 'COMPLETION_RATE' },
        orderedQuantity: 20,
      },
    },
    ...(tiers === null ? { qualityIncentive: undefined } : { qualityIncentive: { clauseId: QUALITY_CLAUSE, tiers } }),
  });
}

/** A session that ended on `endedOn` with `entered` trainees, of whom the first `completed` completed on that day. */
function cohort(entered: number, completed: number, endedOn = '2026-06-26'): DeliveryEvent[] {
  const ids = Array.from({ length: entered }, (_, i) => `trainee-${String(i).padStart(4, '0')}`);
  return [
    sessionStarted('2026-03-09'),
    ...ids.map((id) => traineeEntered(id, '2026-03-09')),
    ...ids.slice(0, completed).map((id) => traineeCompleted(id, endedOn)),
    sessionEnded(endedOn),
  ];
}

const statementOf = (history: DeliveryEvent[], terms = pathwayTerms(), period = JUNE) => computeServiceStatement(deliveryStateOf(history), terms, period);
const qualityOf = (history: DeliveryEvent[], terms = pathwayTerms()) => statementOf(history, terms).qualityVariables[0];

describe('a service statement', () => {
  describe('units delivered', () => {
    it('counts the pathways completed on the first and last day of the period, not the day before or after', () => {
      const history: DeliveryEvent[] = [
        sessionStarted('2026-03-09'),
        ...['a', 'b', 'c', 'd'].map((id) => traineeEntered(`trainee-${id}-000`, '2026-03-09')),
        traineeCompleted('trainee-a-000', '2026-05-31'),
        traineeCompleted('trainee-b-000', '2026-06-01'),
        traineeCompleted('trainee-c-000', '2026-06-30'),
        traineeCompleted('trainee-d-000', '2026-07-01'),
      ];
      expect(statementOf(history, pathwayTerms({ tiers: null })).lines).toEqual([
        { unitType: 'PATHWAY', quantity: 2, unitPriceCents: euros(5_000), amountCents: euros(10_000), deliveredFrom: '2026-06-01', deliveredTo: '2026-06-30' },
      ]);
    });

    it('adds up the hours, open days and subscription months of the period, with a line for every unit ordered', () => {
      const terms = deliveryTerms({
        workUnits: {
          PATHWAY: { unitPriceCents: euros(5_000), orderedQuantity: 20 },
          TRAINEE_HOUR: { unitPriceCents: euros(15), orderedQuantity: 4_000 },
          OPEN_DAY: { unitPriceCents: euros(1_000), orderedQuantity: 100 },
          SUBSCRIPTION: { unitPriceCents: euros(300), orderedQuantity: 12 },
        },
      });
      const history: DeliveryEvent[] = [
        sessionStarted('2026-03-09'),
        traineeEntered('trainee-a-000', '2026-03-09'),
        { type: 'HoursDelivered', data: { ...of, traineeId: 'trainee-a-000', date: '2026-06-01', hours: 7 } },
        { type: 'HoursDelivered', data: { ...of, date: '2026-06-01', hours: 35 } },
        { type: 'HoursDelivered', data: { ...of, traineeId: 'trainee-a-000', date: '2026-07-01', hours: 7 } },
        { type: 'OpenDaysDelivered', data: { ...of, date: '2026-06-30', count: 2 } },
        { type: 'OpenDaysDelivered', data: { ...of, date: '2026-05-31', count: 1 } },
        { type: 'SubscriptionMonthsDelivered', data: { ...of, month: '2026-06', count: 3 } },
        { type: 'SubscriptionMonthsDelivered', data: { ...of, month: '2026-07', count: 3 } },
      ];
      const statement = statementOf(history, terms);
      expect(statement.lines).toEqual([
        { unitType: 'TRAINEE_HOUR', quantity: 42, unitPriceCents: euros(15), amountCents: euros(630), deliveredFrom: '2026-06-01', deliveredTo: '2026-06-01' },
        { unitType: 'PATHWAY', quantity: 0, unitPriceCents: euros(5_000), amountCents: 0 },
        { unitType: 'OPEN_DAY', quantity: 2, unitPriceCents: euros(1_000), amountCents: euros(2_000), deliveredFrom: '2026-06-30', deliveredTo: '2026-06-30' },
        { unitType: 'SUBSCRIPTION', quantity: 3, unitPriceCents: euros(300), amountCents: euros(900), deliveredFrom: '2026-06-01', deliveredTo: '2026-06-01' },
      ]);
      expect(statement).toMatchObject({ fixedAmountCents: euros(3_530), qualityVariables: [], totalCents: euros(3_530) });
    });

    it('counts a subscription month in the statement whose period holds its first day', () => {
      const terms = deliveryTerms({ workUnits: { SUBSCRIPTION: { unitPriceCents: euros(300), orderedQuantity: 12 } } });
      const history: DeliveryEvent[] = [{ type: 'SubscriptionMonthsDelivered', data: { ...of, month: '2026-06', count: 1 } }];
      expect(statementOf(history, terms, { periodStart: '2026-05-15', periodEnd: '2026-06-01' }).lines[0].quantity).toBe(1);
      expect(statementOf(history, terms, { periodStart: '2026-06-02', periodEnd: '2026-06-30' }).lines[0].quantity).toBe(0);
    });
  });

  describe('quality variable part', () => {
    it('sets the quality part aside and pays it with the bonus of the highest tier reached', () => {
      // 4 of 5 completed: 80%, the bonus tier exactly.
      const statement = statementOf(cohort(5, 4));
      expect(statement).toEqual({
        lines: [
          { unitType: 'PATHWAY', quantity: 4, unitPriceCents: euros(5_000), amountCents: euros(20_000), deliveredFrom: '2026-06-26', deliveredTo: '2026-06-26' },
        ],
        units: [{ unitType: 'PATHWAY', orderedQuantity: 20, statedBefore: 0, delivered: 4, payable: 4, beyondOrder: 0, beyondOrderValueCents: 0 }],
        fixedAmountCents: euros(18_000),
        qualityVariables: [
          {
            unitType: 'PATHWAY',
            indicator: 'COMPLETION_RATE',
            qualityPartPercent: 10,
            baseAmountCents: euros(2_000),
            measured: true,
            measuredPercent: 80,
            tierApplied: { clauseId: QUALITY_CLAUSE, indicator: 'COMPLETION_RATE', thresholdPercent: 80, adjustmentPercent: 20 },
            adjustmentPercent: 20,
            amountCents: euros(2_400),
            inputs: {
              sessionsEndedInPeriod: ['session-lyon-spring'],
              traineesEntered: 5,
              traineesCompleted: 4,
              traineesCertified: 0,
              traineesLeftForPositiveExit: 0,
              numerator: 4,
              denominator: 5,
              clauseId: QUALITY_CLAUSE,
              tiersConsidered: [
                { thresholdPercent: 0, adjustmentPercent: -50 },
                { thresholdPercent: 60, adjustmentPercent: 0 },
                { thresholdPercent: 80, adjustmentPercent: 20 },
              ],
            },
          },
        ],
        totalCents: euros(20_400),
        rounding: 'FLOOR_TO_CENT',
      });
    });

    it('applies the tier at its threshold and the tier below just under it', () => {
      // 3 of 5: 60% exactly.
      expect(qualityOf(cohort(5, 3))).toMatchObject({ measuredPercent: 60, tierApplied: { thresholdPercent: 60 }, adjustmentPercent: 0 });
      expect(qualityOf(cohort(5, 3), pathwayTerms({ tiers: [tier(0, -50), tier(60.01, 0)] }))).toMatchObject({
        tierApplied: { thresholdPercent: 0 },
        adjustmentPercent: -50,
      });
    });

    it('compares a recurring ratio with a threshold exactly, without floating-point error', () => {
      // 2 of 3: 66.666…%, shown as 66.66.
      const twoThirds = cohort(3, 2);
      expect(qualityOf(twoThirds, pathwayTerms({ tiers: [tier(0, -50), tier(66.66, 10)] }))).toMatchObject({
        measuredPercent: 66.66,
        adjustmentPercent: 10,
      });
      expect(qualityOf(twoThirds, pathwayTerms({ tiers: [tier(0, -50), tier(66.67, 10)] }))).toMatchObject({
        measuredPercent: 66.66,
        adjustmentPercent: -50,
      });
    });

    it('takes away the whole variable part with a malus of 100%', () => {
      expect(qualityOf(cohort(4, 1), pathwayTerms({ tiers: [tier(0, -100), tier(50, 0)] }))).toMatchObject({
        measuredPercent: 25,
        baseAmountCents: euros(500),
        amountCents: 0,
      });
    });

    it('rounds every amount down to the cent', () => {
      // 10% of 3,333.33 € is 333.333 €; with a bonus of 20%, 399.9996 €.
      const statement = statementOf(cohort(1, 1), pathwayTerms({ priceCents: 333_333, tiers: [tier(0, 20)] }));
      expect(statement.qualityVariables[0]).toMatchObject({ baseAmountCents: 33_333, amountCents: 39_999 });
      expect(statement).toMatchObject({ fixedAmountCents: 300_000, totalCents: 339_999 });
      expect(floorPercentOf(333_333, 12.5)).toBe(41_666);
    });

    it('pays the base when the indicator reaches no tier, and says so', () => {
      expect(qualityOf(cohort(5, 2), pathwayTerms({ tiers: [tier(60, 0), tier(80, 20)] }))).toMatchObject({
        measured: true,
        measuredPercent: 40,
        tierApplied: null,
        adjustmentPercent: 0,
        amountCents: euros(1_000),
        inputs: { note: 'The indicator reaches no tier of the clause: the variable part is paid at its base' },
      });
    });

    it('pays the base when the clause has no tier for the indicator of the work unit', () => {
      expect(qualityOf(cohort(5, 5), pathwayTerms({ tiers: [tier(50, 20, 'CERTIFICATION_RATE')] }))).toMatchObject({
        measuredPercent: 100,
        tierApplied: null,
        amountCents: euros(2_500),
        inputs: { tiersConsidered: [], note: expect.stringMatching(/no tier for COMPLETION_RATE/) },
      });
    });

    it('pays the base, as not measured, when no session ended in the period', () => {
      const statement = statementOf(cohort(5, 4, '2026-07-03').map((event) =>
        // Completions in June, sessions ended in July: pathways are paid, the rate is measured in July.
        event.type === 'TraineeCompleted' ? { ...event, data: { ...event.data, on: '2026-06-20' } } : event,
      ));
      expect(statement.lines[0].quantity).toBe(4);
      expect(statement.qualityVariables[0]).toMatchObject({
        measured: false,
        measuredPercent: null,
        tierApplied: null,
        amountCents: euros(2_000),
        inputs: { sessionsEndedInPeriod: [], traineesEntered: 0, note: expect.stringMatching(/not measured/) },
      });
      expect(statement.qualityVariables[0].inputs).not.toHaveProperty('numerator');
    });

    it('pays nothing of the variable part, withheld, while the outcomes at 6 months are not recorded: never the base by default', () => {
      const statement = statementOf(cohort(5, 4), pathwayTerms({ indicator: 'EMPLOYMENT_RATE_6_MONTHS', tiers: [tier(0, -50, 'EMPLOYMENT_RATE_6_MONTHS')] }));
      expect(statement.qualityVariables[0]).toMatchObject({
        measured: false,
        withheld: true,
        baseAmountCents: euros(2_000),
        adjustmentPercent: 0,
        amountCents: 0,
        inputs: { outcomesAt6Months: { trainees: 5, observed: 0 }, note: expect.stringMatching(/not measured yet: 0 of 5 outcomes/) },
      });
      expect(statement.totalCents).toBe(euros(18_000));
    });

    it('measures the certification rate among the trainees who completed', () => {
      const history = [
        ...cohort(4, 2),
        traineeLeftEarly('trainee-0003', '2026-04-01'),
        certificationObtained('trainee-0000', '2026-06-29'),
        certificationObtained('trainee-0003', '2026-06-29'),
      ];
      expect(qualityOf(history, pathwayTerms({ indicator: 'CERTIFICATION_RATE', tiers: [tier(0, -20, 'CERTIFICATION_RATE'), tier(75, 10, 'CERTIFICATION_RATE')] }))).toMatchObject({
        indicator: 'CERTIFICATION_RATE',
        measuredPercent: 50,
        adjustmentPercent: -20,
        inputs: { traineesEntered: 4, traineesCompleted: 2, traineesCertified: 1, numerator: 1, denominator: 2 },
      });
    });

    it('pays the base when the contract has no quality-incentive clause', () => {
      expect(qualityOf(cohort(5, 1), pathwayTerms({ tiers: null }))).toMatchObject({
        measuredPercent: 20,
        adjustmentPercent: 0,
        inputs: { clauseId: null, note: 'No quality-incentive clause: the variable part is paid at its base' },
      });
    });
  });
});
