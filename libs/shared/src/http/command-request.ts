import { Inject, Injectable } from '@nestjs/common';
import { Request } from 'express';
import { Principal } from '../auth/principal';
import { CommandContext, commandContextFor, isValidIdempotencyKey } from '../command-handling/command-context';
import { Clock, CLOCK } from '../time/clock';
import { IdempotencyKeys } from './idempotency-keys';
import { InvalidInputException } from './validation.pipe';

export interface CommandRequest {
  context: CommandContext;
  /** The stream revision the client read (If-Match), when it sent one. */
  expectedRevision?: number;
}

/**
 * `"7"`: the stream revision a strong ETag carries. If-Match compares strongly (RFC 9110 §13.1.1): a weak tag
 * (`W/"7"`) never matches, so it is refused rather than read as the revision.
 */
const REVISION_TAG = /^"(-1|\d{1,15})"$/;

/** The ETag of a resource folded from a stream at this revision. */
export function etagOf(revision: number): string {
  return `"${revision}"`;
}

/** Reads what every command request carries: the caller, Idempotency-Key, If-Match, correlation id. */
@Injectable()
export class CommandRequests {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly keys: IdempotencyKeys,
  ) {}

  from(request: Request & { principal: Principal; id?: unknown }): CommandRequest {
    const key = request.header('idempotency-key');
    const ifMatch = request.header('if-match');
    const problems = [];
    if (key !== undefined && !isValidIdempotencyKey(key)) {
      problems.push({ field: 'Idempotency-Key', messages: ['Idempotency-Key must be 8 to 128 characters: letters, digits, . _ : -'] });
    }
    const tag = ifMatch === undefined ? undefined : REVISION_TAG.exec(ifMatch.trim());
    if (ifMatch !== undefined && !tag) {
      const weak = /^W\//.test(ifMatch.trim());
      problems.push({
        field: 'If-Match',
        messages: [weak ? 'If-Match compares strong ETags only (RFC 9110 §13.1.1): send the ETag as returned, e.g. "3", not W/"3"' : 'If-Match must be an ETag returned by this api, e.g. "3"'],
      });
    }
    if (problems.length > 0) throw new InvalidInputException(problems);
    const context = commandContextFor(request.principal, {
      idempotencyKey: key,
      correlationId: typeof request.id === 'string' ? request.id : undefined,
      now: this.clock.now(),
    });
    if (key !== undefined) this.keys.claim(context.commandId, { method: request.method, target: request.originalUrl, body: request.body }, context.occurredAt);
    return { context, ...(tag ? { expectedRevision: Number(tag[1]) } : {}) };
  }
}
