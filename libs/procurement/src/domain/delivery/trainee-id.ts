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

/**
 * The letters of an issued trainee id: consonants only, no digit and no vowel, so that an id cannot hold a phone
 * number, a social-security number, an e-mail address or a readable name (GDPR art. 25: data protection by design).
 */
export const TRAINEE_ID_LETTERS = 'bcdfghjkmnpqrstvwxz';
const ISSUED_LENGTH = 26;

/** An id issued by the product or derived from a provider's reference: `tr-` and 26 of those letters (about 110 bits). */
export const ISSUED_TRAINEE_ID = new RegExp(`^tr-[${TRAINEE_ID_LETTERS}]{${ISSUED_LENGTH}}$`);

/** The id spelled from at least 26 bytes (random, or an HMAC): one letter per byte. */
export function traineeIdFromBytes(bytes: Uint8Array): string {
  if (bytes.length < ISSUED_LENGTH) throw new Error(`a trainee id needs ${ISSUED_LENGTH} bytes`);
  return `tr-${Array.from(bytes.subarray(0, ISSUED_LENGTH), (byte) => TRAINEE_ID_LETTERS[byte % TRAINEE_ID_LETTERS.length]).join('')}`;
}
