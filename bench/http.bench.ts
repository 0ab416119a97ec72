/**
 * HTTP throughput and latency of a representative command and query of the api, each next to the framework
 * ceiling: a Nest app with one trivial controller on the same adapter, bare and behind the product's request
 * stack (see bench/http/targets.ts), plus the bare ceiling on Fastify. Every server runs in its own process;
 * autocannon runs here.
 *   npm run bench:http
 *   BENCH_DURATION=10 BENCH_ROUNDS=5 BENCH_CONNECTIONS=10 npm run bench:http
 *
 * Command: AdjustOrder (POST …/orders/:orderId/adjustments), each request a valid adjustment accepted under the
 * volume clause (+1 and −1 in turn on each order, so the clause bound is never reached), with its own
 * Idempotency-Key, spread over a pool of active contracts so that no two requests in flight write the same
 * stream. Query: GET /contracts/:contractId of a contract with a dozen events.
 */
import autocannon from 'autocannon';
import { ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { DEVELOPMENT_JWT_SECRET, signDevelopmentToken } from '@app/shared';
import { FRAMEWORK, OPEN_DAY_LOT, PATHWAY_LOT } from '../test/support/procurement-fixtures';
import { siretOf, TEST_CERTIFICATE } from '../test/support/provider-register-fixtures';

const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
/** Contracts the command requests take turns on: enough that a contract is free whenever a request starts. */
const POOL = CONNECTIONS * 4;

/** Writes a V8 CPU profile of each server there (open in Chrome DevTools), e.g. BENCH_PROFILE=/tmp/http-profiles. */
const PROFILE_DIR = process.env.BENCH_PROFILE;
/** Only the rows whose name contains one of these (comma-separated), e.g. BENCH_ONLY=command. */
const ONLY = process.env.BENCH_ONLY?.split(',');

const SERVER_ENV = { LOG_LEVEL: 'info', THROTTLE_LIMIT: '1000000', NODE_ENV: 'development' };

interface Server {
  kind: string;
  url: string;
  child: ChildProcess;
}

function startServer(kind: string): Promise<Server> {
  const child = fork(join(__dirname, 'http', 'targets.ts'), [kind], {
    // ts-node, not tsx: Nest's injection needs the decorator metadata esbuild does not emit.
    execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', ...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${join(PROFILE_DIR, kind)}`] : [])],
    env: { ...process.env, ...SERVER_ENV },
    // Request logs are written (as in production) and thrown away.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message: { port: number }) => resolve({ kind, url: `http://127.0.0.1:${message.port}`, child }));
    child.once('exit', (code) => reject(new Error(`${kind} exited with ${code}`)));
  });
}

async function call(url: string, token: string, method: string, path: string, body?: object): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

/** The provider in the register with a Qualiopi certificate, as awards require; once per server (a second call finds it). */
async function certified(url: string, token: string, providerId: string): Promise<void> {
  const entry = { providerId, legalName: `Organisme ${providerId}`, siret: siretOf(providerId), declarationNumber: '84691234569' };
  const registered = await fetch(`${url}/providers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(entry),
  });
  if (registered.status === 422) return;
  if (!registered.ok) throw new Error(`POST /providers: ${registered.status} ${await registered.text()}`);
  await call(url, token, 'POST', `/providers/${providerId}/qualiopi-certificates`, { certificate: { ...TEST_CERTIFICATE, number: `QUALIOPI-BENCH-${providerId}` } });
}

/** An active framework agreement (as the end-to-end fixture) with one order of 10 pathways on LOT-1. */
async function contractWithOrder(url: string, token: string): Promise<{ contractId: string; orderId: string }> {
  const contractId = (await call(url, token, 'POST', '/contracts', FRAMEWORK)).contractId as string;
  const on = `/contracts/${contractId}`;
  await call(url, token, 'POST', `${on}/lots`, PATHWAY_LOT);
  await call(url, token, 'POST', `${on}/lots`, OPEN_DAY_LOT);
  await call(url, token, 'POST', `${on}/clauses`, { clauseId: 'VOL-1', lotId: 'LOT-1', terms: { type: 'VOLUME', unitType: 'PATHWAY', percent: 20 } });
  await call(url, token, 'POST', `${on}/publish`);
  for (const providerId of ['of-a', 'of-b']) await certified(url, token, providerId);
  await call(url, token, 'POST', `${on}/lots/LOT-1/award`, { providerIds: ['of-a'], bidsReceived: 3 });
  await call(url, token, 'POST', `${on}/lots/LOT-2/award`, { providerIds: ['of-b'], bidsReceived: 3 });
  await call(url, token, 'POST', `${on}/activate`);
  const order = { lotId: 'LOT-1', lines: [{ unitType: 'PATHWAY', quantity: 10 }], sessions: [], periodStart: '2026-04-01', periodEnd: '2026-12-31' };
  const orderId = (await call(url, token, 'POST', `${on}/orders`, order)).orderId as string;
  return { contractId, orderId };
}

interface Measure {
  name: string;
  server: Server;
  /** autocannon requests, given the base request (headers with the token). */
  requests: () => autocannon.RequestSpec[];
}

/** First answer that was not 2xx, per row: printed once, so that a broken row says why. */
const firstFailures = new Map<string, string>();

function reportingFailures(measure: Measure): autocannon.RequestSpec[] {
  return measure.requests().map((spec) => ({
    ...spec,
    onResponse: (status, body, context) => {
      if ((status < 200 || status >= 300) && !firstFailures.has(measure.name)) {
        firstFailures.set(measure.name, `${status} ${body.slice(0, 200)}`);
        console.error(`${measure.name}: first non-2xx answer: ${status} ${body.slice(0, 200)}`);
      }
      spec.onResponse?.(status, body, context);
    },
  }));
}

/** CPU time the server process has used so far, in µs. */
function cpuOf(server: Server): Promise<number> {
  return new Promise((resolve) => {
    server.child.once('message', (message: { cpu: number }) => resolve(message.cpu));
    server.child.send('cpu');
  });
}

/** One autocannon run, with the server's CPU time per request: unlike rates, it hardly moves with the machine's load. */
async function run(measure: Measure): Promise<autocannon.Result & { cpuMsPerRequest: number }> {
  const before = await cpuOf(measure.server);
  const result = await autocannon({ url: measure.server.url, connections: CONNECTIONS, duration: DURATION, requests: reportingFailures(measure) });
  const cpu = (await cpuOf(measure.server)) - before;
  return { ...result, cpuMsPerRequest: cpu / 1000 / Math.max(1, result.requests.total) };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function main(): Promise<void> {
  const token = await signDevelopmentToken({ sub: 'bench-buyer', role: 'buyer', tenant: 'ARA' }, DEVELOPMENT_JWT_SECRET);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  console.error(`Starting servers (${cpus().length} cores, load ${loadavg().map((load) => load.toFixed(1)).join(' ')})…`);
  const [api, bareExpress, stackExpress, bareFastify] = await Promise.all(['api', 'bare-express', 'stack-express', 'bare-fastify'].map(startServer));
  const servers = [api, bareExpress, stackExpress, bareFastify];
  try {
    console.error(`Setting up ${POOL + 1} contracts…`);
    const pool: Array<{ contractId: string; orderId: string; delta: number }> = [];
    for (let i = 0; i < POOL; i++) pool.push({ ...(await contractWithOrder(api.url, token)), delta: 1 });
    const queried = await contractWithOrder(api.url, token);

    let refusedCommands = 0;
    // A contract is busy from the building of its request to its answer; a request built but not sent when a
    // run ends leaves it busy, so every run starts with all free.
    const busy = new Set<(typeof pool)[number]>();
    let turn = 0;
    const adjustments = (): autocannon.RequestSpec[] => {
      busy.clear();
      return [
        {
          method: 'POST',
          setupRequest: (request, context) => {
            let target = pool[turn++ % pool.length];
            while (busy.has(target)) target = pool[turn++ % pool.length];
            busy.add(target);
            context.target = target;
            return {
              ...request,
              path: `/contracts/${target.contractId}/orders/${target.orderId}/adjustments`,
              headers: { ...headers, 'idempotency-key': `bench-${randomUUID()}` },
              body: JSON.stringify({ clauseId: 'VOL-1', reason: 'Liste d’attente', adjustment: { kind: 'CHANGE_QUANTITY', unitType: 'PATHWAY', delta: target.delta } }),
            };
          },
          onResponse: (status, _body, context) => {
            const target = context.target as (typeof pool)[number];
            if (status === 200) target.delta = -target.delta;
            else refusedCommands += 1;
            busy.delete(target);
          },
        },
      ];
    };
    const trivialCommand = (): autocannon.RequestSpec[] => [
      {
        method: 'POST',
        path: `/bare/${queried.contractId}/commands`,
        headers: { ...headers, 'idempotency-key': `bench-${randomUUID()}` },
        body: JSON.stringify({ kind: 'CHANGE_QUANTITY', delta: 1, reason: 'Liste d’attente' }),
      },
    ];
    const get = (path: string) => (): autocannon.RequestSpec[] => [{ method: 'GET', path, headers }];

    const allMeasures: Measure[] = [
      { name: 'command: AdjustOrder (api, Express)', server: api, requests: adjustments },
      { name: 'command ceiling: bare Nest, Express', server: bareExpress, requests: trivialCommand },
      { name: 'command ceiling: Nest + our stack, Express', server: stackExpress, requests: trivialCommand },
      { name: 'command ceiling: bare Nest, Fastify', server: bareFastify, requests: trivialCommand },
      { name: 'query: GET contract (api, Express)', server: api, requests: get(`/contracts/${queried.contractId}`) },
      { name: 'query ceiling: bare Nest, Express', server: bareExpress, requests: get(`/bare/${queried.contractId}`) },
      { name: 'query ceiling: Nest + our stack, Express', server: stackExpress, requests: get(`/bare/${queried.contractId}`) },
      { name: 'query ceiling: bare Nest, Fastify', server: bareFastify, requests: get(`/bare/${queried.contractId}`) },
    ];
    const measures = allMeasures.filter((measure) => !ONLY || ONLY.some((part) => measure.name.includes(part)));
    // Warm-up (JIT, connection pools), not counted.
    for (const measure of measures) await autocannon({ url: measure.server.url, connections: CONNECTIONS, duration: 1, requests: measure.requests() });
    refusedCommands = 0;

    const results = new Map<string, Array<autocannon.Result & { cpuMsPerRequest: number }>>(measures.map((measure) => [measure.name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      // Taking turns, in a rotated order, so that drift in the machine's load hits every row alike.
      const order = measures.map((_, i) => measures[(i + round) % measures.length]);
      for (const measure of order) {
        const result = await run(measure);
        results.get(measure.name)!.push(result);
        console.error(`round ${round + 1}/${ROUNDS} ${measure.name}: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}, CPU ${result.cpuMsPerRequest.toFixed(2)} ms/request`);
      }
    }

    const rows = measures.map((measure) => {
      const runs = results.get(measure.name)!;
      return {
        name: measure.name,
        rate: median(runs.map((r) => r.requests.average)),
        p50: median(runs.map((r) => r.latency.p50)),
        p99: median(runs.map((r) => r.latency.p99)),
        cpu: median(runs.map((r) => r.cpuMsPerRequest)),
        failed: runs.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0),
      };
    });
    const rateOf = (name: string) => rows.find((row) => row.name === name)?.rate ?? NaN;
    const width = Math.max(...rows.map((row) => row.name.length));
    console.log(`\nHTTP bench: ${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION} s per row (medians), ${cpus().length} cores shared with other work`);
    console.log(`${'row'.padEnd(width)} | req/s  | p50 ms | p99 ms | server CPU ms/req | non-2xx`);
    console.log(`${'-'.repeat(width)}-|--------|--------|--------|-------------------|--------`);
    for (const row of rows) {
      console.log(`${row.name.padEnd(width)} | ${row.rate.toFixed(0).padStart(6)} | ${String(row.p50).padStart(6)} | ${String(row.p99).padStart(6)} | ${row.cpu.toFixed(2).padStart(17)} | ${String(row.failed).padStart(7)}`);
    }
    const ratio = (a: string, b: string) => `${((100 * rateOf(a)) / rateOf(b)).toFixed(0)}%`;
    console.log('');
    console.log(`command / bare Express ceiling:   ${ratio(allMeasures[0].name, allMeasures[1].name)} (target ≥ 50%)`);
    console.log(`command / stack Express ceiling:  ${ratio(allMeasures[0].name, allMeasures[2].name)}`);
    console.log(`query / bare Express ceiling:     ${ratio(allMeasures[4].name, allMeasures[5].name)}`);
    console.log(`query / stack Express ceiling:    ${ratio(allMeasures[4].name, allMeasures[6].name)}`);
    console.log(`bare Fastify / bare Express:      command ${ratio(allMeasures[3].name, allMeasures[1].name)}, query ${ratio(allMeasures[7].name, allMeasures[5].name)}`);
    const adjustmentsPerContract = (results.get(allMeasures[0].name) ?? []).reduce((sum, r) => sum + r.requests.total, 0) / POOL;
    console.log(`contract streams after the run: ~${Math.round(adjustmentsPerContract + 11)} events each (${POOL} contracts); commands refused: ${refusedCommands}`);
  } finally {
    for (const server of servers) server.child.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
