import { Type } from '@nestjs/common';
import fc from 'fast-check';
import request from 'supertest';
import { Principal, idFromName } from '@app/shared';
import { DraftContractDto } from '../apps/api/src/procurement/dto/contract.dto';
import { CommandRoute, commandRoutes, RouteBody, servedCommandRoutes } from './support/command-routes';
import { invalidCsv, structurallyBrokenCsv } from './support/csv-properties';
import { bodiesForBodiless, invalidBodies, Mutation, schemaOf, toJsonText, unknownFields, validBodies } from './support/dto-arbitraries';
import { callerOf, RunningApi, startApi, tokensFor } from './support/http-harness';
import { anActiveFramework } from './support/procurement-fixtures';

/**
 * Hostile input on every command route the api serves (POST, PUT, PATCH), found from the controllers'
 * metadata: bodies derived from each route's DTO (class-validator metadata), made invalid one field at a time
 * (wrong types, missing and unknown fields, huge or unsafe text, overflowing numbers, impossible or
 * out-of-order dates, arrays too long, nesting), must be answered 400 or 422 and write nothing. A new command
 * is covered without editing this file; one whose DTO cannot be found fails here, naming it. A body checked by
 * a pipe against one of several DTOs is found when the pipe says which (DiscriminatedBody); a CSV import
 * (text/csv, declared with @CsvBody(RowDto)) gets broken files, and files broken in one cell of its rows.
 *
 * Replay a failure with the seed it prints: HOSTILE_SEED=<seed> npx jest test/hostile-input.e2e.spec.ts
 */
const SEED = Number(process.env.HOSTILE_SEED ?? 20_261_123);
/** Hostile cases per route, valid ones per route. */
const RUNS = Number(process.env.HOSTILE_RUNS ?? 40);
const VALID_RUNS = Number(process.env.HOSTILE_VALID_RUNS ?? 6);

/** Path parameters filled from the fixture; any other parameter gets a well-formed id of nothing. */
const PROBE_ID = idFromName('hostile-input', 'probe');

interface Fixture {
  contractId: string;
  orderId: string;
}

/** The catch-all path on which Nest mounts the middleware of every route (JSON body parsing): not an endpoint. */
/** The schema of a body validated against one of several DTOs. */
const unionOf = (body: Extract<RouteBody, { kind: 'variants' }>) => ({
  kind: 'union' as const,
  discriminator: body.discriminator,
  variants: Object.fromEntries(Object.entries(body.variants).map(([name, dto]) => [name, schemaOf(dto)])),
});

const NOT_ENDPOINTS = /^[A-Z]+ \/\{\*path\}$/;

const REFUSED = [400, 422];
/** A CSV importer may cap the size of a file: 413 is a refusal too for files. */
const CSV_REFUSED = [400, 413, 422];

jest.setTimeout(120_000);

describe('hostile input on every command (property-based, end to end)', () => {
  let api: RunningApi;
  let routes: CommandRoute[];
  const fixture = {} as Fixture;
  const principals: Record<string, Principal> = {
    buyer: { sub: 'buyer-ara', role: 'buyer', tenant: 'ARA' },
    provider: { sub: 'of-a-user', role: 'provider', tenant: 'ARA', providerId: 'of-a' },
    pole_emploi: { sub: 'pe-ara', role: 'pole_emploi', tenant: 'ARA' },
    auditor: { sub: 'auditor-ara', role: 'auditor', tenant: 'ARA' },
    admin: { sub: 'admin-ara', role: 'admin', tenant: 'ARA' },
  };
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi('hostile-e2e', { env: { THROTTLE_LIMIT: '1000000' } });
    Object.assign(tokens, await tokensFor(principals));
    routes = commandRoutes(api.app);
    const as = callerOf(api.app, tokens);
    fixture.contractId = await anActiveFramework(as);
    const order = { lotId: 'LOT-1', lines: [{ unitType: 'PATHWAY', quantity: 10 }], sessions: [], periodStart: '2026-04-01', periodEnd: '2026-12-31' };
    fixture.orderId = (await as('buyer').post(`/contracts/${fixture.contractId}/orders`, order).expect(201)).body.orderId;
  });
  afterAll(async () => {
    await api.close();
    delete process.env.THROTTLE_LIMIT;
  });

  const urlOf = (route: CommandRoute) =>
    route.path.replace(/:(\w+)/g, (_, name: string) => ({ contractId: fixture.contractId, orderId: fixture.orderId, lotId: 'LOT-1' })[name] ?? PROBE_ID);

  /** Sends a body as the route's first admitted role; returns the answer and how many events were written. */
  async function send(route: CommandRoute, body: string | Buffer, contentType = 'application/json') {
    const before = await api.store.headPosition();
    let call = request(api.app.getHttpServer())[route.method.toLowerCase() as 'post' | 'put' | 'patch'](urlOf(route)).set('Content-Type', contentType);
    if (route.roles !== 'public') call = call.auth(tokens[route.roles[0]], { type: 'bearer' });
    const response = await call.send(body);
    return { response, written: (await api.store.headPosition()) - before };
  }

  const describeBody = (text: string | Buffer) => (text.length > 200 ? `${text.slice(0, 200).toString()}… (${text.length} chars)` : text.toString());

  /** Runs a property, turning its failure into one line per route (with the seed to replay it). */
  async function check(route: CommandRoute, property: fc.IAsyncProperty<[never]> | fc.IAsyncPropertyWithHooks<[never]>, numRuns: number, failures: string[]) {
    const details = await fc.check(property as fc.IAsyncProperty<[never]>, { seed: SEED, numRuns, endOnFailure: true });
    if (details.failed) {
      const reason = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      failures.push(`${route.key} (seed ${details.seed}, path ${details.counterexamplePath}): ${reason}`);
    }
  }

  /** The mutation must be refused (400/422), naming the field at fault when it is a field, and write nothing. */
  async function expectRefused(route: CommandRoute, mutation: Mutation): Promise<void> {
    const text = toJsonText(mutation.body);
    const { response, written } = await send(route, text);
    const problem = `${mutation.what} at "${mutation.field}": ${response.status} ${JSON.stringify(response.body).slice(0, 300)} for ${describeBody(text)}`;
    if (!REFUSED.includes(response.status) || written !== 0) throw new Error(`not refused, or written (${written} events): ${problem}`);
    const fields = (response.body.fields ?? []) as Array<{ field: string }>;
    if (mutation.field && response.body.code === 'INVALID_INPUT') {
      const named = fields.some(({ field }) => field === mutation.field || field.startsWith(`${mutation.field}.`) || mutation.field.startsWith(`${field}.`));
      if (!named) throw new Error(`refused for another field than the one at fault: ${problem}`);
    }
  }

  it('finds every command the api serves, and the DTO (or absence) of each body', () => {
    const found = new Set(routes.map((route) => route.key));
    const undiscovered = servedCommandRoutes(api.app).filter((route) => !found.has(route) && !NOT_ENDPOINTS.test(route));
    const withoutDto = routes.filter((route) => route.body.kind === 'unknown').map((route) => `${route.key}: body typed ${(route.body as { declaredType: string }).declaredType}, no DTO`);
    const ungenerated = routes.flatMap((route) => {
      const schema = route.body.kind === 'dto' ? schemaOf(route.body.dto) : undefined;
      return schema ? unknownFields(schema).map((field) => `${route.key}: ${field}`) : [];
    });
    expect({ undiscovered, withoutDto, ungenerated }).toEqual({ undiscovered: [], withoutDto: [], ungenerated: [] });
    // The discovery sees the commands of every kind of body this api has.
    expect(new Set(routes.map((route) => route.body.kind))).toEqual(expect.objectContaining(new Set(['dto', 'variants', 'none'])));
  });

  it('refuses hostile bodies (JSON, or CSV files) on every command with 400 or 422, naming the field, and writes nothing', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const body = route.body;
      if (body.kind === 'unknown') continue;
      if (body.kind === 'csv') {
        await check(route, csvProperty(route, body.rowDto) as never, RUNS, failures);
        continue;
      }
      const cases = body.kind === 'none' ? bodiesForBodiless : invalidBodies(body.kind === 'dto' ? schemaOf(body.dto) : unionOf(body));
      await check(route, fc.asyncProperty(cases, (mutation) => expectRefused(route, mutation)) as never, body.kind === 'none' ? Math.ceil(RUNS / 4) : RUNS, failures);
    }
    expect(failures).toEqual([]);
  });

  /** Broken files, and valid files broken in one cell or column when the route names its row DTO. */
  function csvProperty(route: CommandRoute, rowDto?: Type<object>) {
    return fc.asyncProperty(rowDto ? fc.oneof(structurallyBrokenCsv, invalidCsv(rowDto)) : structurallyBrokenCsv, async ({ what, body }) => {
      const { response, written } = await send(route, body, 'text/csv; charset=utf-8');
      if (!CSV_REFUSED.includes(response.status) || written !== 0) {
        throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}, ${written} events written`);
      }
    });
  }

  it('answers valid random bodies without a server error, and a refusal writes nothing', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const body = route.body;
      if (body.kind !== 'dto' && body.kind !== 'variants') continue;
      const schema = body.kind === 'dto' ? schemaOf(body.dto) : unionOf(body);
      const property = fc.asyncProperty(validBodies(schema), async (valid) => {
        const { response, written } = await send(route, JSON.stringify(valid));
        if (response.status >= 500 || (response.status >= 400 && written !== 0)) {
          throw new Error(`${response.status} ${JSON.stringify(response.body).slice(0, 300)}, ${written} events written, for ${JSON.stringify(valid).slice(0, 300)}`);
        }
      });
      await check(route, property as never, VALID_RUNS, failures);
    }
    expect(failures).toEqual([]);
  });

  it('accepts every quantity adjustment within the volume clause and refuses the others, the order following', async () => {
    const as = callerOf(api.app, tokens);
    // ±20% of the lot's 100 pathways since award: adjustments may add or remove at most 20 in total.
    const BOUND = 20;
    const INITIAL = 10;
    const property = fc.asyncProperty(fc.array(fc.integer({ min: -9, max: 9 }).filter((delta) => delta !== 0), { minLength: 1, maxLength: 10 }), async (deltas) => {
      const contractId = await anActiveFramework(as);
      const order = { lotId: 'LOT-1', lines: [{ unitType: 'PATHWAY', quantity: INITIAL }], sessions: [], periodStart: '2026-04-01', periodEnd: '2026-12-31' };
      const orderId = (await as('buyer').post(`/contracts/${contractId}/orders`, order).expect(201)).body.orderId as string;
      let adjusted = 0;
      for (const delta of deltas) {
        const allowed = INITIAL + adjusted + delta >= 0 && Math.abs(adjusted + delta) <= BOUND;
        const before = await api.store.headPosition();
        const response = await as('buyer').post(`/contracts/${contractId}/orders/${orderId}/adjustments`, {
          clauseId: 'VOL-1',
          reason: 'Liste d’attente ou places vacantes',
          adjustment: { kind: 'CHANGE_QUANTITY', unitType: 'PATHWAY', delta },
        });
        const written = (await api.store.headPosition()) - before;
        if (allowed) {
          expect({ delta, status: response.status, written }).toEqual({ delta, status: 200, written: 1 });
          adjusted += delta;
        } else {
          expect({ delta, status: response.status, written, code: response.body.code }).toEqual({
            delta,
            status: 422,
            written: 0,
            code: expect.stringMatching(/^(QUANTITY_BELOW_ZERO|VOLUME_CLAUSE_BOUND_EXCEEDED)$/),
          });
        }
      }
      const read = await as('buyer').get(`/contracts/${contractId}/orders/${orderId}`).expect(200);
      expect(read.body.quantities.PATHWAY).toBe(INITIAL + adjusted);
    });
    await fc.assert(property, { seed: SEED, numRuns: 6 });
  });

  it('keeps what a valid draft contract states, in any script, or refuses it with a rule code and writes nothing', async () => {
    const as = callerOf(api.app, tokens);
    const property = fc.asyncProperty(validBodies(schemaOf(DraftContractDto)), async (draft) => {
      const before = await api.store.headPosition();
      const response = await as('buyer').post('/contracts', draft);
      const written = (await api.store.headPosition()) - before;
      if (response.status === 422) {
        expect({ written, code: response.body.code }).toEqual({ written: 0, code: expect.stringMatching(/^[A-Z0-9_]+$/) });
        return;
      }
      expect({ status: response.status, written }).toEqual({ status: 201, written: 1 });
      const read = await as('buyer').get(`/contracts/${response.body.contractId}`).expect(200);
      for (const [field, value] of Object.entries(draft)) expect({ field, value: read.body[field] }).toEqual({ field, value });
    });
    await fc.assert(property, { seed: SEED, numRuns: 25 });
  });
});
