/** The shape of a pseudonymous trainee id: 8 to 64 letters, digits, _ or -. */
const PSEUDONYMOUS_ID = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * A French social-security number (NIR): 13 digits and a 2-digit key, the first digit 1 or 2 (or 3, 4, 7, 8
 * for temporary numbers), with 2A/2B for the départements of Corsica. Any id of 13 to 15 digits is refused,
 * whatever its first digit, since a NIR typed without its key or with a wrong one is still a NIR; separators
 * are ignored.
 */
const NIR_DIGITS = /^\d{13,15}$/;
const NIR_CORSICA = /^\d{5}2[AB]\d{6}(\d{2})?$/i;

export type TraineeIdProblem = 'FORMAT' | 'LOOKS_LIKE_NIR';

/** Why an id cannot name a trainee in an event, or undefined when it can. */
export function traineeIdProblem(traineeId: string): TraineeIdProblem | undefined {
  if (!PSEUDONYMOUS_ID.test(traineeId)) return 'FORMAT';
  const compact = traineeId.replace(/[-_]/g, '');
  if (NIR_DIGITS.test(compact) || NIR_CORSICA.test(compact)) return 'LOOKS_LIKE_NIR';
  return undefined;
}
