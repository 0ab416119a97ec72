import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { AddressInfo, createServer, Socket } from 'node:net';
import { join } from 'node:path';

/**
 * The processes of a local cluster run: the built api and worker (`npm run build`) and a redis-server of the
 * run's own, each started, SIGKILLed and restarted on demand.
 */

const REPO_ROOT = join(__dirname, '..', '..');
export const API_MAIN = join(REPO_ROOT, 'dist', 'apps', 'api', 'main.js');
export const WORKER_MAIN = join(REPO_ROOT, 'dist', 'apps', 'worker', 'main.js');

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function eventually<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export function requireBuild(): void {
  for (const main of [API_MAIN, WORKER_MAIN]) {
    if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first.`);
  }
}

/** A long-running child process that the run may kill (SIGKILL) and start again; keeps the end of its output. */
export class ManagedProcess {
  private child?: ChildProcess;
  private exited: Promise<void> = Promise.resolve();
  private readonly log: string[] = [];
  private readonly killedByRun = new Set<ChildProcess>();
  /** Set when the process ends without being killed by the run (a start-up failure, a crash). */
  failure?: string;
  starts = 0;
  kills = 0;

  constructor(
    readonly name: string,
    private readonly command: string,
    private readonly args: string[],
    private readonly env: NodeJS.ProcessEnv,
    /** Resolves once the process serves (its port answers, say). */
    private readonly ready: () => Promise<void>,
  ) {}

  async start(): Promise<void> {
    this.starts += 1;
    const child = spawn(this.command, this.args, { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const generation = this.starts;
    const keep = (chunk: Buffer): void => {
      this.log.push(`[${this.name} #${generation}] ${chunk.toString('utf8')}`);
      if (this.log.length > 100) this.log.shift();
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        if (!this.killedByRun.has(child)) this.failure ??= `${this.name} #${generation} exited by itself (code ${code}, signal ${signal})`;
        resolve();
      }),
    );
    this.child = child;
    await this.ready();
  }

  /** SIGKILL: no shutdown hook runs, whatever was in flight is cut. */
  async kill(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.killedByRun.add(this.child);
    this.kills += 1;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, for the end of the run: lets the process close its queues and files. */
  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.killedByRun.add(this.child);
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  tail(lines = 30): string {
    return this.log.slice(-lines).join('');
  }
}

/** Resolves once something answers HTTP on this port (any status: a 503 health is still a listening server). */
export function httpAnswers(port: number, timeoutMs = 60_000): () => Promise<void> {
  return async () => {
    await eventually(
      `an answer on port ${port}`,
      async () => {
        try {
          await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2000) });
          return true;
        } catch {
          return undefined;
        }
      },
      timeoutMs,
      100,
    );
  };
}

export interface AppSettings {
  dataDir: string;
  redisUrl: string;
  prefix: string;
  logLevel?: string;
  /** Further settings: the event store's, the rate limit's Redis prefix. */
  env?: Record<string, string>;
}

/** The environment both apps get: a data folder (embedded store), one Redis and BullMQ prefix, and `settings.env`. */
export function appEnvironment(settings: AppSettings, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    DATA_DIR: settings.dataDir,
    REDIS_URL: settings.redisUrl,
    BULLMQ_PREFIX: settings.prefix,
    LOG_LEVEL: settings.logLevel ?? process.env.CLUSTER_LOG_LEVEL ?? 'warn',
    NOTIFICATION_MAX_ATTEMPTS: '10',
    NOTIFICATION_BACKOFF_MS: '100',
    // The load comes from one address with a handful of tokens: the rate limit must not answer it 429.
    THROTTLE_LIMIT: '1000000',
    // The providers' hooks are a local server (webhook-recorder).
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    ...settings.env,
    ...extra,
  };
}

export function apiProcess(name: string, port: number, settings: AppSettings): ManagedProcess {
  return new ManagedProcess(name, process.execPath, [API_MAIN], appEnvironment(settings, { PORT: String(port) }), httpAnswers(port));
}

export function workerProcess(name: string, healthPort: number, settings: AppSettings): ManagedProcess {
  return new ManagedProcess(
    name,
    process.execPath,
    [WORKER_MAIN],
    appEnvironment(settings, { WORKER_HEALTH_PORT: String(healthPort) }),
    httpAnswers(healthPort),
  );
}

/**
 * A redis-server of the run's own on a free port (never the shared one on 6379), without snapshots. With
 * `appendonly` false a restart loses every queued job: the harshest case, which the product must survive
 * (the outbox and the adjustment triggers offer their work again).
 */
export function redisProcess(port: number, folder: string, appendonly: boolean): ManagedProcess {
  mkdirSync(folder, { recursive: true });
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', appendonly ? 'yes' : 'no', '--dir', folder];
  return new ManagedProcess('redis', 'redis-server', args, { PATH: process.env.PATH }, async () => {
    await eventually(
      `redis on port ${port}`,
      () =>
        new Promise<true | undefined>((resolve) => {
          const socket = new Socket();
          socket.once('error', () => resolve(undefined));
          socket.connect(port, '127.0.0.1', () => {
            socket.write('PING\r\n');
            socket.once('data', (data: Buffer) => {
              socket.destroy();
              resolve(data.toString().startsWith('+PONG') ? true : undefined);
            });
          });
        }),
      10_000,
      50,
    );
  });
}
