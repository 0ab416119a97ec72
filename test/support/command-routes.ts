import { INestApplication, RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import { Role } from '@app/event-store';
import { ALLOWED_ROLES, CSV_ROWS, DiscriminatedBody, IS_PUBLIC } from '@app/shared';

/** What a command route reads from its body, as declared by its controller. */
export type RouteBody =
  | { kind: 'dto'; dto: Type<object> }
  | { kind: 'variants'; discriminator: string; variants: Readonly<Record<string, Type<object>>> }
  | { kind: 'csv'; rowDto?: Type<object> }
  | { kind: 'none' }
  /** A body whose DTO cannot be found (its parameter type is a union, an interface or `object`). */
  | { kind: 'unknown'; declaredType: string };

export interface CommandRoute {
  /** `METHOD path` as the router knows it, e.g. `POST /contracts/:contractId/lots`. */
  key: string;
  method: 'POST' | 'PUT' | 'PATCH';
  path: string;
  /** The roles admitted (first one is used to call it); 'public' when no token is needed. */
  roles: readonly Role[] | 'public';
  body: RouteBody;
}

const COMMAND_METHODS: Partial<Record<RequestMethod, CommandRoute['method']>> = {
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.PATCH]: 'PATCH',
};

const join = (...parts: string[]) => `/${parts.flatMap((part) => part.split('/')).filter(Boolean).join('/')}`;

/**
 * Every command route (POST, PUT, PATCH) of the controllers the app has loaded, with what its body is: read
 * from the same metadata Nest routes with, so a new controller or handler is found without a list to keep.
 */
export function commandRoutes(app: INestApplication): CommandRoute[] {
  const routes: CommandRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<object> | null;
      if (!controller) continue;
      const controllerPaths = [Reflect.getMetadata(PATH_METADATA, controller) ?? ''].flat() as string[];
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = COMMAND_METHODS[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const handlerPaths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (!method || handlerPaths === undefined) continue;
        const isPublic = Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, controller);
        const roles: readonly Role[] = Reflect.getMetadata(ALLOWED_ROLES, handler) ?? Reflect.getMetadata(ALLOWED_ROLES, controller) ?? ['buyer'];
        const body = bodyOf(app, controller, name);
        for (const base of controllerPaths) {
          for (const path of [handlerPaths].flat()) {
            const full = join(base, path);
            routes.push({ key: `${method} ${full}`, method, path: full, roles: isPublic ? 'public' : roles, body });
          }
        }
      }
    }
  }
  return routes;
}

function bodyOf(app: INestApplication, controller: Type<object>, handlerName: string): RouteBody {
  const handler = controller.prototype[handlerName];
  const consumes: string[] = Reflect.getMetadata(DECORATORS.API_CONSUMES, handler) ?? Reflect.getMetadata(DECORATORS.API_CONSUMES, controller) ?? [];
  if (consumes.some((type) => type.startsWith('text/csv'))) return { kind: 'csv', rowDto: Reflect.getMetadata(CSV_ROWS, handler) };
  const args: Record<string, { index: number; pipes?: unknown[] }> = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handlerName) ?? {};
  const bodyArg = Object.entries(args).find(([key]) => key.split(':')[0] === String(RouteParamtypes.BODY))?.[1];
  if (!bodyArg) return { kind: 'none' };
  for (const pipe of bodyArg.pipes ?? []) {
    const instance = typeof pipe === 'function' ? resolve(app, pipe as Type<object>) : pipe;
    if (isDiscriminated(instance)) return { kind: 'variants', discriminator: instance.discriminator, variants: instance.variants };
  }
  const declared = (Reflect.getMetadata('design:paramtypes', controller.prototype, handlerName) as unknown[] | undefined)?.[bodyArg.index];
  if (typeof declared === 'function' && declared !== Object && declared !== String && declared.prototype) return { kind: 'dto', dto: declared as Type<object> };
  return { kind: 'unknown', declaredType: typeof declared === 'function' ? declared.name : String(declared) };
}

function resolve(app: INestApplication, pipe: Type<object>): object {
  try {
    return app.get(pipe, { strict: false });
  } catch {
    return new pipe();
  }
}

function isDiscriminated(pipe: unknown): pipe is DiscriminatedBody {
  return typeof pipe === 'object' && pipe !== null && typeof (pipe as DiscriminatedBody).discriminator === 'string' && typeof (pipe as DiscriminatedBody).variants === 'object';
}

/** Every `METHOD path` the Express router answers for POST, PUT and PATCH (to check the discovery against). */
export function servedCommandRoutes(app: INestApplication): string[] {
  interface Layer {
    route?: { path: string | string[]; methods: Record<string, boolean> };
  }
  const express = app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } };
  const served = express.router.stack.flatMap(({ route }) =>
    route
      ? [route.path].flat().flatMap((path) =>
          Object.keys(route.methods)
            .filter((method) => route.methods[method] && ['post', 'put', 'patch'].includes(method))
            .map((method) => `${method.toUpperCase()} ${path}`),
        )
      : [],
  );
  return [...new Set(served)];
}
