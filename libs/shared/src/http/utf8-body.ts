import { BadRequestException, HttpException, UnsupportedMediaTypeException } from '@nestjs/common';
import { IncomingMessage } from 'node:http';

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The body parsers' `verify`: a body that is not valid UTF-8 is refused, rather than read with U+FFFD in place
 * of its bad bytes (a name or a reason stored changed, without anyone knowing).
 */
export function refuseInvalidUtf8(_request: IncomingMessage, _response: unknown, body: Buffer): void {
  try {
    STRICT_UTF8.decode(body);
  } catch {
    throw new BadRequestException({ code: 'INVALID_UTF8', message: 'The request body is not valid UTF-8' });
  }
}

/** Bodies are read as UTF-8 only (RFC 8259 §8.1 for JSON): a request declaring another charset (UTF-16 …) is refused with 415. */
export function charsetRefusal(request: IncomingMessage): HttpException | undefined {
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(request.headers['content-type'] ?? '')?.[1];
  if (charset === undefined || /^utf-?8$/i.test(charset)) return undefined;
  return new UnsupportedMediaTypeException({ code: 'UNSUPPORTED_CHARSET', message: `Bodies are read as UTF-8 only, not ${charset}` });
}
