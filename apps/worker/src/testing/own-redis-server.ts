import { ChildProcess, spawn } from 'node:child_process';
import { AddressInfo, createServer } from 'node:net';
import Redis from 'ioredis';
import { redisConnection } from '@app/shared';

/**
 * For tests that restart Redis: a redis-server of the test's own on a free port, without persistence, so a
 * restart loses every key (the shared Redis of the other tests must never be restarted).
 */
export class OwnRedisServer {
  private server?: ChildProcess;
  /** A connection for the test's own looks at the keys. */
  probe!: Redis;

  private constructor(
    readonly port: number,
    private readonly folder: string,
  ) {}

  static async start(folder: string): Promise<OwnRedisServer> {
    const listener = createServer();
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const { port } = listener.address() as AddressInfo;
    await new Promise((resolve) => listener.close(resolve));
    const redis = new OwnRedisServer(port, folder);
    redis.probe = redisConnection(redis.url);
    redis.probe.on('error', () => undefined);
    await redis.startServer();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  private async startServer(): Promise<void> {
    this.server = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.folder], {
      stdio: 'ignore',
    });
    await until('redis-server to answer', async () => (await this.probe.ping().catch(() => '')) === 'PONG');
  }

  /** SIGKILL, then a new server on the same port: every key is gone. */
  async restartEmpty(): Promise<void> {
    await this.kill();
    await this.startServer();
  }

  /** SIGKILL, leaving the port without a server until `startAgain`. */
  async kill(): Promise<void> {
    const server = this.server!;
    if (server.exitCode !== null || server.signalCode !== null) return;
    await new Promise((resolve) => {
      server.once('exit', resolve);
      server.kill('SIGKILL');
    });
  }

  /** A new, empty server on the same port after `kill`. */
  startAgain(): Promise<void> {
    return this.startServer();
  }

  /** Changes with every start of a server. */
  async runId(): Promise<string> {
    return /run_id:(\w+)/.exec(await this.probe.info('server'))![1];
  }

  stop(): void {
    this.probe.disconnect();
    this.server?.kill('SIGKILL');
  }
}

export async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
