import { HttpException, Injectable, NestMiddleware, PayloadTooLargeException } from '@nestjs/common';
import { NextFunction, Request, Response, text } from 'express';
import { charsetRefusal, refuseInvalidUtf8 } from '@app/shared';

/** Largest CSV file accepted: 20,000 rows of labour-market figures are well under it. */
export const CSV_BODY_LIMIT = '2mb';

const parse = text({ type: 'text/csv', limit: CSV_BODY_LIMIT, verify: refuseInvalidUtf8 });

/** Reads `text/csv` bodies as text; too large is answered 413 with a code, like JSON bodies. */
@Injectable()
export class CsvBodyMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    const refusal = request.is('text/csv') ? charsetRefusal(request) : undefined;
    if (refusal) return next(refusal);
    parse(request, response, (error?: unknown) => {
      if (error === undefined) return next();
      if (error instanceof HttpException) return next(error);
      const type = (error as { type?: unknown }).type;
      if (type === 'entity.too.large') {
        return next(new PayloadTooLargeException({ code: 'PAYLOAD_TOO_LARGE', message: `The file is larger than ${CSV_BODY_LIMIT}` }));
      }
      const status = (error as { status?: unknown }).status;
      next(typeof status === 'number' && status < 500 ? new HttpException({ code: 'BAD_REQUEST', message: (error as Error).message }, status) : error);
    });
  }
}
