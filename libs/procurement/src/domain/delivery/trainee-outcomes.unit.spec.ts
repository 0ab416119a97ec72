import { specify } from '@app/shared/testing/decider-specification';
import {
  ALICE,
  BAPTISTE,
  deliveryStateOf,
  deliveryTerms,
  leftEarlyTo,
  ORDER_ID,
  outcomeObserved,
  report,
  sessionEnded,
  sessionStarted,
  traineeCompleted,
  traineeEntered,
  traineeLeftEarlyV1AsRead,
} from '../testing/delivery-fixtures';
import { CONTRACT_ID, GROUPING_LEAD, meta, PATHWAY_PROVIDER, providerMeta, SESSION_ID } from '../testing/fixtures';
import { OutcomeObservation, RecordTraineeOutcomesCommand } from './delivery.commands';
import { addMonths, deliveryDecider } from './delivery.decider';
import { DeliveryEvent, LEAVING_REASONS } from './delivery.events';
import { leftForPositiveExit } from './delivery.state';
import { upcastTraineeLeftEarly } from './trainee-left-early.upcast';

const of = { contractId: CONTRACT_ID, orderId: ORDER_ID };
const STARTED_ON = '2026-03-09';
const ENDED_ON = '2026-06-26';
const entered = [sessionStarted(STARTED_ON), traineeEntered(ALICE, STARTED_ON), traineeEntered(BAPTISTE, STARTED_ON)];
const given = (history: DeliveryEvent[]) => specify(deliveryDecider).given(history);

/** Six months after the session's end, and a little more: outcomes at 6 months can be observed. */
const OBSERVED_AT = '2027-01-10T09:00:00.000Z';

function observe(outcomes: OutcomeObservation[], options: { at?: string; providerId?: string } = {}): RecordTraineeOutcomesCommand {
  const at = options.at ?? OBSERVED_AT;
  return {
    type: 'RecordTraineeOutcomes',
    meta: options.providerId ? providerMeta(at, options.providerId) : meta(at),
    terms: deliveryTerms(),
    data: { outcomes },
  };
}

const employedAt6 = (traineeId: string, observedOn: string): OutcomeObservation => ({
  traineeId,
  horizonMonths: 6,
  situation: 'EMPLOYED',
  employment: { contractType: 'CDD', durationMonths: 8 },
  source: 'POLE_EMPLOI_IMPORT',
  observedOn,
});

describe('exits of a trainee', () => {
  const leave = (destination: string, extra: object = {}) =>
    report({ kind: 'TRAINEE_LEFT_EARLY', traineeId: ALICE, on: '2026-04-15', destination, ...extra } as never);

  it('records an exit to employment with its contract, a CDD with its duration in months', () => {
    given(entered)
      .when(leave('EMPLOYMENT', { employment: { contractType: 'CDD', durationMonths: 6 } }))
      .then([
        {
          type: 'TraineeLeftEarly',
          data: { ...of, traineeId: ALICE, sessionId: SESSION_ID, on: '2026-04-15', destination: 'EMPLOYMENT', employment: { contractType: 'CDD', durationMonths: 6 } },
          schemaVersion: 2,
        },
      ]);
  });

  it('records exits to an apprenticeship, a further training, an IAE, without solution and other, without a contract', () => {
    for (const destination of ['APPRENTICESHIP', 'FURTHER_TRAINING', 'IAE', 'WITHOUT_SOLUTION', 'OTHER']) {
      expect(given(entered).when(leave(destination)).events()[0].data).toMatchObject({ destination });
    }
  });

  it('refuses an exit to employment without its contract, a CDD without its duration, and a duration for a CDI', () => {
    given(entered).when(leave('EMPLOYMENT')).thenRefuses('EMPLOYMENT_CONTRACT_INVALID', { problem: 'MISSING' });
    given(entered).when(leave('EMPLOYMENT', { employment: { contractType: 'CDD' } })).thenRefuses('EMPLOYMENT_CONTRACT_INVALID', { problem: 'CDD_DURATION_MISSING' });
    given(entered).when(leave('EMPLOYMENT', { employment: { contractType: 'CDD', durationMonths: 0 } })).thenRefuses('EMPLOYMENT_CONTRACT_INVALID', { problem: 'CDD_DURATION_MISSING' });
    given(entered).when(leave('EMPLOYMENT', { employment: { contractType: 'CDI', durationMonths: 6 } })).thenRefuses('EMPLOYMENT_CONTRACT_INVALID', { problem: 'DURATION_ONLY_FOR_CDD' });
    expect(given(entered).when(leave('EMPLOYMENT', { employment: { contractType: 'INTERIM' } })).events()).toHaveLength(1);
  });

  it('refuses a contract on an exit that is not to employment', () => {
    given(entered).when(leave('IAE', { employment: { contractType: 'CDI' } })).thenRefuses('EMPLOYMENT_CONTRACT_INVALID', { problem: 'NOT_A_JOB' });
  });

  it('counts an exit to employment, apprenticeship, further training or IAE as positive, not one without solution or other', () => {
    const positive = (destination: 'EMPLOYMENT' | 'APPRENTICESHIP' | 'FURTHER_TRAINING' | 'IAE' | 'WITHOUT_SOLUTION' | 'OTHER') =>
      leftForPositiveExit(deliveryStateOf([...entered, leftEarlyTo(ALICE, '2026-04-15', destination)]).trainees[ALICE]);
    expect(['EMPLOYMENT', 'APPRENTICESHIP', 'FURTHER_TRAINING', 'IAE'].map((d) => positive(d as never))).toEqual([true, true, true, true]);
    expect(positive('WITHOUT_SOLUTION')).toBe(false);
    expect(positive('OTHER')).toBe(false);
  });
});

describe('early exits recorded before the destination (schema version 1)', () => {
  it('reads a job as an exit to employment, OTHER as another exit, and every other reason as an exit without solution, keeping the reason', () => {
    const destinations = LEAVING_REASONS.map((reason) => upcastTraineeLeftEarly({ ...of, traineeId: ALICE, sessionId: SESSION_ID, on: '2026-04-15', reason }).destination);
    expect(Object.fromEntries(LEAVING_REASONS.map((reason, index) => [reason, destinations[index]]))).toEqual({
      EMPLOYMENT: 'EMPLOYMENT',
      HEALTH: 'WITHOUT_SOLUTION',
      MOBILITY: 'WITHOUT_SOLUTION',
      FAMILY: 'WITHOUT_SOLUTION',
      MOTIVATION: 'WITHOUT_SOLUTION',
      OTHER: 'OTHER',
    });
    expect(upcastTraineeLeftEarly({ ...of, traineeId: ALICE, sessionId: SESSION_ID, on: '2026-04-15', reason: 'HEALTH' })).toMatchObject({ reason: 'HEALTH' });
  });

  it('folds an old exit into the state with its destination read, so a job taken before still is not a dropout', () => {
    const state = deliveryStateOf([...entered, traineeLeftEarlyV1AsRead(ALICE, '2026-04-15', 'EMPLOYMENT'), traineeLeftEarlyV1AsRead(BAPTISTE, '2026-04-16', 'MOTIVATION')]);
    expect(state.trainees[ALICE].leftEarly).toEqual({ on: '2026-04-15', destination: 'EMPLOYMENT', reason: 'EMPLOYMENT' });
    expect(leftForPositiveExit(state.trainees[ALICE])).toBe(true);
    expect(state.trainees[BAPTISTE].leftEarly).toEqual({ on: '2026-04-16', destination: 'WITHOUT_SOLUTION', reason: 'MOTIVATION' });
  });

  it('takes the same exit reported again as it reads today, and refuses another', () => {
    const old = [...entered, traineeLeftEarlyV1AsRead(ALICE, '2026-04-15', 'HEALTH')];
    given(old).when(report({ kind: 'TRAINEE_LEFT_EARLY', traineeId: ALICE, on: '2026-04-15', destination: 'WITHOUT_SOLUTION', reason: 'HEALTH' })).then([]);
    given(old)
      .when(report({ kind: 'TRAINEE_LEFT_EARLY', traineeId: ALICE, on: '2026-04-15', destination: 'APPRENTICESHIP' }))
      .thenRefuses('CONFLICTS_WITH_EARLIER_REPORT');
  });
});

describe('outcomes observed after the exit', () => {
  const exited = [...entered, sessionEnded(ENDED_ON), traineeCompleted(ALICE, ENDED_ON), leftEarlyTo(BAPTISTE, '2026-04-15', 'APPRENTICESHIP')];

  it('records the situation at 6 months from the day six months after the exit, not the day before', () => {
    expect(addMonths(ENDED_ON, 6)).toBe('2026-12-26');
    given(exited)
      .when(observe([employedAt6(ALICE, '2026-12-26')]))
      .then([
        {
          type: 'TraineeOutcomeObserved',
          data: {
            ...of,
            traineeId: ALICE,
            sessionId: SESSION_ID,
            exitedOn: ENDED_ON,
            horizonMonths: 6,
            situation: 'EMPLOYED',
            employment: { contractType: 'CDD', durationMonths: 8 },
            source: 'POLE_EMPLOI_IMPORT',
            observedOn: '2026-12-26',
          },
        },
      ]);
    given(exited)
      .when(observe([employedAt6(ALICE, '2026-12-25')]))
      .thenRefuses('OUTCOME_OBSERVED_TOO_EARLY', { exitedOn: ENDED_ON, horizonMonths: 6, earliest: '2026-12-26' });
  });

  it('counts 12 months from the exit for the outcome at 12 months, the month’s last day when it has no such day', () => {
    const at12 = { ...employedAt6(BAPTISTE, '2027-04-14'), horizonMonths: 12 as const, situation: 'APPRENTICESHIP' as const, employment: undefined };
    given(exited).when(observe([at12], { at: '2027-05-01T09:00:00.000Z' })).thenRefuses('OUTCOME_OBSERVED_TOO_EARLY', { earliest: '2027-04-15' });
    expect(given(exited).when(observe([{ ...at12, observedOn: '2027-04-15' }], { at: '2027-05-01T09:00:00.000Z' })).events()).toHaveLength(1);
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
  });

  it('refuses an outcome of a trainee still in training, or who never entered, or observed after today', () => {
    const inTraining = [...entered];
    given(inTraining).when(observe([employedAt6(ALICE, '2027-01-05')])).thenRefuses('TRAINEE_NOT_EXITED');
    given(exited).when(observe([employedAt6('trainee-99999aaa', '2027-01-05')])).thenRefuses('TRAINEE_NOT_ENTERED');
    given(exited).when(observe([employedAt6(ALICE, '2027-01-11')])).thenRefuses('DELIVERY_DATE_IN_FUTURE');
  });

  it('refuses a job without its contract, and a contract with a situation that is not a job', () => {
    given(exited).when(observe([{ ...employedAt6(ALICE, '2027-01-05'), employment: undefined }])).thenRefuses('EMPLOYMENT_CONTRACT_INVALID', { problem: 'MISSING' });
    given(exited).when(observe([{ ...employedAt6(ALICE, '2027-01-05'), situation: 'JOB_SEEKER' }])).thenRefuses('EMPLOYMENT_CONTRACT_INVALID', { problem: 'NOT_A_JOB' });
  });

  it('takes satisfaction from a survey answer only', () => {
    const answer: OutcomeObservation = { traineeId: ALICE, horizonMonths: 6, situation: 'JOB_SEEKER', source: 'SURVEY', observedOn: '2027-01-05', satisfied: true };
    expect(given(exited).when(observe([answer])).events()[0].data).toMatchObject({ source: 'SURVEY', satisfied: true });
    given(exited).when(observe([{ ...answer, source: 'POLE_EMPLOI_IMPORT' }])).thenRefuses('SATISFACTION_ONLY_FROM_SURVEY');
  });

  it('lets a provider of the order report outcomes as its own report only', () => {
    const byProvider = { ...employedAt6(ALICE, '2027-01-05'), source: 'PROVIDER_REPORT' as const };
    expect(given(exited).when(observe([byProvider], { providerId: PATHWAY_PROVIDER })).events()).toHaveLength(1);
    given(exited).when(observe([employedAt6(ALICE, '2027-01-05')], { providerId: PATHWAY_PROVIDER })).thenRefuses('OUTCOME_SOURCE_NOT_ALLOWED');
    given(exited).when(observe([byProvider], { providerId: GROUPING_LEAD })).thenRefuses('NOT_PROVIDER_OF_ORDER');
  });

  it('records one outcome per trainee and horizon: the same again is nothing, another is refused with the one recorded', () => {
    const observed = [...exited, outcomeObserved(ALICE, ENDED_ON, '2027-01-05', 'JOB_SEEKER')];
    given(observed).when(observe([{ traineeId: ALICE, horizonMonths: 6, situation: 'JOB_SEEKER', source: 'POLE_EMPLOI_IMPORT', observedOn: '2027-01-05' }])).then([]);
    given(observed).when(observe([employedAt6(ALICE, '2027-01-05')])).thenRefuses('OUTCOME_ALREADY_OBSERVED', { recorded: { situation: 'JOB_SEEKER' } });
  });

  it('records the lines of an import in order, the same line twice once', () => {
    const line = employedAt6(ALICE, '2027-01-05');
    const apprentice: OutcomeObservation = { traineeId: BAPTISTE, horizonMonths: 6, situation: 'APPRENTICESHIP', source: 'POLE_EMPLOI_IMPORT', observedOn: '2027-01-05' };
    const events = given(exited).when(observe([line, apprentice, line])).events();
    expect(events.map((event) => (event.data as { traineeId: string }).traineeId)).toEqual([ALICE, BAPTISTE]);
    expect(deliveryStateOf([...exited, ...events]).trainees[BAPTISTE].outcomes[6]).toMatchObject({ situation: 'APPRENTICESHIP', exitedOn: '2026-04-15' });
  });

  it('refuses a trainee id that could be a social-security number', () => {
    given(exited).when(observe([employedAt6('1850775123456', '2027-01-05')])).thenRefuses('TRAINEE_ID_NOT_PSEUDONYMOUS');
  });
});
