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
  remoteAddress?: string;
  remotePort?: number;
  raw: { ip?: string };
}

/**
 * The request as logged, from the client's address as Express finds it (`req.ip`, as the rate limit does): behind
 * trusted proxies (TRUST_PROXY), the forwarded address rather than the proxy's.
 */
function requestAsLogged(request: SerializedRequest): object {
  const client = request.raw.ip;
  if (client === undefined || client === request.remoteAddress) return request;
  // The socket's port is the proxy's, not the client's.
  return { ...request, remoteAddress: client, remotePort: undefined };
}

/** Structured JSON logs (pino); every request line carries its correlation id and the client's address. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => ({
        pinoHttp: {
          level: config.get('LOG_LEVEL', { infer: true }),
          genReqId: correlationIdOf,
          customAttributeKeys: { reqId: 'correlationId' },
          redact: ['req.headers.authorization'],
          serializers: { req: requestAsLogged },
          autoLogging: { ignore: (request: IncomingMessage) => request.url === '/health' },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
