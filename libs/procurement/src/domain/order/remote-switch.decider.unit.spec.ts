import { specify } from '@app/shared/testing/decider-specification';
import { procurementDecider } from '../procurement.decider';
import { activeContract, adjustOrder, clauseAdded, MODALITY_CLAUSE, orderPathways, PATHWAY_LOT, recorded, SESSION_ID } from '../testing/fixtures';

const DROPOUT_CLAUSE = 'clause-dropout-remote-8-weeks';
const MAX_REMOTE_WEEKS = 8;
const TRAINEE = 'trainee-7f3a9c21';
const withDropoutClause = recorded(
  activeContract({ extraClauses: [clauseAdded(DROPOUT_CLAUSE, { type: 'DROPOUT', maxRemoteWeeks: MAX_REMOTE_WEEKS }, PATHWAY_LOT)] }),
  orderPathways('order-1', 20),
);
const switchToRemote = (weeks: number, options: { traineeId?: string; clauseId?: string; sessionId?: string } = {}) =>
  adjustOrder('order-1', options.clauseId ?? DROPOUT_CLAUSE, {
    kind: 'SWITCH_TRAINEE_TO_REMOTE',
    traineeId: options.traineeId ?? TRAINEE,
    sessionId: options.sessionId ?? SESSION_ID,
    weeks,
  });
const given = (history = withDropoutClause) => specify(procurementDecider).given(history);

describe('switching a trainee at risk to remote under the dropout clause', () => {
  it('switches a trainee for as many weeks as the clause allows, and records the count against the clause', () => {
    expect(given().when(switchToRemote(MAX_REMOTE_WEEKS)).events()).toEqual([
      {
        type: 'OrderTraineeSwitchedToRemote',
        data: {
          orderId: 'order-1',
          clauseId: DROPOUT_CLAUSE,
          reason: expect.any(String),
          traineeId: TRAINEE,
          sessionId: SESSION_ID,
          weeks: MAX_REMOTE_WEEKS,
          weeksBefore: 0,
          weeksAfter: MAX_REMOTE_WEEKS,
          maxRemoteWeeks: MAX_REMOTE_WEEKS,
        },
      },
    ]);
  });

  it('refuses one week beyond the clause', () => {
    given().when(switchToRemote(MAX_REMOTE_WEEKS + 1)).thenRefuses('DROPOUT_REMOTE_WEEKS_EXCEEDED', { weeksAfter: 9, maxRemoteWeeks: 8 });
  });

  it('counts the weeks of one trainee across switches: up to the clause, not a week more', () => {
    const fiveWeeks = recorded(withDropoutClause, switchToRemote(5));
    expect(given(fiveWeeks).when(switchToRemote(3)).events()[0].data).toMatchObject({ weeksBefore: 5, weeksAfter: 8 });
    given(fiveWeeks).when(switchToRemote(4)).thenRefuses('DROPOUT_REMOTE_WEEKS_EXCEEDED', { weeksBefore: 5, weeks: 4, weeksAfter: 9 });
    // Another trainee has weeks of their own.
    expect(given(fiveWeeks).when(switchToRemote(8, { traineeId: 'trainee-0b44e812' })).events()).toHaveLength(1);
  });

  it('refuses no weeks at all', () => {
    given().when(switchToRemote(0)).thenRefuses('REMOTE_WEEKS_INVALID');
  });

  it('needs a dropout clause: another clause does not cover it, and a contract without one cannot switch', () => {
    given().when(switchToRemote(2, { clauseId: MODALITY_CLAUSE })).thenRefuses('CLAUSE_DOES_NOT_ALLOW_ADJUSTMENT', { clauseType: 'MODALITY' });
    given(recorded(activeContract(), orderPathways('order-1', 20))).when(switchToRemote(2)).thenRefuses('CLAUSE_NOT_FOUND');
  });

  it('refuses an unknown session, and a trainee named by a social-security number', () => {
    given().when(switchToRemote(2, { sessionId: 'session-unknown' })).thenRefuses('SESSION_NOT_FOUND');
    given().when(switchToRemote(2, { traineeId: '2850775123456' })).thenRefuses('TRAINEE_ID_NOT_PSEUDONYMOUS');
  });
});
