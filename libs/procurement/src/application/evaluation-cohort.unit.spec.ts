import { cohortCsv, EvaluationCohort } from './evaluation-cohort';

const cohort = (level: string): EvaluationCohort => ({
  programmeId: 'p',
  projectId: 'q',
  seedCommitment: '0'.repeat(64),
  drawnAt: '2026-03-02T10:00:00.000Z',
  factors: ['territory'],
  arms: [],
  members: [{ candidateId: 'tr-candidate-1', arm: 'control', receivesAction: false, strata: { territory: level }, entry: null, exit: null, outcomes: { months6: null, months12: null } }],
});

describe('the cohort as CSV', () => {
  it('writes one CRLF line per candidate, with empty cells for what did not happen', () => {
    expect(cohortCsv(cohort('rural'))).toBe(
      'candidateId,arm,territory,enteredOn,orderId,exit,exitOn,exitDestination,situationAt6Months,situationAt12Months\r\ntr-candidate-1,control,rural,,,,,,,\r\n',
    );
  });

  it('neutralises a level a spreadsheet would read as a formula, and quotes a separator', () => {
    expect(cohortCsv(cohort('-1+1')).split('\r\n')[1]).toBe("tr-candidate-1,control,'-1+1,,,,,,,");
    expect(cohortCsv(cohort('a,"b"')).split('\r\n')[1]).toBe('tr-candidate-1,control,"a,""b""",,,,,,,');
  });
});
