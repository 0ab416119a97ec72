import { BadRequestException, HttpException, Injectable, NestMiddleware, PayloadTooLargeException } from '@nestjs/common';
import { json, NextFunction, Request, Response } from 'express';
import { charsetRefusal, refuseInvalidUtf8 } from '@app/shared';

/** Largest JSON body accepted: the biggest legitimate request (a contract's lot with its work units) is a few kB. */
export const JSON_BODY_LIMIT = '256kb';

const parse = json({ limit: JSON_BODY_LIMIT, verify: refuseInvalidUtf8 });

/**
 * Parses JSON bodies as a Nest middleware rather than a plain Express one, so that a body too large (413) or
 * not JSON (400) is answered by the ProblemFilter like every other error, with a `code`.
 */
@Injectable()
export class JsonBodyMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    const refusal = request.is('application/json') ? charsetRefusal(request) : undefined;
    if (refusal) return next(refusal);
    parse(request, response, (error?: unknown) => next(error === undefined ? undefined : toHttpError(error)));
  }
}

function toHttpError(error: unknown): unknown {
  if (error instanceof HttpException) return error;
  const type = (error as { type?: unknown }).type;
  if (type === 'entity.too.large') {
    return new PayloadTooLargeException({ code: 'PAYLOAD_TOO_LARGE', message: `The request body is larger than ${JSON_BODY_LIMIT}` });
  }
  if (type === 'entity.parse.failed') return new BadRequestException({ code: 'MALFORMED_JSON', message: 'The request body is not valid JSON' });
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new HttpException({ code: 'BAD_REQUEST', message: (error as Error).message }, status);
  }
  return error;
}
