import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { Environment } from '../config/environment';

export const CORRELATION_HEADER = 'x-correlation-id';
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's correlation id when it gave a sane one, else a new one; echoed on the response. */
export function correlationIdOf(request: IncomingMessage, response: ServerResponse): string {
  const given = request.headers[CORRELATION_HEADER];
  const id = typeof given === 'string' && CORRELATION_ID.test(given) ? given : randomUUID();
  response.setHeader(CORRELATION_HEADER, id);
  return id;
}

/** The request as pino-http serialises it: the socket's address and port, and the request itself. */
interface SerializedRequest {
  id: string;
  method: string;
  url: string;
  remoteAddress?: string;
  remotePort?: number;
  raw: { ip?: string };
}

/**
 * The request as logged: what it asked for and who from, without its headers (the token, forwarded addresses and
 * the like stay out of the logs). The client's address is the one Express finds (`req.ip`, as the rate limit
 * uses): behind trusted proxies (TRUST_PROXY), the forwarded address rather than the proxy's.
 */
function requestAsLogged(request: SerializedRequest): object {
  const { id, method, url, remoteAddress, remotePort } = request;
  const client = request.raw.ip;
  // The socket's port is the proxy's, not the client's.
  if (client !== undefined && client !== remoteAddress) return { id, method, url, remoteAddress: client };
  return { id, method, url, remoteAddress, remotePort };
}

/** The response as logged: its status (its headers are the same on every response). */
function responseAsLogged(response: { statusCode: number }): object {
  return { statusCode: response.statusCode };
}

/** Structured JSON logs (pino); every request line carries its correlation id and the client's address, no headers. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => ({
        pinoHttp: {
          level: config.get('LOG_LEVEL', { infer: true }),
          genReqId: correlationIdOf,
          // On every line of the request, at the top: what a search across processes starts from.
          customProps: (request: IncomingMessage & { id?: unknown }) => ({ correlationId: request.id }),
          serializers: { req: requestAsLogged, res: responseAsLogged },
          autoLogging: { ignore: (request: IncomingMessage) => request.url === '/health' },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
