import { RuleViolation } from '@app/shared';
import { createHmac, randomBytes } from 'node:crypto';
import { DeliveryState } from '../domain/delivery/delivery.state';
import { ISSUED_TRAINEE_ID, traineeIdFromBytes, traineeIdProblem } from '../domain/delivery/trainee-id';

const RULE = 'GDPR art. 4(5), 5(1)(c) and 25: a trainee is named by a pseudonym issued by the product (POST /trainee-ids), never by data that identifies them';

/** A new trainee id, from 26 random bytes. */
export function issueTraineeId(): string {
  return traineeIdFromBytes(randomBytes(32));
}

/**
 * The trainee id of a caller's own reference (a file number, an enrolment code…): an HMAC keyed with a secret
 * the log never holds (TRAINEE_ID_KEY), so the same reference always gives the same id and the id gives
 * nothing back. Scoped to the tenant and the provider (or Pôle emploi), so two callers' references never meet.
 */
export function deriveTraineeId(key: string, scope: { tenant: string; issuer: string }, reference: string): string {
  return traineeIdFromBytes(createHmac('sha256', key).update(`${scope.tenant}\n${scope.issuer}\n${reference}`).digest());
}

/**
 * A command naming a trainee new to the order must use an issued id (`tr-` and 26 consonants): the format cannot
 * hold a phone number, an e-mail address or a name. A trainee recorded before this rule keeps the id it was
 * recorded with (events are never rewritten). Checked here rather than in the decider, so that audit:verify
 * decides the deliveries recorded before the rule again as they were decided.
 */
export function checkTraineeIdIssued(traineeId: string | undefined, delivery: DeliveryState): void {
  // An id the domain refuses anyway (a NIR, a bad shape) is answered by its own rule, TRAINEE_ID_NOT_PSEUDONYMOUS.
  if (traineeId === undefined || ISSUED_TRAINEE_ID.test(traineeId) || traineeIdProblem(traineeId) !== undefined) return;
  const known = traineeId in delivery.trainees || traineeId in delivery.waitingList || Object.values(delivery.referrals).some((referral) => referral.traineeId === traineeId);
  if (known) return;
  // The id itself is not echoed back: it may be a phone number or a name.
  throw new RuleViolation('TRAINEE_ID_NOT_ISSUED', 'A trainee id is issued by POST /trainee-ids: tr- followed by 26 consonants', RULE, {
    format: ISSUED_TRAINEE_ID.source,
  });
}
