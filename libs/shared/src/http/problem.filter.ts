import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { Response } from 'express';
import { StorageFullError, WrongExpectedRevisionError } from '@app/event-store';
import { NotFoundError, RuleViolation } from '../errors/domain-errors';

/**
 * The one place errors become HTTP answers: 400 malformed input (field messages), 401/403 auth, 404 unknown
 * ids, 409 concurrency conflicts, 422 business-rule refusals with a stable code, 500 anything else (logged).
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const [status, body] = this.toProblem(error);
    // A full disk is logged by the store once per episode, not on every command it refuses.
    if (status >= 500 && !(error instanceof StorageFullError) && status !== HttpStatus.SERVICE_UNAVAILABLE) this.logger.error(error);
    if (error instanceof StorageFullError) response.setHeader('Retry-After', '60');
    response.status(status).json({ statusCode: status, ...body });
  }

  private toProblem(error: unknown): [number, Record<string, unknown>] {
    if (error instanceof RuleViolation) {
      return [
        HttpStatus.UNPROCESSABLE_ENTITY,
        { code: error.code, message: error.message, rule: error.rule, details: error.details },
      ];
    }
    if (error instanceof WrongExpectedRevisionError) {
      return [
        HttpStatus.CONFLICT,
        {
          code: 'CONCURRENCY_CONFLICT',
          message: 'The resource changed since it was read; read it again and retry',
          expectedRevision: error.expected,
          actualRevision: error.actual,
        },
      ];
    }
    if (error instanceof StorageFullError) {
      return [HttpStatus.SERVICE_UNAVAILABLE, { code: 'STORAGE_FULL', message: 'No space left to record the command: nothing was written; send it again later' }];
    }
    if (error instanceof NotFoundError) {
      return [HttpStatus.NOT_FOUND, { code: 'NOT_FOUND', message: error.message }];
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const answer = error.getResponse();
      if (typeof answer === 'object' && answer !== null && 'code' in answer) return [status, { ...answer }];
      // A failed health check: which dependency is down, and why, is the answer.
      if (typeof answer === 'object' && answer !== null && 'details' in answer) return [status, { code: 'UNHEALTHY', ...answer }];
      return [status, { code: defaultCode(status), message: error.message }];
    }
    return [HttpStatus.INTERNAL_SERVER_ERROR, { code: 'INTERNAL_ERROR', message: 'Internal error' }];
  }
}

function defaultCode(status: number): string {
  switch (status) {
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    default:
      return status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST';
  }
}
