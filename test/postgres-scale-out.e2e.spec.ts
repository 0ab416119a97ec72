import { describeScaleOut, runScaleOut } from './cluster/scale-out';

/**
 * Scale-out on the PostgreSQL store (issue 17; needs `npm run build`): the built api and worker, 2 of each, as
 * separate processes on one PostgreSQL schema of the run's own and the Redis of REDIS_URL under prefixes of the
 * run's own, each process with a DATA_DIR of its own (its read models), as on machines of their own. The load
 * goes through both apis; api-1 is SIGKILLed mid-load and started again, the commands it had in flight retried
 * through api-2 with the same Idempotency-Key. Afterwards every acknowledged command is stored once, the read
 * models of both apis (and of both workers) equal a rebuild from the log, every notification reached the webhook
 * and none was recorded as delivered twice (test/cluster/checks.ts). `npm run scale-out` with
 * SCALE_OUT_STORE=postgres runs it longer.
 */
describe('2 apis and 2 workers on one PostgreSQL store, an api killed mid-load', () => {
  it('stores every acknowledged command once and serves read models equal to a rebuild from every api', async () => {
    const lines: string[] = [];
    const result = await runScaleOut({
      store: 'postgres',
      redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      loadSeconds: 20,
      lanes: 4,
      killApiAfterSeconds: 8,
      settleTimeoutMs: 45_000,
      log: (line) => lines.push(line),
    });
    const report = describeScaleOut(result);
    console.log([...lines, report].join('\n'));

    expect(result.checks.problems).toEqual([]);
    expect(result.apiKills).toBe(1);
    expect(result.driver.abandoned).toBe(0);
    expect(result.checks.found).toBe(result.checks.acknowledged);
    expect(result.checks.readModelCopies).toBe(4);
    // Both apis took part, before and after the kill.
    expect(result.acknowledgedByApi['api-1']).toBeGreaterThan(0);
    expect(result.acknowledgedByApi['api-2']).toBeGreaterThan(0);
    expect(result.ok).toBe(true);
    // About 45 s on a quiet 2-core machine; the margin is for a loaded one, where the killed api takes longer to start again.
  }, 150_000);
});
