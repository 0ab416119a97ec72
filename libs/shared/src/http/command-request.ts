import { Inject, Injectable } from '@nestjs/common';
import { Request } from 'express';
import { Principal } from '../auth/principal';
import { CommandContext, commandContextFor, isValidIdempotencyKey } from '../command-handling/command-context';
import { Clock, CLOCK } from '../time/clock';
import { InvalidInputException } from './validation.pipe';

export interface CommandRequest {
  context: CommandContext;
  /** The stream revision the client read (If-Match), when it sent one. */
  expectedRevision?: number;
}

/** `"7"` or `W/"7"`: the stream revision an ETag carries. */
const REVISION_TAG = /^(?:W\/)?"(-1|\d{1,15})"$/;

/** The ETag of a resource folded from a stream at this revision. */
export function etagOf(revision: number): string {
  return `"${revision}"`;
}

/** Reads what every command request carries: the caller, Idempotency-Key, If-Match, correlation id. */
@Injectable()
export class CommandRequests {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  from(request: Request & { principal: Principal; id?: unknown }): CommandRequest {
    const key = request.header('idempotency-key');
    const ifMatch = request.header('if-match');
    const problems = [];
    if (key !== undefined && !isValidIdempotencyKey(key)) {
      problems.push({ field: 'Idempotency-Key', messages: ['Idempotency-Key must be 8 to 128 characters: letters, digits, . _ : -'] });
    }
    const tag = ifMatch === undefined ? undefined : REVISION_TAG.exec(ifMatch.trim());
    if (ifMatch !== undefined && !tag) {
      problems.push({ field: 'If-Match', messages: ['If-Match must be an ETag returned by this api, e.g. "3"'] });
    }
    if (problems.length > 0) throw new InvalidInputException(problems);
    return {
      context: commandContextFor(request.principal, {
        idempotencyKey: key,
        correlationId: typeof request.id === 'string' ? request.id : undefined,
        now: this.clock.now(),
      }),
      ...(tag ? { expectedRevision: Number(tag[1]) } : {}),
    };
  }
}
