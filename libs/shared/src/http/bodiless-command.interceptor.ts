import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { Request } from 'express';
import { Observable } from 'rxjs';
import { InvalidInputException } from './validation.pipe';

/** What @ApiConsumes() records (@nestjs/swagger does not export its metadata keys). */
const API_CONSUMES = 'swagger/apiConsumes';

/** Whether each handler reads a body (a @Body() parameter, or a file it declares it consumes), found once per handler. */
const takesBody = new WeakMap<object, boolean>();

function declaresBody(context: ExecutionContext): boolean {
  const handler = context.getHandler();
  let found = takesBody.get(handler);
  if (found === undefined) {
    const args: Record<string, unknown> = Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler.name) ?? {};
    const consumes: unknown = Reflect.getMetadata(API_CONSUMES, handler);
    found = Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY)) || consumes !== undefined;
    takesBody.set(handler, found);
  }
  return found;
}

/**
 * A command that takes no body (publish, sign, acknowledge …) refuses a JSON body with fields, as a command
 * with a body refuses fields it does not know: a client sending some expects them to be read. An empty
 * object is what most clients send by default, and stays accepted.
 */
@Injectable()
export class BodilessCommandInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const body: unknown = request.body;
    if (body !== undefined && request.is('application/json') && !declaresBody(context)) {
      const fields = typeof body === 'object' && body !== null && !Array.isArray(body) ? Object.keys(body) : [''];
      if (fields.length > 0) {
        throw new InvalidInputException(fields.map((field) => ({ field, messages: [field ? `${field} should not exist` : 'this request takes no body'] })));
      }
    }
    return next.handle();
  }
}
