import { specify } from '@app/shared/testing/decider-specification';
import {
  deliveryStateOf,
  deliveryTerms,
  issueStatement,
  leftEarlyTo,
  outcomeObserved,
  sessionEnded,
  sessionStarted,
  traineeCompleted,
  traineeEntered,
} from '../testing/delivery-fixtures';
import { euros } from '../testing/fixtures';
import { QualityIndicator, QualityTier } from '../terms/procurement-terms';
import { DeliveryTerms } from './delivery-terms';
import { deliveryDecider } from './delivery.decider';
import { DeliveryEvent, OutcomeSituation, ServiceStatement } from './delivery.events';
import { computeServiceStatement } from './service-statement';

const JUNE = { periodStart: '2026-06-01', periodEnd: '2026-06-30' };
const CLAUSE = 'clause-quality-outcomes';
const ENDED_ON = '2026-06-26';
/** Six months and two days after the session's end. */
const OBSERVED_ON = '2026-12-28';

const tier = (indicator: QualityIndicator, thresholdPercent: number, adjustmentPercent: number): QualityTier => ({ indicator, thresholdPercent, adjustmentPercent });

/** 20 pathways at 5,000 € (5 completed: a 2,500 € base) with a 10 % variable part on the indicator; the clause's tiers: −50 % below 50 %, +20 % from 75 %. */
function terms(indicator: QualityIndicator, minimumGroupSize?: number): DeliveryTerms {
  return deliveryTerms({
    workUnits: { PATHWAY: { unitPriceCents: euros(5_000), qualityPart: { percent: 10, indicator }, orderedQuantity: 20 } },
    qualityIncentive: {
      clauseId: CLAUSE,
      tiers: [tier(indicator, 0, -50), tier(indicator, 50, 0), tier(indicator, 75, 20)],
      ...(minimumGroupSize === undefined ? {} : { minimumGroupSize }),
    },
  });
}

const ids = (count: number) => Array.from({ length: count }, (_, i) => `trainee-${String(i).padStart(4, '0')}`);

/** A session of `count` trainees that ended in June, each of them completing it. */
function completedCohort(count: number): DeliveryEvent[] {
  return [sessionStarted('2026-03-09'), ...ids(count).map((id) => traineeEntered(id, '2026-03-09')), ...ids(count).map((id) => traineeCompleted(id, ENDED_ON)), sessionEnded(ENDED_ON)];
}

/** Their outcomes at 6 months, one situation each, from Pôle emploi's data. */
const outcomes = (situations: OutcomeSituation[]): DeliveryEvent[] => situations.map((situation, i) => outcomeObserved(ids(situations.length)[i], ENDED_ON, OBSERVED_ON, situation));

const qualityOf = (history: DeliveryEvent[], statementTerms: DeliveryTerms) => computeServiceStatement(deliveryStateOf(history), statementTerms, JUNE).qualityVariables[0];

describe('the completion rate', () => {
  it('leaves trainees who left for a job, an apprenticeship, a further training or an IAE out of it: they are not dropouts', () => {
    const history = [
      sessionStarted('2026-03-09'),
      ...ids(6).map((id) => traineeEntered(id, '2026-03-09')),
      ...ids(3).map((id) => traineeCompleted(id, ENDED_ON)),
      leftEarlyTo('trainee-0003', '2026-04-01', 'EMPLOYMENT'),
      leftEarlyTo('trainee-0004', '2026-04-01', 'IAE'),
      leftEarlyTo('trainee-0005', '2026-04-01', 'WITHOUT_SOLUTION'),
      sessionEnded(ENDED_ON),
    ];
    // 3 completed of the 4 who did not leave for a positive exit: 75 %, the bonus tier; counted as dropouts it would be 50 %.
    expect(qualityOf(history, terms('COMPLETION_RATE'))).toMatchObject({
      measuredPercent: 75,
      adjustmentPercent: 20,
      inputs: { traineesEntered: 6, traineesLeftForPositiveExit: 2, numerator: 3, denominator: 4 },
    });
  });
});

describe('the minimum group size of the clause', () => {
  it('moves no tier for a rate over one trainee fewer than the minimum, and moves it at the minimum', () => {
    // 4 of 5 completed (80 %): the bonus tier when the group counts.
    const history = [...completedCohort(4), traineeEntered('trainee-late', '2026-03-09')];
    expect(qualityOf(history, terms('COMPLETION_RATE', 6))).toMatchObject({
      measured: false,
      adjustmentPercent: 0,
      amountCents: euros(2_000),
      inputs: { minimumGroupSize: 6, numerator: 4, denominator: 5, note: expect.stringMatching(/fewer than the minimum group of 6 of clause clause-quality-outcomes/) },
    });
    expect(qualityOf(history, terms('COMPLETION_RATE', 5))).toMatchObject({ measured: true, measuredPercent: 80, adjustmentPercent: 20, amountCents: euros(2_400) });
  });

  it('pays the base at once when fewer trainees were measured than the minimum, since their outcomes could move no tier', () => {
    expect(qualityOf(completedCohort(4), terms('EMPLOYMENT_RATE_6_MONTHS', 5))).toMatchObject({
      measured: false,
      amountCents: euros(2_000),
      inputs: { outcomesAt6Months: { trainees: 4, observed: 0 }, note: expect.stringMatching(/4 trainees measured, fewer than the minimum group of 5/) },
    });
    expect(qualityOf(completedCohort(5), terms('EMPLOYMENT_RATE_6_MONTHS', 5))).toMatchObject({ withheld: true, amountCents: 0 });
  });

  it('counts the known situations for the minimum: unknown outcomes do not make the group', () => {
    const history = [...completedCohort(5), ...outcomes(['EMPLOYED', 'EMPLOYED', 'EMPLOYED', 'EMPLOYED', 'UNKNOWN'])];
    expect(qualityOf(history, terms('EMPLOYMENT_RATE_6_MONTHS', 5))).toMatchObject({ adjustmentPercent: 0, amountCents: euros(2_500), inputs: { denominator: 4 } });
    expect(qualityOf(history, terms('EMPLOYMENT_RATE_6_MONTHS', 4))).toMatchObject({ measuredPercent: 100, adjustmentPercent: 20 });
  });
});

describe('the employment rate at 6 months', () => {
  it('is withheld while one outcome at 6 months is missing, and measured once all are recorded', () => {
    const fourOfFive = [...completedCohort(5), ...outcomes(['EMPLOYED', 'APPRENTICESHIP', 'EMPLOYED', 'JOB_SEEKER'])];
    expect(qualityOf(fourOfFive, terms('EMPLOYMENT_RATE_6_MONTHS'))).toMatchObject({
      measured: false,
      withheld: true,
      amountCents: 0,
      inputs: { outcomesAt6Months: { trainees: 5, observed: 4 } },
    });
    const all = [...fourOfFive, outcomeObserved('trainee-0004', ENDED_ON, OBSERVED_ON, 'EMPLOYED')];
    // 3 employed of 5 known situations: 60 %, the tier without bonus nor malus.
    expect(qualityOf(all, terms('EMPLOYMENT_RATE_6_MONTHS'))).toMatchObject({
      measured: true,
      measuredPercent: 60,
      adjustmentPercent: 0,
      amountCents: euros(2_500),
      inputs: { outcomesAt6Months: { trainees: 5, observed: 5, known: 5, employed: 3 }, numerator: 3, denominator: 5 },
    });
  });

  it('counts employed trainees over the situations known, an unknown situation in neither', () => {
    const history = [...completedCohort(5), ...outcomes(['EMPLOYED', 'EMPLOYED', 'EMPLOYED', 'INACTIVE', 'UNKNOWN'])];
    expect(qualityOf(history, terms('EMPLOYMENT_RATE_6_MONTHS'))).toMatchObject({ measuredPercent: 75, adjustmentPercent: 20, amountCents: euros(3_000), inputs: { numerator: 3, denominator: 4 } });
  });
});

describe('the satisfaction rate', () => {
  it('is measured over the trainees’ survey answers once every outcome at 6 months is recorded', () => {
    const history = [
      ...completedCohort(4),
      outcomeObserved('trainee-0000', ENDED_ON, OBSERVED_ON, 'EMPLOYED', { source: 'SURVEY', satisfied: true }),
      outcomeObserved('trainee-0001', ENDED_ON, OBSERVED_ON, 'JOB_SEEKER', { source: 'SURVEY', satisfied: false }),
      outcomeObserved('trainee-0002', ENDED_ON, OBSERVED_ON, 'IN_TRAINING', { source: 'SURVEY', satisfied: true }),
      outcomeObserved('trainee-0003', ENDED_ON, OBSERVED_ON, 'UNKNOWN'),
    ];
    // 2 satisfied of 3 answers: 66.66 %, the tier without bonus nor malus.
    expect(qualityOf(history, terms('SATISFACTION_RATE'))).toMatchObject({
      measuredPercent: 66.66,
      adjustmentPercent: 0,
      inputs: { outcomesAt6Months: { satisfactionAnswers: 3, satisfied: 2 }, numerator: 2, denominator: 3 },
    });
  });
});

describe('a withheld variable part, measured later', () => {
  const employment = terms('EMPLOYMENT_RATE_6_MONTHS');
  const given = (history: DeliveryEvent[]) => specify(deliveryDecider).given(history);
  const junePaid = (): DeliveryEvent => deliveryDecider.decide(issueStatement('2026-06-01', '2026-06-30', { terms: employment, statementId: 'statement-june' }), deliveryStateOf(completedCohort(4)))[0];
  const stated = (event: DeliveryEvent) => event.data as ServiceStatement;

  it('is paid on the first statement issued once measured, with its tier, on a line naming the statement it completes', () => {
    const june = junePaid();
    expect(stated(june)).toMatchObject({ totalCents: euros(18_000), qualityVariables: [{ withheld: true, baseAmountCents: euros(2_000), amountCents: 0 }] });
    const measured = [...completedCohort(4), june, ...outcomes(['EMPLOYED', 'EMPLOYED', 'EMPLOYED', 'JOB_SEEKER'])];
    const january = given(measured).when(issueStatement('2027-01-01', '2027-01-31', { terms: employment, at: '2027-02-01T09:00:00.000Z', statementId: 'statement-january' })).events();
    expect(stated(january[0])).toMatchObject({
      fixedAmountCents: 0,
      regularisations: [
        {
          statementId: 'statement-june',
          periodStart: '2026-06-01',
          periodEnd: '2026-06-30',
          unitType: 'PATHWAY',
          indicator: 'EMPLOYMENT_RATE_6_MONTHS',
          baseAmountCents: euros(2_000),
          measuredPercent: 75,
          tierApplied: { clauseId: CLAUSE, thresholdPercent: 75, adjustmentPercent: 20 },
          adjustmentPercent: 20,
          amountCents: euros(2_400),
          inputs: { sessionsEndedInPeriod: ['session-lyon-spring'], numerator: 3, denominator: 4 },
        },
      ],
      totalCents: euros(2_400),
    });
    // Paid once: a statement after it pays nothing more for June.
    const february = given([...measured, ...january])
      .when(issueStatement('2027-02-01', '2027-02-28', { terms: employment, at: '2027-03-01T09:00:00.000Z', statementId: 'statement-february' }))
      .events();
    expect(stated(february[0])).not.toHaveProperty('regularisations');
  });

  it('stays withheld on a statement issued before every outcome is recorded', () => {
    const partly = [...completedCohort(4), junePaid(), ...outcomes(['EMPLOYED', 'EMPLOYED', 'EMPLOYED'])];
    const january = given(partly).when(issueStatement('2027-01-01', '2027-01-31', { terms: employment, at: '2027-02-01T09:00:00.000Z' })).events();
    expect(stated(january[0])).not.toHaveProperty('regularisations');
    expect(stated(january[0]).totalCents).toBe(0);
  });
});
